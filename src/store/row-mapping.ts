import type { Insertable, Selectable } from 'kysely';
import { BadInputError } from '../errors.js';
import type { ChangeEvent, ParsedReport, ProviderInfo } from '../ofsted/types.js';
import type { EventType } from '../ofsted/vocabulary.js';
import type { EventsTable, ProvidersTable, ReportsTable } from './schema.js';
import type { HistoryEntry, ProviderRecord, StoredReport } from './store.js';

// Pure translation between domain objects and rows, plus the few rules the store applies.
// No I/O here, so every dialect's store shares it.

/** A provider row as first written by a scrape at `at`; on conflict only some columns are taken. */
export function providerToRow(provider: ProviderInfo, at: string, pageHash: string | null = null): Insertable<ProvidersTable> {
  return {
    urn: provider.urn,
    name: provider.name,
    category: provider.category,
    provider_type: provider.providerType,
    local_authority: provider.localAuthority,
    owner: provider.owner,
    url: provider.url,
    first_scraped_at: at,
    last_scraped_at: at,
    closed_at: null,
    page_hash: pageHash,
  };
}

export function rowToProvider(row: Selectable<ProvidersTable>): ProviderRecord {
  return {
    urn: row.urn,
    name: row.name,
    category: row.category,
    providerType: row.provider_type,
    localAuthority: row.local_authority,
    owner: row.owner,
    url: row.url,
    firstScrapedAt: row.first_scraped_at,
    lastScrapedAt: row.last_scraped_at,
    closedAt: row.closed_at,
  };
}

export function reportToRow(report: StoredReport): Insertable<ReportsTable> {
  const parsed = report.parsed;
  return {
    file_id: report.fileId,
    urn: report.urn,
    url: report.url,
    title: report.title,
    published_at: report.publishedAt,
    sha256: report.sha256,
    parser_version: report.parserVersion,
    status: parsed ? 'parsed' : 'failed',
    error: report.error,
    parsed_json: parsed ? JSON.stringify(parsed) : null,
    kind: parsed?.kind ?? null,
    inspection_start: parsed?.inspectionStart ?? null,
    inspection_end: parsed?.inspectionEnd ?? null,
    overall: parsed?.overall ?? null,
    interim_outcome: parsed?.interimOutcome ?? null,
    fetched_at: report.fetchedAt,
    // A report that was read has nothing left to retry.
    failure: parsed ? null : (report.failure ?? null),
    attempts: parsed ? 0 : (report.attempts ?? 0),
    retry_at: parsed ? null : (report.retryAt ?? null),
    backfill: report.backfill ? 1 : 0,
  };
}

export function rowToReport(row: Selectable<ReportsTable>): StoredReport {
  return {
    fileId: row.file_id,
    urn: row.urn,
    url: row.url,
    title: row.title,
    publishedAt: row.published_at,
    sha256: row.sha256,
    parserVersion: row.parser_version,
    parsed: row.status === 'parsed' && row.parsed_json !== null ? (JSON.parse(row.parsed_json) as ParsedReport) : null,
    error: row.error,
    fetchedAt: row.fetched_at,
    failure: row.failure,
    attempts: row.attempts,
    retryAt: row.retry_at,
    backfill: row.backfill === 1,
  };
}

export function toHistoryEntry(row: {
  parsed_json: string;
  file_id: string;
  url: string;
  published_at: string | null;
}): HistoryEntry {
  const parsed = JSON.parse(row.parsed_json) as ParsedReport;
  return { ...parsed, fileId: row.file_id, url: row.url, publishedAt: row.published_at };
}

export function eventToRow(event: ChangeEvent): Insertable<EventsTable> {
  return {
    id: event.id,
    urn: event.urn,
    type: event.type,
    at: event.at,
    inspection_date: event.inspectionDate,
    from_value: event.from,
    to_value: event.to,
    file_id: event.fileId,
    summary: event.summary,
    backfill: event.backfill ? 1 : 0,
    superseded_by: event.supersededBy ?? null,
    restates: event.restates ?? null,
  };
}

export function rowToEvent(row: Selectable<EventsTable>): ChangeEvent {
  return {
    id: row.id,
    urn: row.urn,
    type: row.type as EventType,
    at: row.at,
    inspectionDate: row.inspection_date,
    from: row.from_value,
    to: row.to_value,
    fileId: row.file_id,
    summary: row.summary,
    backfill: row.backfill === 1,
    // Only when set, so an event that stands reads as CONTRACT shows it.
    ...(row.superseded_by !== null ? { supersededBy: row.superseded_by } : {}),
    ...(row.restates !== null ? { restates: row.restates } : {}),
  };
}

/** An inspection is identified by (URN, kind, start date). */
export interface InspectionIdentity {
  urn: string;
  kind: string;
  inspectionStart: string;
}

/** The inspection a report belongs to; null when it was not parsed or has no readable start date. */
export function inspectionIdentity(report: StoredReport): InspectionIdentity | null {
  const parsed = report.parsed;
  if (!parsed || !parsed.inspectionStart) return null;
  return { urn: report.urn, kind: parsed.kind, inspectionStart: parsed.inspectionStart };
}

export function sameIdentity(
  a: InspectionIdentity,
  b: { urn: string; kind: string; inspection_start: string } | InspectionIdentity,
): boolean {
  const bStart = 'inspectionStart' in b ? b.inspectionStart : b.inspection_start;
  return a.urn === b.urn && a.kind === b.kind && a.inspectionStart === bStart;
}

/**
 * Whether a report published at `candidate` should replace the one published at `current` as its
 * inspection's report. Later or equal wins (an amended report is re-published, never back-dated);
 * when either date is unknown the report written last wins, as it is the latest Ofsted listed.
 */
export function supersedes(candidate: string | null, current: string | null): boolean {
  if (candidate === null || current === null) return true;
  return candidate >= current;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The lower bound for `at` comparisons. Stored `at` values are ISO strings, so a date compares as a
 * prefix as it is; any other timestamp is brought to the canonical UTC form `toISOString` writes.
 */
export function normaliseSince(since: string): string {
  const trimmed = since.trim();
  const ms = Date.parse(trimmed);
  if (!Number.isNaN(ms) && DATE_ONLY.test(trimmed)) return trimmed;
  if (Number.isNaN(ms)) {
    throw new BadInputError(`not an ISO date or timestamp: ${JSON.stringify(since)} (expected e.g. 2025-01-31)`);
  }
  return new Date(ms).toISOString();
}
