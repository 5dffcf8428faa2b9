import type { FastifyInstance } from 'fastify';
import { JOB_SCHEDULERS } from '../../../workers/queues.js';
import { readScheduleStatus, type ScheduleStatus } from '../../../workers/schedule-status.js';
import type { ApiDeps } from '../api-deps.js';
import { documented } from '../doc-only-schema.js';
import { withTimeout } from '../with-timeout.js';

/** A health probe must answer fast even when a dependency hangs (ioredis queues commands while reconnecting). */
const HEALTH_TIMEOUT_MS = 2_000;

type Check = 'ok' | 'unreachable';

/** The schedule's part of the answer; `unknown` when Redis did not say. */
interface ScheduleHealth {
  schedulers: Record<string, 'ok' | 'missing' | 'unknown'>;
  sweep: { status: ScheduleStatus['sweep']['status'] | 'unknown'; lastStartedAt: string | null; nextDueAt: string | null };
}

/** The body of GET /health, 200 or 503. */
export interface HealthAnswer extends ScheduleHealth {
  redis: Check;
  db: Check;
}

const UNKNOWN: ScheduleHealth = {
  schedulers: Object.fromEntries(JOB_SCHEDULERS.map((s) => [s.id, 'unknown'])),
  sweep: { status: 'unknown', lastStartedAt: null, nextDueAt: null },
};

/**
 * GET /health: 200 `{ redis: "ok", db: "ok", schedulers: {...}, sweep: {...} }`, or 503 naming what is
 * wrong: a dependency that did not answer, a job scheduler missing from Redis, or a sweep tick that no
 * worker started in time. The schedule is read from Redis, not from what this process set up, so a daemon
 * started without the scheduler reports the shared schedule too. Probes call it every few seconds, so its
 * request lines are logged only at warn (a failing check still is).
 */
export function registerHealthRoutes(app: FastifyInstance, deps: Pick<ApiDeps, 'redis' | 'store' | 'queues' | 'config'>): void {
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
    const schedule = async (): Promise<ScheduleHealth> => {
      try {
        return await withTimeout(readScheduleStatus(deps.queues, { overdueAfterMs: deps.config.SWEEP_OVERDUE_MS }), HEALTH_TIMEOUT_MS, 'schedule');
      } catch (error) {
        request.log.warn({ check: 'schedule', reason: (error as Error).message }, 'health check failed');
        return UNKNOWN;
      }
    };
    const [redis, db, { schedulers, sweep }] = await Promise.all([
      check('redis', () => deps.redis.ping()),
      check('db', () => deps.store.ping()),
      schedule(),
    ]);
    const scheduled = Object.values(schedulers).every((s) => s === 'ok') && sweep.status === 'ok';
    // With Redis down the cause is already logged; otherwise say which scheduler or tick is wrong.
    if (!scheduled && redis === 'ok') request.log.warn({ schedulers, sweep }, 'health check failed: the schedule');
    const healthy = redis === 'ok' && db === 'ok' && scheduled;
    const answer: HealthAnswer = { redis, db, schedulers, sweep };
    return reply.code(healthy ? 200 : 503).send(answer);
  });
}
