import type { Job, Queue } from 'bullmq';
import { checkUnreadableShare } from '../src/alerts/operator-alerts.js';
import type { Logger } from '../src/logger.js';
import { providerJobOptions } from './job-options.js';
import type { ProcessorDeps } from './processor-deps.js';
import { PROVIDER_JOB, providerDeduplicationId, sweepProviderJobId, type ProviderJobData, type SweepJobData } from './queues.js';
import { markSweepStarted } from './schedule-status.js';
import { beginSweepRun, setSweepTotal } from './sweep-runs.js';

/** Provider jobs added per Redis round trip. */
const BATCH = 500;

export interface SweepResult {
  tick: string;
  watched: number;
  /** Provider jobs this tick added. */
  added: number;
  /** URNs skipped because a job for them was still pending (from an earlier tick or a manual request). */
  alreadyPending: number;
}

/**
 * Add a sweep-priority provider job per URN (`jobIdOf` names each for its tick, so a retried tick adds
 * nothing twice), deduplicated per URN (a URN whose previous job is still pending is not queued again),
 * each starting at a random delay up to SWEEP_JITTER_MS. Resolves once Redis holds them all; returns how
 * many were added.
 */
export async function queueProviderJobs(
  deps: Pick<ProcessorDeps, 'queues' | 'settings'>,
  urns: readonly string[],
  jobIdOf: (urn: string) => string,
  o: { full: boolean; /** The sweep job whose run these provider jobs count towards. */ sweep?: string },
): Promise<number> {
  let added = 0;
  for (let i = 0; i < urns.length; i += BATCH) {
    const batch = urns.slice(i, i + BATCH).map((urn) => {
      const jobId = jobIdOf(urn);
      const data: ProviderJobData = { urn, reason: 'sweep', ...(o.full ? { full: true } : {}), ...(o.sweep ? { sweep: o.sweep } : {}) };
      const delay = deps.settings.sweepJitterMs > 0 ? Math.floor(Math.random() * deps.settings.sweepJitterMs) : 0;
      return { name: PROVIDER_JOB, data, opts: providerJobOptions(deps.settings, { jobId, deduplicationId: providerDeduplicationId(urn), reason: 'sweep', delay }) };
    });
    const jobs = await deps.queues.provider.addBulk(batch);
    added += jobs.filter((j, k) => j.id === batch[k]?.opts.jobId).length;
  }
  return added;
}

/**
 * A full sweep tick (FULL_SWEEP_SCHEDULE, or `sweep --full`): one provider job per watched URN, id from URN and tick (a retried tick adds nothing
 * twice), deduplicated per URN (a URN whose previous job is still running is not queued again), each
 * starting at a random delay up to SWEEP_JITTER_MS so daemons restarting together do not stampede.
 */
export async function runSweep(deps: ProcessorDeps, job: Job<SweepJobData, SweepResult>, log: Logger): Promise<SweepResult> {
  // Scheduler jobs carry the tick's scheduled time; a sweep added by hand is named by its own id.
  const tick = String(job.opts.prevMillis ?? job.id);
  const run = job.id ?? tick;
  // What /health and /metrics report as the last sweep, whichever daemon ran it.
  await markSweepStarted(deps.queues.sweep as Queue);
  await beginSweepRun(deps.queues.sweep as Queue, run, 'full');
  // Each sweep looks back at what the last day's sweeps could read (the operator hears once a day at most).
  await checkUnreadableShare({ ...deps.alerts, logger: log });
  const urns = (await deps.store.watchList()).map((w) => w.urn);
  const added = await queueProviderJobs(deps, urns, (urn) => sweepProviderJobId(urn, tick), { full: true, sweep: run });
  const result = { tick, watched: urns.length, added, alreadyPending: urns.length - added };
  log.info(result, 'sweep: provider jobs queued');
  await setSweepTotal(deps.queues.sweep as Queue, run, added, log);
  return result;
}
