import { Job, type Queue } from 'bullmq';
import { providerJobOptions, type JobSettings } from './job-options.js';
import {
  MANUAL_PRIORITY,
  PROVIDER_JOB,
  manualProviderJobId,
  providerDeduplicationId,
  type ProviderJobData,
} from './queues.js';

export interface ManualScrape {
  /** The job that will scrape the URN: a new one, or the one already pending for it. */
  jobId: string;
  /** True when a job for this URN was already waiting or running and no new one was added. */
  deduplicated: boolean;
  /** The job's BullMQ state right after the call. */
  state: string;
}

const FINISHED = new Set(['completed', 'failed', 'unknown']);

/**
 * Enqueue a high-priority provider job for one URN (`scrape --queue`, POST /api/providers/<URN>/scrape).
 * Deduplicated per URN with the sweep's jobs: while any provider job for the URN is pending, that job's
 * id comes back (and a sweep job still waiting is moved up to manual priority). A finished manual job
 * keeps its id in Redis and would swallow the next request, so it is removed first.
 */
export async function enqueueManualScrape(queue: Queue, urn: string, settings: JobSettings): Promise<ManualScrape> {
  const jobId = manualProviderJobId(urn);
  const previous = await queue.getJob(jobId);
  if (previous) {
    const state = await previous.getState();
    if (!FINISHED.has(state)) return { jobId, deduplicated: true, state };
    // A concurrent request may be removing it at this moment: gone either way.
    await previous.remove().catch(() => undefined);
  }
  const data: ProviderJobData = { urn, reason: 'manual' };
  const job = await queue.add(
    PROVIDER_JOB,
    data,
    providerJobOptions(settings, { jobId, deduplicationId: providerDeduplicationId(urn), reason: 'manual' }),
  );
  const id = job.id ?? jobId;
  if (id === jobId) return { jobId: id, deduplicated: false, state: await job.getState() };

  // A sweep job for this URN is pending: hurry it along rather than queue a second scrape.
  const pending = await Job.fromId(queue, id);
  let state = pending ? await pending.getState() : 'unknown';
  try {
    if (pending && state === 'delayed') await pending.promote();
    if (pending && (state === 'delayed' || state === 'waiting' || state === 'prioritized') && pending.priority !== MANUAL_PRIORITY) {
      await pending.changePriority({ priority: MANUAL_PRIORITY });
    }
    if (pending) state = await pending.getState();
  } catch {
    // It started (or finished) in between: nothing left to hurry.
  }
  return { jobId: id, deduplicated: true, state };
}
