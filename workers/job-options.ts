import type { JobsOptions } from 'bullmq';
import { reportRetryPolicyFromConfig, type ReportRetryPolicy } from '../src/monitor/report-retry.js';
import { MANUAL_PRIORITY, SWEEP_PRIORITY } from './queues.js';

/** Retry and timing settings of queue jobs, from config (JOB_ATTEMPTS, JOB_BACKOFF_MS, SWEEP_JITTER_MS). */
export interface JobSettings {
  /** Attempts per job before it fails. @defaultValue 5 */
  attempts: number;
  /** First retry delay, ms; doubles each attempt, ±50% jitter so retries after an outage spread out. @defaultValue 30000 */
  backoffMs: number;
  /** Provider jobs of a sweep start at a random delay up to this, ms. @defaultValue 60000 */
  sweepJitterMs: number;
  /** How reports that could not be fetched or read are tried again (REPORT_RETRY_*). @defaultValue DEFAULT_REPORT_RETRY_POLICY */
  reportRetry?: ReportRetryPolicy;
}

/** Finished provider jobs stay a day (GET /api/jobs/<id> reads them); a sweep of thousands stays bounded. */
const KEEP_PROVIDER = { age: 24 * 3600, count: 20_000 } as const;
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 5_000 } as const;

export function priorityOf(reason: 'sweep' | 'manual'): number {
  return reason === 'manual' ? MANUAL_PRIORITY : SWEEP_PRIORITY;
}

function retries(settings: JobSettings): Pick<JobsOptions, 'attempts' | 'backoff'> {
  return { attempts: settings.attempts, backoff: { type: 'exponential', delay: settings.backoffMs, jitter: 0.5 } };
}

/** A provider job; at most one per URN is pending (see providerDeduplicationId). */
export function providerJobOptions(
  settings: JobSettings,
  o: { jobId: string; deduplicationId: string; reason: 'sweep' | 'manual'; delay?: number },
): JobsOptions {
  return {
    ...retries(settings),
    jobId: o.jobId,
    deduplication: { id: o.deduplicationId },
    priority: priorityOf(o.reason),
    ...(o.delay ? { delay: o.delay } : {}),
    removeOnComplete: KEEP_PROVIDER,
    removeOnFail: KEEP_FAILED,
  };
}

/**
 * A record job: removed once done, because it holds its children's results (every new report's text)
 * until then. If it fails for good its provider job fails too (and says why), and the next sweep starts
 * over; it is removed then as well, so a report job of it still pending is free to join the next record
 * job (BullMQ refuses to attach a job that belongs to another live parent).
 */
export function recordJobOptions(settings: JobSettings, o: { jobId: string; reason: 'sweep' | 'manual' }): JobsOptions {
  return {
    ...retries(settings),
    jobId: o.jobId,
    priority: priorityOf(o.reason),
    failParentOnFailure: true,
    removeOnComplete: true,
    removeOnFail: true,
  };
}

/**
 * A report job. In a baseline a report that cannot be fetched fails the whole record (a baseline is
 * stored whole or not at all); later, the record stores the rest and the next sweep tries it again.
 * Removed once done either way: its result lives on in the record job, and a leftover job with the same
 * id would capture the report's next attempt.
 */
export function reportJobOptions(
  settings: JobSettings,
  o: { jobId: string; reason: 'sweep' | 'manual'; baseline: boolean },
): JobsOptions {
  return {
    ...retries(settings),
    jobId: o.jobId,
    priority: priorityOf(o.reason),
    ...(o.baseline ? { failParentOnFailure: true } : { ignoreDependencyOnFailure: true }),
    removeOnComplete: true,
    removeOnFail: true,
  };
}

/** A notify job (consumed by the alerts worker). */
export function notifyJobOptions(settings: JobSettings, jobId: string): JobsOptions {
  return { ...retries(settings), jobId, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: KEEP_FAILED };
}

/** Options of each scheduled sweep tick. */
export function sweepJobOptions(settings: JobSettings): Omit<JobsOptions, 'jobId' | 'delay' | 'deduplication'> {
  return { ...retries(settings), removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };
}

export function jobSettingsFromConfig(
  config: Parameters<typeof reportRetryPolicyFromConfig>[0] & { JOB_ATTEMPTS: number; JOB_BACKOFF_MS: number; SWEEP_JITTER_MS: number },
): JobSettings {
  return {
    attempts: config.JOB_ATTEMPTS,
    backoffMs: config.JOB_BACKOFF_MS,
    sweepJitterMs: config.SWEEP_JITTER_MS,
    reportRetry: reportRetryPolicyFromConfig(config),
  };
}
