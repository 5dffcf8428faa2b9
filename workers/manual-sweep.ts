import type { Queue } from 'bullmq';
import { sweepJobOptions, type JobSettings } from './job-options.js';
import { DISCOVERY_JOB, SWEEP_JOB, manualSweepDeduplicationId, type SweepJobData } from './queues.js';

/**
 * Queue a discovery pass now (`full`: the per-URN sweep of everything watched) for the daemon's sweep worker:
 * `sweep [--full]` and POST /api/sweeps. While one asked for by hand is still pending, its id comes back
 * instead of a second one.
 */
export async function enqueueSweep(queue: Queue<SweepJobData>, full: boolean, settings: JobSettings): Promise<{ jobId: string }> {
  const dedup = manualSweepDeduplicationId(full);
  const job = await queue.add(full ? SWEEP_JOB : DISCOVERY_JOB, { reason: 'manual' }, {
    ...sweepJobOptions(settings),
    jobId: `${dedup}-${Date.now()}`,
    deduplication: { id: dedup },
  });
  return { jobId: job.id ?? dedup };
}
