import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../api-deps.js';
import { documented } from '../doc-only-schema.js';
import { decodeCursor, encodeCursor, pageParams, sendPage } from '../paging.js';
import { eventFilter } from '../request-input.js';

/**
 * GET /api/events?since=<ISO date>&urn=<URN>: stored change events, oldest first (as `events --json`),
 * one page at a time (paging.ts); the cursor is the last event's insertion number.
 */
export function registerEventRoutes(app: FastifyInstance, deps: Pick<ApiDeps, 'store'>): void {
  app.get('/api/events', documented('listEvents'), async (request, reply) => {
    const filter = eventFilter(request.query);
    const { limit, cursor } = pageParams(request.query);
    const afterSeq = cursor === undefined ? undefined : (decodeCursor('events', cursor, ['number'])[0] as number);
    const rows = await deps.store.pageEvents({ ...filter, order: 'oldest-first', limit: limit + 1, ...(afterSeq === undefined ? {} : { afterSeq }) });
    return sendPage(request, reply, rows, limit, (last) => encodeCursor('events', [last.seq]), (items) => items.map((r) => r.event));
  });
}
