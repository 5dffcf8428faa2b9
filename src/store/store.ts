import type { ChangeEvent, ParsedReport, ProviderInfo } from '../ofsted/types.js';

/** A provider as stored: what its page last said, plus our bookkeeping. */
export interface ProviderRecord extends ProviderInfo {
  /** ISO timestamp of the first successful scrape; null before the baseline exists. */
  firstScrapedAt: string | null;
  lastScrapedAt: string | null;
  /** Set when Ofsted no longer lists the provider. */
  closedAt: string | null;
}

/** One report file as stored. A report is identified by its fileId; an amended report has a new one. */
export interface StoredReport {
  fileId: string;
  urn: string;
  url: string;
  /** Link text from the provider page. */
  title: string;
  /** ISO date shown next to the link on the provider page, if any. */
  publishedAt: string | null;
  /** sha256 of the PDF bytes (hex); null when the download itself failed. */
  sha256: string | null;
  parserVersion: string;
  /** null when the report could not be read; `error` then says why. */
  parsed: ParsedReport | null;
  error: string | null;
  fetchedAt: string;
  /**
   * Extracted text of each page, when it could be extracted. Written with the report so `reparse` can
   * re-derive it later; list and get methods leave it out (read it with getReportPages).
   */
  pages?: string[] | null;
}

/** One entry of `history`: an inspection's parsed report plus where it came from. */
export interface HistoryEntry extends ParsedReport {
  fileId: string;
  url: string;
  publishedAt: string | null;
}

export interface WatchEntry {
  urn: string;
  addedAt: string;
}

export interface EventFilter {
  /** ISO date or timestamp; events raised at or after it. */
  since?: string;
  urn?: string;
}

/** Everything one scrape learnt, written in one transaction so a crash leaves all or nothing. */
export interface ScrapeRecord {
  provider: ProviderInfo;
  /** Newly fetched (or re-parsed) reports; upserted by fileId. */
  reports: StoredReport[];
  /** Candidate events; ids are deterministic, so ones already stored are skipped. */
  events: ChangeEvent[];
  /** ISO timestamp of this scrape. */
  at: string;
}

/**
 * The storage seam. SQLite is the embedded default; PostgreSQL implements the same interface
 * so many workers can share one store. Methods are async even where SQLite is not, for that reason.
 */
export interface Store {
  /** Apply pending migrations (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Resolves when the database answers (for health checks); rejects otherwise. */
  ping(): Promise<void>;

  getProvider(urn: string): Promise<ProviderRecord | null>;
  listProviders(): Promise<ProviderRecord[]>;
  markProviderClosed(urn: string, at: string): Promise<void>;

  /** Every stored report of a provider (parsed or not), oldest publication first. */
  listReports(urn: string): Promise<StoredReport[]>;
  getReport(fileId: string): Promise<StoredReport | null>;
  /** Just the fileIds stored for a provider: what a sweep needs to tell new reports from known ones. */
  listReportFileIds(urn: string): Promise<string[]>;

  /**
   * Stored inspections, oldest first: one per (urn, kind, inspectionStart), each the newest
   * parsed report for that inspection (an amended report replaces the original).
   */
  history(urn: string): Promise<HistoryEntry[]>;

  /** The stored page text of a report, or null when none was kept (e.g. the PDF could not be read). */
  getReportPages(fileId: string): Promise<string[] | null>;

  /**
   * Replace the parsed form of already-stored reports (a re-parse): updates each report and the
   * inspection it stands for, in one transaction, and touches neither providers nor events.
   */
  updateReports(reports: readonly StoredReport[]): Promise<void>;

  /** Write a scrape's results atomically; returns only the events that were not stored before. */
  recordScrape(record: ScrapeRecord): Promise<ChangeEvent[]>;

  listEvents(filter?: EventFilter): Promise<ChangeEvent[]>;

  /** Returns how many URNs were newly added (already-watched ones are left as they are). */
  watchAdd(urns: readonly string[]): Promise<number>;
  /** Returns how many URNs were removed. */
  watchRemove(urns: readonly string[]): Promise<number>;
  watchList(): Promise<WatchEntry[]>;
}
