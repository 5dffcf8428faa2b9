import type { ReportLink, StoredReportJson } from './job-types.js';

// Queue names and job ids shared by the scheduler, the processors and the HTTP API. BullMQ job ids may not
// contain ':', so ids are built from URN and fileId with '-' and '_' only.

/** Scheduler ticks: one repeatable job whose processor fans out a provider job per watched URN. */
export const SWEEP_QUEUE = 'ofsted-sweep';
/** One job per provider: read its page, fan out report jobs for new fileIds, then record changes. */
export const PROVIDER_QUEUE = 'ofsted-provider';
/** One job per new report file: download, extract, parse; returns the StoredReport. */
export const REPORT_QUEUE = 'ofsted-report';
/** Change events handed on for alerts (issue 5 consumes them). */
export const NOTIFY_QUEUE = 'ofsted-notify';

/** The one job scheduler id (upsertJobScheduler) for the watchlist sweep. */
export const SWEEP_SCHEDULER_ID = 'watchlist-sweep';

export interface ProviderJobData {
  urn: string;
  /** 'sweep' for scheduled work, 'manual' for `scrape --queue` and POST /api/providers/<URN>/scrape. */
  reason: 'sweep' | 'manual';
}

export interface ReportJobData {
  urn: string;
  link: ReportLink;
}

export interface NotifyJobData {
  eventId: string;
}

/** Provider job id for a sweep tick: one job per URN per tick, so a URN swept twice in a tick runs once. */
export function sweepProviderJobId(urn: string, tickId: string): string {
  return `provider_${urn}_${tickId}`;
}

/** Manual re-scrape job id: deduplicated while one for the URN is waiting. */
export function manualProviderJobId(urn: string): string {
  return `manual_${urn}`;
}

/** Report job id: a report found twice (two sweeps, two daemons) is processed once. */
export function reportJobId(urn: string, fileId: string): string {
  return `report_${urn}_${fileId}`;
}

export type { StoredReportJson };
