import type { Queue } from 'bullmq';
import { BadInputError } from '../src/errors.js';
import { DIGEST_JOB, DIGEST_SCHEDULER_ID, OUTBOX_JOB, OUTBOX_SCHEDULER_ID, type NotifyJobData } from './queues.js';

const TICK_OPTIONS = { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } };

/**
 * The outbox tick (every OUTBOX_INTERVAL_MS), once across daemons. Apart from the digest's so that either is
 * re-created alone when it goes missing, leaving the other's pending tick alone.
 */
export async function scheduleOutbox(queue: Queue<NotifyJobData>, everyMs: number): Promise<void> {
  await queue.upsertJobScheduler(OUTBOX_SCHEDULER_ID, { every: everyMs }, { name: OUTBOX_JOB, data: {}, opts: TICK_OPTIONS });
}

/** The daily digest (cron DIGEST_SCHEDULE, UTC), once across daemons. */
export async function scheduleDigest(queue: Queue<NotifyJobData>, pattern: string): Promise<void> {
  try {
    await queue.upsertJobScheduler(DIGEST_SCHEDULER_ID, { pattern, tz: 'UTC' }, { name: DIGEST_JOB, data: {}, opts: TICK_OPTIONS });
  } catch (err) {
    if (err instanceof Error && /cron|pattern|invalid|Validation/i.test(`${err.name} ${err.message}`)) {
      throw new BadInputError(`DIGEST_SCHEDULE ${JSON.stringify(pattern)} is not a cron pattern: ${err.message}`);
    }
    throw err;
  }
}
