import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../api-deps.js';
import { documented } from '../doc-only-schema.js';
import { eventFilter } from '../request-input.js';

/** GET /api/events?since=<ISO date>&urn=<URN>: stored change events, oldest first (as `events --json`). */
export function registerEventRoutes(app: FastifyInstance, deps: Pick<ApiDeps, 'store'>): void {
  app.get('/api/events', documented('listEvents'), async (request) => deps.store.listEvents(eventFilter(request.query)));
}
