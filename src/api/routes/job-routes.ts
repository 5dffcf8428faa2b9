import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../api-deps.js';
import { documented } from '../doc-only-schema.js';
import { HttpError } from '../http-error.js';
import { findJob } from '../job-view.js';
import { jobIdParam } from '../request-input.js';

/** GET /api/jobs/<id>: a provider, report or sweep job's state, progress and outcome. */
export function registerJobRoutes(app: FastifyInstance, deps: Pick<ApiDeps, 'queues'>): void {
  const { provider, report, sweep, notify } = deps.queues;
  app.get<{ Params: { id: string } }>('/api/jobs/:id', documented('getJob'), async (request) => {
    const id = jobIdParam(request.params.id);
    // Provider first: the ids this API hands out are provider job ids.
    const job = await findJob([provider, report, sweep, notify], id);
    if (!job) throw new HttpError(404, `no job ${id} (finished jobs are kept only for a while)`);
    return job;
  });
}
