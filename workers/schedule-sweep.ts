import type { Queue } from 'bullmq';
import { BadInputError } from '../src/errors.js';
import { sweepJobOptions, type JobSettings } from './job-options.js';
import { DISCOVERY_JOB, DISCOVERY_SCHEDULER_ID, SWEEP_JOB, SWEEP_SCHEDULER_ID, type SweepJobData } from './queues.js';

/**
 * Create or update the job scheduler of the full per-URN sweep (cron FULL_SWEEP_SCHEDULE, UTC). Every daemon
 * with the scheduler calls it at start, and again whenever Redis lost it (schedule-keeper.ts); the scheduler
 * lives in Redis, so however many run, each tick makes one sweep job.
 * BullMQ accepts 5-field and (with seconds) 6-field cron patterns.
 */
export async function scheduleSweep(queue: Queue<SweepJobData>, pattern: string, settings: JobSettings): Promise<void> {
  await upsert(queue, SWEEP_SCHEDULER_ID, SWEEP_JOB, 'FULL_SWEEP_SCHEDULE', pattern, settings);
}

/** The same for discovery (cron SCRAPE_SCHEDULE, UTC), on the same queue. */
export async function scheduleDiscovery(queue: Queue<SweepJobData>, pattern: string, settings: JobSettings): Promise<void> {
  await upsert(queue, DISCOVERY_SCHEDULER_ID, DISCOVERY_JOB, 'SCRAPE_SCHEDULE', pattern, settings);
}

async function upsert(queue: Queue<SweepJobData>, id: string, name: string, variable: string, pattern: string, settings: JobSettings): Promise<void> {
  try {
    await queue.upsertJobScheduler(id, { pattern, tz: 'UTC' }, { name, data: {}, opts: sweepJobOptions(settings) });
  } catch (err) {
    if (err instanceof Error && /cron|pattern|invalid|Validation/i.test(`${err.name} ${err.message}`)) {
      throw new BadInputError(`${variable} ${JSON.stringify(pattern)} is not a cron pattern: ${err.message}`);
    }
    throw err;
  }
}
