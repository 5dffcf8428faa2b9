import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../api-deps.js';
import type { ApiToken } from '../auth/api-token.js';
import { requireBearerToken } from '../auth/require-token.js';
import { documented } from '../doc-only-schema.js';
import { decodeCursor, encodeCursor, pageParams, sendPage } from '../paging.js';
import { urnParam } from '../request-input.js';

interface UrnParams {
  urn: string;
}

/**
 * The watchlist the daemon sweeps, with the counts `watch add/remove --json` print: POST answers 201
 * when the URN was added and 200 when it was already watched.
 */
export function registerWatchlistRoutes(app: FastifyInstance, deps: Pick<ApiDeps, 'store'>, token: ApiToken): void {
  // A page at a time, in the order `watch list` prints (added, then URN); the cursor is the last entry.
  app.get('/api/watchlist', documented('listWatchlist'), async (request, reply) => {
    const { limit, cursor } = pageParams(request.query);
    const key = cursor === undefined ? undefined : decodeCursor('watchlist', cursor, ['string', 'string']);
    const after = key ? { addedAt: key[0] as string, urn: key[1] as string } : undefined;
    const rows = await deps.store.pageWatchList({ limit: limit + 1, ...(after ? { after } : {}) });
    return sendPage(request, reply, rows, limit, (last) => encodeCursor('watchlist', [last.addedAt, last.urn]), (items) => items);
  });

  app.post<{ Params: UrnParams }>('/api/watchlist/:urn', { ...documented('addToWatchlist'), onRequest: requireBearerToken(token) }, async (request, reply) => {
    const urn = urnParam(request.params.urn);
    const added = await deps.store.watchAdd([urn]);
    return reply.code(added > 0 ? 201 : 200).send({ added, alreadyWatched: 1 - added });
  });

  app.delete<{ Params: UrnParams }>('/api/watchlist/:urn', { ...documented('removeFromWatchlist'), onRequest: requireBearerToken(token) }, async (request) => {
    const urn = urnParam(request.params.urn);
    const removed = await deps.store.watchRemove([urn]);
    return { removed, notWatched: 1 - removed };
  });
}
