import type { Queue } from 'bullmq';
import { BadInputError } from '../src/errors.js';
import { DIGEST_JOB, DIGEST_SCHEDULER_ID, OUTBOX_JOB, OUTBOX_SCHEDULER_ID, type NotifyJobData } from './queues.js';

const TICK_OPTIONS = { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } };

/** The outbox tick (every OUTBOX_INTERVAL_MS) and the daily digest (cron DIGEST_SCHEDULE, UTC), once across daemons. */
export async function scheduleAlerts(queue: Queue<NotifyJobData>, o: { outboxEveryMs: number; digestPattern: string }): Promise<void> {
  await queue.upsertJobScheduler(OUTBOX_SCHEDULER_ID, { every: o.outboxEveryMs }, { name: OUTBOX_JOB, data: {}, opts: TICK_OPTIONS });
  try {
    await queue.upsertJobScheduler(DIGEST_SCHEDULER_ID, { pattern: o.digestPattern, tz: 'UTC' }, { name: DIGEST_JOB, data: {}, opts: TICK_OPTIONS });
  } catch (err) {
    if (err instanceof Error && /cron|pattern|invalid|Validation/i.test(`${err.name} ${err.message}`)) {
      throw new BadInputError(`DIGEST_SCHEDULE ${JSON.stringify(o.digestPattern)} is not a cron pattern: ${err.message}`);
    }
    throw err;
  }
}
