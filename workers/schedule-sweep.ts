import type { Queue } from 'bullmq';
import { BadInputError } from '../src/errors.js';
import { sweepJobOptions, type JobSettings } from './job-options.js';
import { SWEEP_JOB, SWEEP_SCHEDULER_ID, type SweepJobData } from './queues.js';

/**
 * Create or update the one job scheduler of the watchlist sweep (cron SCRAPE_SCHEDULE, UTC). Every daemon
 * with the scheduler calls it at start, and again whenever Redis lost it (schedule-keeper.ts); the scheduler
 * lives in Redis, so however many run, each tick makes one sweep job.
 * BullMQ accepts 5-field and (with seconds) 6-field cron patterns.
 */
export async function scheduleSweep(queue: Queue<SweepJobData>, pattern: string, settings: JobSettings): Promise<void> {
  try {
    await queue.upsertJobScheduler(SWEEP_SCHEDULER_ID, { pattern, tz: 'UTC' }, { name: SWEEP_JOB, data: {}, opts: sweepJobOptions(settings) });
  } catch (err) {
    if (err instanceof Error && /cron|pattern|invalid|Validation/i.test(`${err.name} ${err.message}`)) {
      throw new BadInputError(`SCRAPE_SCHEDULE ${JSON.stringify(pattern)} is not a cron pattern: ${err.message}`);
    }
    throw err;
  }
}
