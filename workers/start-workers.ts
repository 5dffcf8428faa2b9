import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { Worker, type Job, type Queue, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { StoredReport } from '../src/store/store.js';
import type { ProcessorDeps } from './processor-deps.js';
import { runProvider } from './provider.worker.js';
import { noteScrapeOutcome } from '../src/alerts/operator-alerts.js';
import {
  NOTIFY_QUEUE,
  PROVIDER_JOB,
  PROVIDER_QUEUE,
  DISCOVERY_JOB,
  RECORD_JOB,
  REPORT_QUEUE,
  SWEEP_QUEUE,
  type ProviderJobData,
  type ProviderJobResult,
  type RecordJobData,
  type NotifyJobData,
  type ReportJobData,
  type SweepJobData,
} from './queues.js';
import { runNotify, type NotifyResult } from './notify.worker.js';
import { runRecord, type RecordResult } from './record.worker.js';
import { runReport } from './report.worker.js';
import { jobProcessor } from './run-job.js';
import { STALLED_REASON, StallRequeue } from './stall-requeue.js';
import { runDiscovery, type DiscoveryJobResult } from './discovery.worker.js';
import { runSweep, type SweepResult } from './sweep.worker.js';
import { recordSweepOutcome } from './sweep-runs.js';
import { providerOutcome, type ProviderOutcome } from '../src/monitor/sweep-summary.js';

export interface WorkerPoolOptions {
  connection: Redis;
  /** QUEUE_PREFIX. */
  prefix: string;
  /** Jobs at once per queue in this process (WORKER_CONCURRENCY). */
  concurrency: number;
  /**
   * Job lock, ms (JOB_LOCK_MS): renewed every half of it while a job runs, so a crashed worker's job is
   * handed to another after at most about twice this (lock expiry plus one stalled-job check).
   */
  lockMs: number;
  /** REQUESTS_PER_SECOND: sizes BullMQ's per-queue limiter (see politeness-limiter.ts for why both). */
  requestsPerSecond: number;
  /** Provider jobs queued again after a job of theirs was failed for stalling (see stall-requeue.ts). */
  stallRequeue: {
    /** STALL_REQUEUES_PER_DAY. */
    perDay: number;
    /** STALL_REQUEUE_DELAY_MS. */
    delayMs: number;
    /** How often jobs still owed are tried again, ms (SCHEDULER_CHECK_MS). */
    retryEveryMs: number;
  };
}

export interface RunningWorkers {
  workers: Worker[];
  /**
   * Stop taking jobs; give running ones `graceMs` to finish, cancelling (releasing) what is still
   * running 2 s before that; then stop waiting. Jobs that neither finished nor were released keep
   * their lock until it expires, and the stalled-job check of any daemon runs them again.
   */
  close(graceMs: number): Promise<{ closedCleanly: boolean }>;
}

/** The sweep, provider (listing and record steps) and report workers of one process. */
export function startWorkers(deps: ProcessorDeps, options: WorkerPoolOptions): RunningWorkers {
  const base: WorkerOptions = {
    connection: options.connection,
    prefix: options.prefix,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    // A job whose worker died twice in a row is still worth a third try before it is failed.
    maxStalledCount: 2,
    name: `${hostname()}:${process.pid}`,
  };
  // Loose on purpose: the shared request schedule paces requests; this cap only makes queue.rateLimit() effective.
  const limiter = { max: Math.max(2, Math.ceil(options.requestsPerSecond * 2)), duration: 1_000 };
  const providerQueue = () => deps.queues.provider as unknown as Queue;

  const sweep = new Worker<SweepJobData, SweepResult | DiscoveryJobResult>(
    SWEEP_QUEUE,
    jobProcessor(deps.logger, () => deps.queues.sweep as unknown as Queue, (job, _token, _signal, log) =>
      job.name === DISCOVERY_JOB
        ? runDiscovery(deps, job as Job<SweepJobData, DiscoveryJobResult>, log)
        : runSweep(deps, job as Job<SweepJobData, SweepResult>, log),
    ),
    { ...base, concurrency: 1 },
  );
  const provider = new Worker<ProviderJobData | RecordJobData, ProviderJobResult | RecordResult>(
    PROVIDER_QUEUE,
    jobProcessor(deps.logger, providerQueue, (job, token, signal, log) =>
      job.name === RECORD_JOB
        ? runRecord(deps, job as Job<RecordJobData, RecordResult>, log)
        : runProvider(deps, job as Job<ProviderJobData, ProviderJobResult>, token, signal, log),
    ),
    { ...base, concurrency: options.concurrency, limiter },
  );
  const report = new Worker<ReportJobData, StoredReport>(
    REPORT_QUEUE,
    jobProcessor(deps.logger, () => deps.queues.report as unknown as Queue, (job, _token, signal, log) => runReport(deps, job, signal, log)),
    { ...base, concurrency: options.concurrency, limiter },
  );
  // One at a time: a tick sends the whole due outbox, and SMTP servers dislike bursts of connections.
  const notify = new Worker<NotifyJobData, NotifyResult>(
    NOTIFY_QUEUE,
    jobProcessor(deps.logger, () => deps.queues.notify as unknown as Queue, (job, _token, _signal, log) => runNotify(deps, job, log)),
    { ...base, concurrency: 1 },
  );
  const workers = [sweep, provider, report, notify] as Worker[];

  // A provider, record or report job failed because its workers kept dying: scrape the provider again soon.
  const stalls = new StallRequeue({
    connection: options.connection,
    prefix: options.prefix,
    queue: providerQueue(),
    settings: deps.settings,
    perDay: options.stallRequeue.perDay,
    delayMs: options.stallRequeue.delayMs,
    logger: deps.logger,
  });
  const warnRequeue = (err: unknown) =>
    deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not queue a provider job again after a stall failure');
  for (const worker of [provider, report] as Worker[]) {
    worker.on('failed', (job, err) => {
      const data = job?.data as { urn?: unknown; reason?: unknown } | undefined;
      if (!job || err.message !== STALLED_REASON || typeof data?.urn !== 'string') return;
      void stalls.noteStalled(data.urn, data.reason === 'manual' ? 'manual' : 'sweep', job.id).catch(warnRequeue);
    });
  }
  const drainTimer = setInterval(() => void stalls.drain().catch(warnRequeue), options.stallRequeue.retryEveryMs);
  drainTimer.unref();

  // The operator's failure alert counts provider jobs: one that failed for good is a failed scrape
  // (a provider that is gone is provider-closed instead), and one that finished ends a run of failures.
  const noteOutcome = (urn: string, outcome: { ok: boolean; error?: string }) =>
    noteScrapeOutcome(urn, outcome, deps.alerts).catch((err: unknown) =>
      deps.logger.warn({ urn, err: err instanceof Error ? err.message : String(err) }, 'could not record scrape health'),
    );
  provider.on('completed', (job) => {
    if (job.name === PROVIDER_JOB) void noteOutcome((job.data as ProviderJobData).urn, { ok: true });
  });
  provider.on('failed', (job, err) => {
    if (!job || job.name !== PROVIDER_JOB || err.name === 'UnrecoverableError') return;
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) void noteOutcome((job.data as ProviderJobData).urn, { ok: false, error: err.message });
  });

  // A provider job of a sweep that ended (done, or failed for good) counts towards the sweep's summary.
  const countForSweep = (data: ProviderJobData, outcome: ProviderOutcome) => {
    if (!data.sweep) return;
    void recordSweepOutcome(deps.queues.sweep as unknown as Queue, data.sweep, data.urn, outcome, deps.logger).catch((err: unknown) =>
      deps.logger.warn({ urn: data.urn, err: err instanceof Error ? err.message : String(err) }, 'could not count a provider towards its sweep'),
    );
  };
  provider.on('completed', (job, returned) => {
    if (job.name !== PROVIDER_JOB) return;
    const result = returned as ProviderJobResult | undefined;
    countForSweep(job.data as ProviderJobData, providerOutcome(true, result?.stored ?? 0, result?.events ?? []));
  });
  provider.on('failed', (job, err) => {
    if (!job || job.name !== PROVIDER_JOB) return;
    if (job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError') countForSweep(job.data as ProviderJobData, providerOutcome(false, 0, []));
  });

  for (const worker of workers) {
    // An 'error' event without a listener would crash the process (e.g. while Redis restarts).
    worker.on('error', (err) => deps.logger.warn({ queue: worker.name, err: err.message }, 'worker error'));
    worker.on('failed', (job, err) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
      deps.logger[final ? 'error' : 'warn'](
        { jobId: job.id, queue: worker.name, urn: (job.data as { urn?: string }).urn, attemptsMade: job.attemptsMade, err: err.message },
        final ? 'job failed for good' : 'job failed; will retry',
      );
    });
    worker.on('stalled', (jobId) => deps.logger.warn({ jobId, queue: worker.name }, 'stalled job recovered (its worker stopped renewing the lock)'));
  }

  let closing: Promise<{ closedCleanly: boolean }> | undefined;
  return {
    workers,
    close(graceMs: number) {
      closing ??= (async () => {
        clearInterval(drainTimer);
        const closed = Promise.all(workers.map((w) => w.close())).then(() => true);
        const cancelAt = Math.max(0, graceMs - 2_000);
        const cancel = delay(cancelAt, undefined, { ref: false }).then(() => {
          for (const w of workers) w.cancelAllJobs('the daemon is stopping');
        });
        const clean = await Promise.race([closed, delay(graceMs, false, { ref: false })]);
        void cancel;
        return { closedCleanly: clean };
      })();
      return closing;
    },
  };
}
