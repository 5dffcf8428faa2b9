import type { FreshReport, ProviderListing, StoredReportJson } from './job-types.js';

// Queue names, job names, payloads and job ids shared by the scheduler, the processors, the CLI and the
// HTTP API. BullMQ job ids may not contain ':', so ids are built from URN and fileId with '-' and '_' only.

/** Scheduler ticks: discovery (hands on what Ofsted's search lists) and the full sweep (every watched URN). */
export const SWEEP_QUEUE = 'ofsted-sweep';
/** One job per provider: read its page, fan out report jobs for new fileIds, then record changes. */
export const PROVIDER_QUEUE = 'ofsted-provider';
/** One job per new report file: download, extract, parse; returns the StoredReport. */
export const REPORT_QUEUE = 'ofsted-report';
/** Change events handed on for alerts (issue 5 consumes them). */
export const NOTIFY_QUEUE = 'ofsted-notify';

/** The job scheduler (upsertJobScheduler) of the full per-URN sweep (FULL_SWEEP_SCHEDULE). */
export const SWEEP_SCHEDULER_ID = 'watchlist-sweep';
/** The job scheduler of discovery (SCRAPE_SCHEDULE). */
export const DISCOVERY_SCHEDULER_ID = 'watchlist-discovery';

/** Job names: the provider queue carries both a provider's listing step and its record step. */
/** On the sweep queue: a provider job per watched URN (the full sweep). */
export const SWEEP_JOB = 'sweep';
/** On the sweep queue: one discovery pass, a provider job per provider it finds. */
export const DISCOVERY_JOB = 'discovery';
export const PROVIDER_JOB = 'provider';
export const RECORD_JOB = 'record';
export const REPORT_JOB = 'report';
export const NOTIFY_JOB = 'notify';
/** On the notify queue: retry unsent messages and plan alerts for events no notify job handled. */
export const OUTBOX_JOB = 'outbox';
/** On the notify queue: the daily digests. */
export const DIGEST_JOB = 'digest';
export const OUTBOX_SCHEDULER_ID = 'alerts-outbox';
export const DIGEST_SCHEDULER_ID = 'alerts-digest';

/** Every job scheduler a daemon with the scheduler keeps in Redis, and the queue each lives on. */
export const JOB_SCHEDULERS = [
  { id: DISCOVERY_SCHEDULER_ID, queue: 'sweep' },
  { id: SWEEP_SCHEDULER_ID, queue: 'sweep' },
  { id: OUTBOX_SCHEDULER_ID, queue: 'notify' },
  { id: DIGEST_SCHEDULER_ID, queue: 'notify' },
] as const;
export type JobSchedulerId = (typeof JOB_SCHEDULERS)[number]['id'];

/** When the last sweep or discovery tick started (ms since the epoch): written by the sweep worker, read by /health and /metrics. */
export function lastSweepKey(prefix: string): string {
  return `${prefix}:ofsted-last-sweep`;
}

/** URN → provider job id still to be added after a job of the URN was failed for stalling. */
export function stallRequeuePendingKey(prefix: string): string {
  return `${prefix}:ofsted-stall-requeue`;
}

/** URN → provider jobs re-queued after stalls on one UTC day (`YYYY-MM-DD`). */
export function stallRequeueCountKey(prefix: string, day: string): string {
  return `${prefix}:ofsted-stall-requeues:${day}`;
}

/**
 * BullMQ runs jobs without a priority before any prioritized job, so every provider, record and report
 * job carries one: lower runs first, manual re-scrapes ahead of the sweep.
 */
export const MANUAL_PRIORITY = 1;
export const SWEEP_PRIORITY = 10;

export interface SweepJobData {
  /** Set only on a sweep started by hand (tests, operators); scheduler ticks carry no data. */
  reason?: 'manual';
}

export interface ProviderJobData {
  urn: string;
  /** 'sweep' for scheduled work, 'manual' for `scrape --queue` and POST /api/providers/<URN>/scrape. */
  reason: 'sweep' | 'manual';
  /** Queued by the full sweep (not discovery): what it stores is checked against discovery's marks. */
  full?: boolean;
  /** The sweep or discovery job that queued it: its outcome counts towards that run's summary (sweep-runs.ts). */
  sweep?: string;
}

/** The parent of a provider's report jobs: records what they read, in one transaction. */
export interface RecordJobData {
  urn: string;
  reason: 'sweep' | 'manual';
  /** As on the provider job. */
  full?: boolean;
  listing: ProviderListing;
}

export interface ReportJobData {
  urn: string;
  /** The report to fetch; `previous` when it is a stored unread one being tried again. */
  link: FreshReport;
  /** Part of the provider's baseline, which is stored whole or not at all. Absent on jobs queued before retries existed. */
  baseline?: boolean;
}

export interface NotifyJobData {
  /** The event of a `notify` job; absent on the outbox and digest ticks. */
  eventId?: string;
}

/** What a finished provider job returns (GET /api/jobs/<id> shows it). */
export interface ProviderJobResult {
  urn: string;
  /** Reports listed on the page that were not stored before this job. */
  fresh: number;
  /** Reports this job stored (parsed or not). */
  stored: number;
  /** New reports that could not be fetched this time (tried again next sweep). */
  unfetched: number;
  /** Events newly stored by this job, backfill included. */
  events: { id: string; type: string; backfill: boolean }[];
}

/** Keep a job id to BullMQ's alphabet: ':' separates Redis key parts. */
function idPart(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Provider job id for a sweep tick: one job per URN per tick, so a URN swept twice in a tick runs once. */
export function sweepProviderJobId(urn: string, tickId: string): string {
  return `provider_${idPart(urn)}_${idPart(tickId)}`;
}

/** Provider job id for a discovery tick (distinct from a full sweep's tick of the same minute). */
export function discoveryProviderJobId(urn: string, tickId: string): string {
  return `discovered_${idPart(urn)}_${idPart(tickId)}`;
}

/** A sweep or discovery asked for by hand: one pending at a time of each kind. */
export function manualSweepDeduplicationId(full: boolean): string {
  return full ? 'manual-full-sweep' : 'manual-discovery';
}

/**
 * Manual re-scrape job id: deduplicated while one for the URN is waiting. A finished one is removed
 * before the next request re-uses the id (see enqueueManualScrape in workers/manual-scrape.ts).
 */
export function manualProviderJobId(urn: string): string {
  return `manual_${idPart(urn)}`;
}

/** At most one provider job per URN is pending at a time (sweep or manual), so a URN is never scraped twice at once. */
export function providerDeduplicationId(urn: string): string {
  return `provider_${idPart(urn)}`;
}

/** A provider job queued again after a job of the URN was failed for stalling: the day's n-th for the URN. */
export function stallRequeueJobId(urn: string, day: string, n: number): string {
  return `requeue_${idPart(urn)}_${idPart(day)}_${n}`;
}

/** The record job of a provider job: a child of it, and the parent of its report jobs. */
export function recordJobId(providerJobId: string): string {
  return `record_${idPart(providerJobId)}`;
}

/** Report job id: a report found twice (two sweeps, two daemons) is processed once. */
export function reportJobId(urn: string, fileId: string): string {
  return `report_${idPart(urn)}_${idPart(fileId)}`;
}

/**
 * Provider job id for reports due for another try: one per URN and due time (or parser version), so a tick
 * that finds the same due report again adds nothing, and a try whose page fetch failed is not repeated
 * every tick (the next sweep reads the provider anyway).
 */
export function retryProviderJobId(urn: string, due: string): string {
  return `retry_${idPart(urn)}_${idPart(due)}`;
}

/** Notify job id: one per event, so an event recorded by a retried job is handed on once. */
export function notifyJobId(eventId: string): string {
  return `notify_${idPart(eventId)}`;
}

export type { StoredReportJson };
