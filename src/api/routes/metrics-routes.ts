import type { FastifyInstance } from 'fastify';
import { documented } from '../doc-only-schema.js';
import { renderMetrics } from '../metrics.js';

/** GET /metrics: Prometheus text; job gauges are read from the queues at each scrape (not logged per request). */
export function registerMetricsRoutes(app: FastifyInstance): void {
  app.get('/metrics', { ...documented('getMetrics'), logLevel: 'warn' }, async (_request, reply) => {
    const { contentType, body } = await renderMetrics();
    return reply.type(contentType).send(body);
  });
}
