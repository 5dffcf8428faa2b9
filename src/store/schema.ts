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
  /** Fingerprint of the provider page once everything it listed was stored; null until then. */
  page_hash: string | null;
}

export type ReportStatus = 'parsed' | 'failed';

/** Why a failed report is not read (see ReportFailure in store.ts); null on parsed rows and on failed rows from before retries. */
export type ReportFailureColumn = 'transport' | 'unreadable' | 'withdrawn' | null;

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
  failure: ReportFailureColumn;
  /** Failed attempts in a row (of the same bytes and parser version, for 'unreadable'); 0 once read. */
  attempts: Generated<number>;
  /** ISO time the report is next tried; null when it is not (read, withdrawn, or given up). */
  retry_at: string | null;
  /** 1 when the report came in its provider's baseline: what it raises once read is history. */
  backfill: Generated<number>;
}

/** One row per inspection identity, pointing at the newest report for it. */
export interface InspectionsTable {
  urn: string;
  kind: string;
  inspection_start: string;
  file_id: string;
}

/** Derived from inspections on every write (provider-latest.ts): what the watchlist filters and sorts by. */
export interface ProviderLatestTable {
  urn: string;
  /** Overall grade of the newest graded inspection. */
  grade: string | null;
  /** Start of the newest inspection of any kind. */
  last_inspected: string;
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
  /** When the event's alert messages were queued; null until then (backfill events stay null). */
  alerts_planned_at: string | null;
  /** File id of a report that arrived later and came between the two this event compared; null while it stands. */
  superseded_by: string | null;
  /** Id of the superseded event whose news this one restates (it alerts nobody); null for news. */
  restates: string | null;
}

/** Extracted text of a report: gzip of its pages joined by form feeds. */
export interface ReportTextsTable {
  file_id: string;
  pages_gz: Uint8Array;
}

export interface WatchlistTable {
  urn: string;
  added_at: string;
  /** Set when discovery added the provider inside a scope after the scope's baseline: reports published from this ISO date are news. */
  news_since: string | null;
}

/** Highest day (ISO date) up to which discovery has read a category's search completely. */
export interface DiscoveryMarksTable {
  category: string;
  high_water: string;
  updated_at: string;
}

/** A watched scope; '' in local_authority / owner means any. */
export interface WatchScopesTable {
  category: string;
  local_authority: string;
  owner: string;
  added_at: string;
  /** When its first pass listed and watched every provider in it; null until then. */
  baselined_at: string | null;
}

export interface SubscriptionsTable {
  id: string;
  channel: string;
  target: string;
  scope: string;
  /** '' for scope `all`: a unique constraint treats NULLs as distinct, '' is one value. */
  value: string;
  /** The EventType list as JSON text. */
  events_json: string;
  mode: string;
  created_at: string;
  /** Standard Webhooks secret (`whsec_…`) of a webhook subscription, shared by its target's rows; null for email. */
  signing_secret: string | null;
}

export interface OutboxMessagesTable {
  /** Insertion order, so "oldest first" is stable when messages queued together share created_at. */
  seq: Generated<number>;
  key: string;
  kind: string;
  event_id: string | null;
  subscription_id: string | null;
  channel: string;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  message_id: string;
  unsubscribe_url: string | null;
  digest_key: string | null;
  created_at: string;
  sent_at: string | null;
  /** A sender holds the message until then (claimMessage); null when nobody does. */
  lease_until: string | null;
}

export interface ScrapeHealthTable {
  urn: string;
  failures: number;
  failing_since: string | null;
  last_error: string | null;
  alerted_at: string | null;
}

export interface SettingsTable {
  name: string;
  value: string;
}

/** Ofsted's provider-level data as imported, until (and after) it is reconciled with the store. */
export interface ReferenceSnapshotsTable {
  id: string;
  file_name: string;
  imported_at: string;
  urn_count: number;
  inspection_count: number;
  /** gzip of the JSON of what the file states ({ urns, inspections }). */
  data_gz: Uint8Array;
  reconciled_at: string | null;
  /** The reconciliation's figures as JSON; set together with reconciled_at. */
  outcome_json: string | null;
}

export interface Database {
  providers: ProvidersTable;
  reports: ReportsTable;
  inspections: InspectionsTable;
  provider_latest: ProviderLatestTable;
  events: EventsTable;
  watchlist: WatchlistTable;
  discovery_marks: DiscoveryMarksTable;
  watch_scopes: WatchScopesTable;
  report_texts: ReportTextsTable;
  subscriptions: SubscriptionsTable;
  outbox_messages: OutboxMessagesTable;
  scrape_health: ScrapeHealthTable;
  settings: SettingsTable;
  reference_snapshots: ReferenceSnapshotsTable;
}
