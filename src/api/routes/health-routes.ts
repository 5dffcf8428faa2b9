import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../api-deps.js';
import { documented } from '../doc-only-schema.js';
import { withTimeout } from '../with-timeout.js';

/** A health probe must answer fast even when a dependency hangs (ioredis queues commands while reconnecting). */
const HEALTH_TIMEOUT_MS = 2_000;

type Check = 'ok' | 'unreachable';

/**
 * GET /health: 200 `{ redis: "ok", db: "ok" }`, or 503 naming what did not answer. Probes call it every
 * few seconds, so its request lines are logged only at warn (a failing check still is).
 */
export function registerHealthRoutes(app: FastifyInstance, deps: Pick<ApiDeps, 'redis' | 'store'>): void {
  app.get('/health', { ...documented('getHealth'), logLevel: 'warn' }, async (request, reply) => {
    const check = async (name: string, ping: () => Promise<unknown>): Promise<Check> => {
      try {
        await withTimeout(ping(), HEALTH_TIMEOUT_MS, name);
        return 'ok';
      } catch (error) {
        request.log.warn({ check: name, reason: (error as Error).message }, 'health check failed');
        return 'unreachable';
      }
    };
    const [redis, db] = await Promise.all([check('redis', () => deps.redis.ping()), check('db', () => deps.store.ping())]);
    return reply.code(redis === 'ok' && db === 'ok' ? 200 : 503).send({ redis, db });
  });
}
