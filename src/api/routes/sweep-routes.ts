import type { FastifyInstance } from 'fastify';
import { jobSettingsFromConfig } from '../../../workers/job-options.js';
import { enqueueSweep } from '../../../workers/manual-sweep.js';
import type { ApiDeps } from '../api-deps.js';
import type { ApiToken } from '../auth/api-token.js';
import { requireBearerToken } from '../auth/require-token.js';
import { documented } from '../doc-only-schema.js';
import { fullSweepParam } from '../request-input.js';

/** POST /api/sweeps: what `sweep [--full]` does, for the dashboard and scripts. */
export function registerSweepRoutes(app: FastifyInstance, deps: Pick<ApiDeps, 'config' | 'queues'>, token: ApiToken): void {
  const jobSettings = jobSettingsFromConfig(deps.config);
  app.post('/api/sweeps', { ...documented('startSweep'), onRequest: requireBearerToken(token) }, async (request, reply) => {
    const full = fullSweepParam(request.query);
    const queued = await enqueueSweep(deps.queues.sweep, full, jobSettings);
    request.log.info({ full, jobId: queued.jobId }, full ? 'full sweep queued' : 'discovery queued');
    return reply.code(202).header('location', `/api/jobs/${encodeURIComponent(queued.jobId)}`).send(queued);
  });
}
