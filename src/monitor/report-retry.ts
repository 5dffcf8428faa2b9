import { ForbiddenHostError, UpstreamUnavailableError, type OfstedMonitorError } from '../errors.js';
import { DamagedDownloadError } from '../ofsted/site/damaged-download-error.js';
import { ReportWithdrawnError } from '../ofsted/site/report-withdrawn-error.js';
import type { ReportFailure, ReportState, StoredReport } from '../store/store.js';

// Retry or give up, decided here and nowhere else (pure: no I/O, no clock of its own). A report that could
// not be fetched or read is stored unread with why (its failure class), how many attempts in a row failed,
// and when it is next tried; a scrape fetches it again once that time has come.

/** How unread reports are tried again (REPORT_RETRY_* in config). */
export interface ReportRetryPolicy {
  /** Delay before an unread report is tried again, ms; doubles with each failed attempt in a row. @defaultValue 900000 (15 min) */
  backoffMs: number;
  /** Longest delay between two tries, ms. @defaultValue 86400000 (a day) */
  maxBackoffMs: number;
  /**
   * Failed attempts in a row after which the operator hears of a report (one scrape-failed). The same bytes
   * judged unreadable this many times by one parser version are not tried again until the version changes;
   * a download that keeps arriving damaged is still tried, at the longest delay. @defaultValue 3
   */
  limit: number;
}

export const DEFAULT_REPORT_RETRY_POLICY: ReportRetryPolicy = { backoffMs: 15 * 60 * 1000, maxBackoffMs: 24 * 60 * 60 * 1000, limit: 3 };

export function reportRetryPolicyFromConfig(config: {
  REPORT_RETRY_BACKOFF_MS: number;
  REPORT_RETRY_MAX_MS: number;
  REPORT_RETRY_LIMIT: number;
}): ReportRetryPolicy {
  return { backoffMs: config.REPORT_RETRY_BACKOFF_MS, maxBackoffMs: config.REPORT_RETRY_MAX_MS, limit: config.REPORT_RETRY_LIMIT };
}

/**
 * Why a report was not read, by the class of the error (never its message). What arrived damaged, or did not
 * arrive (an HTML page for the PDF, a truncated PDF, a 404, a redirect off Ofsted's hosts, Ofsted answering
 * 5xx after the client's own retries) says nothing about the report: `transport`. A withdrawal notice is
 * final. Everything else happened to the report's own bytes: `unreadable`.
 */
export function classifyReportFailure(err: OfstedMonitorError): ReportFailure {
  if (err instanceof ReportWithdrawnError) return 'withdrawn';
  if (err instanceof DamagedDownloadError || err instanceof UpstreamUnavailableError || err instanceof ForbiddenHostError) return 'transport';
  return 'unreadable';
}

/** What a scrape knows of a report's earlier attempts (from the store), to count this one after them. */
export type PreviousAttempt = Pick<ReportState, 'failure' | 'attempts' | 'sha256' | 'parserVersion' | 'backfill'>;

/** Delay before the next try after `attempts` failed attempts in a row. */
export function retryDelayMs(attempts: number, policy: ReportRetryPolicy): number {
  return Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * The bookkeeping of a report after a failed attempt: attempts in a row (counted again from 1 when the
 * failure class changes, or, for an unreadable report, when its bytes or the parser version do) and when it
 * is next tried (null: never, or for an unreadable report given up, not before a new parser version).
 */
export function afterFailure(o: {
  failure: ReportFailure;
  sha256: string | null;
  parserVersion: string;
  previous: PreviousAttempt | undefined;
  now: Date;
  policy: ReportRetryPolicy;
}): { attempts: number; retryAt: string | null } {
  const p = o.previous;
  const continues = !!p && p.failure === o.failure && (o.failure !== 'unreadable' || (p.sha256 === o.sha256 && p.parserVersion === o.parserVersion));
  const attempts = (continues ? p.attempts : 0) + 1;
  if (o.failure === 'withdrawn') return { attempts, retryAt: null };
  if (o.failure === 'unreadable' && attempts >= o.policy.limit) return { attempts, retryAt: null };
  return { attempts, retryAt: new Date(o.now.getTime() + retryDelayMs(attempts, o.policy)).toISOString() };
}

/**
 * Whether a stored report is to be fetched again now. `ignoreBackoff`: a person asked for this scrape, so
 * every report waiting for its retry is tried, due or not (but not one given up or withdrawn).
 */
export function isRetryDue(state: ReportState, o: { now: Date; parserVersion: string; ignoreBackoff: boolean }): boolean {
  if (state.parsed) return false;
  if (state.retryAt !== null) return o.ignoreBackoff || state.retryAt <= o.now.toISOString();
  // Given up as unreadable: a new parser may read the same bytes.
  return state.failure === 'unreadable' && state.parserVersion !== o.parserVersion;
}

/** Read, or withdrawn: nothing more will come of fetching it again. A page is fingerprinted only when all it lists is settled. */
export function isSettled(r: { parsed: unknown; failure?: ReportFailure | null }): boolean {
  return !!r.parsed || r.failure === 'withdrawn';
}

/**
 * Whether an unread report is told now (one scrape-failed, and so the operator's alert): a withdrawn one at
 * once; an unreadable one when it is given up; a download that keeps arriving damaged when it reaches the
 * limit (and is still tried after). Until then it is only waiting for its retry, which is not news.
 */
export function raisesScrapeFailed(report: StoredReport, policy: ReportRetryPolicy): boolean {
  if (report.parsed) return false;
  switch (report.failure) {
    case 'withdrawn':
      return true;
    case 'unreadable':
      return (report.retryAt ?? null) === null;
    case 'transport':
      return (report.attempts ?? 0) === policy.limit;
    default:
      return true;
  }
}
