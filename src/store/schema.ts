import type { Generated } from 'kysely';

// Row shapes as the database holds them. Timestamps and dates are ISO strings (TEXT) and flags are
// 0/1 integers, so the same queries run unchanged on SQLite and PostgreSQL.

export interface ProvidersTable {
  urn: string;
  name: string | null;
  category: string;
  provider_type: string | null;
  local_authority: string | null;
  owner: string | null;
  url: string;
  first_scraped_at: string | null;
  last_scraped_at: string | null;
  closed_at: string | null;
}

export type ReportStatus = 'parsed' | 'failed';

export interface ReportsTable {
  file_id: string;
  urn: string;
  url: string;
  title: string;
  published_at: string | null;
  sha256: string | null;
  parser_version: string;
  status: ReportStatus;
  error: string | null;
  /** The ParsedReport as JSON text; null when status is 'failed'. */
  parsed_json: string | null;
  // Copied out of parsed_json so they can be queried without parsing it.
  kind: string | null;
  inspection_start: string | null;
  inspection_end: string | null;
  overall: string | null;
  interim_outcome: string | null;
  fetched_at: string;
}

/** One row per inspection identity, pointing at the newest report for it. */
export interface InspectionsTable {
  urn: string;
  kind: string;
  inspection_start: string;
  file_id: string;
}

export interface EventsTable {
  /** Insertion order, so listing is stable oldest-first even when `at` ties. */
  seq: Generated<number>;
  id: string;
  urn: string;
  type: string;
  at: string;
  inspection_date: string | null;
  from_value: string | null;
  to_value: string | null;
  file_id: string | null;
  summary: string;
  backfill: number;
}

/** Extracted text of a report: gzip of its pages joined by form feeds. */
export interface ReportTextsTable {
  file_id: string;
  pages_gz: Uint8Array;
}

export interface WatchlistTable {
  urn: string;
  added_at: string;
}

export interface Database {
  providers: ProvidersTable;
  reports: ReportsTable;
  inspections: InspectionsTable;
  events: EventsTable;
  watchlist: WatchlistTable;
  report_texts: ReportTextsTable;
}
