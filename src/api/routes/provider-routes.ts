import type { FastifyInstance } from 'fastify';
import { jobSettingsFromConfig } from '../../../workers/job-options.js';
import { enqueueManualScrape } from '../../../workers/manual-scrape.js';
import type { ApiDeps } from '../api-deps.js';
import type { ApiToken } from '../auth/api-token.js';
import { requireBearerToken } from '../auth/require-token.js';
import { documented } from '../doc-only-schema.js';
import { HttpError } from '../http-error.js';
import { decodeCursor, encodeCursor, pageParams, sendPage } from '../paging.js';
import { urnParam } from '../request-input.js';

interface UrnParams {
  urn: string;
}

/**
 * Providers as stored (same JSON as the CLI's `--json`, the list a page at a time), and the manual re-scrape.
 * GET /api/providers/<URN> is the stored provider plus `latestInspection` (its newest history entry).
 */
export function registerProviderRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'config' | 'store' | 'queues'>,
  token: ApiToken,
): void {
  // The same enqueue as `scrape --queue`: one pending provider job per URN, the sweep's retry settings.
  const jobSettings = jobSettingsFromConfig(deps.config);
  // One page of stored providers in URN order; the cursor is the last URN given.
  app.get('/api/providers', documented('listProviders'), async (request, reply) => {
    const { limit, cursor } = pageParams(request.query);
    const afterUrn = cursor === undefined ? undefined : (decodeCursor('providers', cursor, ['string'])[0] as string);
    const rows = await deps.store.pageProviders({ limit: limit + 1, ...(afterUrn === undefined ? {} : { afterUrn }) });
    return sendPage(request, reply, rows, limit, (last) => encodeCursor('providers', [last.urn]), (items) => items);
  });

  app.get<{ Params: UrnParams }>('/api/providers/:urn', documented('getProvider'), async (request) => {
    const urn = urnParam(request.params.urn);
    const provider = await deps.store.getProvider(urn);
    if (!provider) {
      throw new HttpError(404, `nothing stored for ${urn} yet: POST /api/providers/${urn}/scrape to fetch it`);
    }
    const history = await deps.store.history(urn);
    return { ...provider, latestInspection: history.at(-1) ?? null };
  });

  app.get<{ Params: UrnParams }>('/api/providers/:urn/history', documented('getHistory'), async (request) =>
    deps.store.history(urnParam(request.params.urn)),
  );

  app.post<{ Params: UrnParams }>(
    '/api/providers/:urn/scrape',
    { ...documented('scrapeProvider'), onRequest: requireBearerToken(token) },
    async (request, reply) => {
      const urn = urnParam(request.params.urn);
      const queued = await enqueueManualScrape(deps.queues.provider, urn, jobSettings);
      request.log.info({ urn, jobId: queued.jobId, deduplicated: queued.deduplicated }, 'manual scrape queued');
      return reply
        .code(202)
        .header('location', `/api/jobs/${encodeURIComponent(queued.jobId)}`)
        .send(queued);
    },
  );
}
