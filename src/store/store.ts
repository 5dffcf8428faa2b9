import type {
  MessageKind,
  MessageStatus,
  NewOutboxMessage,
  NewSubscription,
  OutboxMessage,
  ScrapeHealth,
  Subscription,
  SubscriptionFilter,
} from '../alerts/types.js';
import type { OfstedInspection } from '../ofsted/provider-data/provider-level-rows.js';
import type { ChangeEvent, ParsedReport, ProviderInfo } from '../ofsted/types.js';
import type { Grade, ReportKind } from '../ofsted/vocabulary.js';
import type { EventListFilter, EventPageQuery, KeyedEvent, ProviderSummaryPage, WatchedProviderQuery } from './list-queries.js';

export type { EventListFilter, EventPageQuery, KeyedEvent, ProviderSort, ProviderSummaryPage, WatchedProviderQuery } from './list-queries.js';

/** A provider as stored: what its page last said, plus our bookkeeping. */
export interface ProviderRecord extends ProviderInfo {
  /** ISO timestamp of the first successful scrape; null before the baseline exists. */
  firstScrapedAt: string | null;
  lastScrapedAt: string | null;
  /** Set when Ofsted no longer lists the provider. */
  closedAt: string | null;
}

/**
 * Why a report is stored unread, which decides what happens next (src/monitor/report-retry.ts):
 * - `transport`: what arrived was not the report whole (an HTML page, a truncated PDF, an off-host redirect,
 *   a 5xx or a 404): tried again later, without limit; never a verdict on the report.
 * - `unreadable`: the bytes themselves could not be read: tried again until the same bytes have failed with
 *   one parser version a set number of times, then again only under a new parser version.
 * - `withdrawn`: Ofsted has withdrawn it; never tried again.
 */
export type ReportFailure = 'transport' | 'unreadable' | 'withdrawn';

/** One report file as stored. A report is identified by its fileId; an amended report has a new one. */
export interface StoredReport {
  fileId: string;
  urn: string;
  url: string;
  /** The report's title as the provider page words it ("Full inspection"). */
  title: string;
  /** ISO publication date, from the report link's text on the provider page; null if unknown. */
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
  /** Why it is unread; null (or absent) when it was read, and on failed reports stored before retries existed. */
  failure?: ReportFailure | null;
  /** Failed attempts in a row (for `unreadable`: of these bytes, by this parser version); 0 once read. @defaultValue 0 */
  attempts?: number;
  /** ISO time it is next tried; null when it is not (read, withdrawn, or given up). @defaultValue null */
  retryAt?: string | null;
  /** It came in its provider's baseline: whatever it raises once it is finally read is history. @defaultValue false */
  backfill?: boolean;
}

/** Where a stored report stands, without its reading: what a scrape needs to decide what to fetch. */
export interface ReportState {
  fileId: string;
  /** True when it was read. */
  parsed: boolean;
  failure: ReportFailure | null;
  attempts: number;
  retryAt: string | null;
  sha256: string | null;
  parserVersion: string;
  backfill: boolean;
}

/** One entry of `history`: an inspection's parsed report plus where it came from. */
export interface HistoryEntry extends ParsedReport {
  fileId: string;
  url: string;
  publishedAt: string | null;
}

/** One provider as the dashboard's lists show it: details, latest grade, last inspection, last move. */
export interface ProviderSummary extends ProviderRecord {
  watched: boolean;
  /** The newest inspection with an overall grade. */
  latestGraded: { kind: ReportKind; inspectionStart: string; inspectionEnd: string | null; overall: Grade; fileId: string } | null;
  /** The newest inspection or visit of any kind. */
  lastInspection: { kind: ReportKind; inspectionStart: string; fileId: string } | null;
  /** The rating, judgement or interim event of the newest inspection that moved (baseline history included; superseded ones left out). */
  lastChange: Pick<ChangeEvent, 'type' | 'at' | 'from' | 'to' | 'inspectionDate' | 'backfill'> | null;
}

export interface WatchEntry {
  urn: string;
  addedAt: string;
}

/** Our watch categories as discovery searches them (SEARCH_CATEGORY_CODES in the site's search reader). */
export type WatchCategory = 'childrens-homes' | 'la-childrens-services' | 'schools' | 'early-years';

/** Watch a scope: every provider of a category, optionally in one local authority and/or of one owner. */
export interface ScopeKey {
  category: WatchCategory;
  /** null: any local authority. */
  localAuthority: string | null;
  /** null: any owner. */
  owner: string | null;
}

export interface WatchScope extends ScopeKey {
  addedAt: string;
  /** When its first pass listed and watched every provider in it; null until then. */
  baselinedAt: string | null;
}

export interface MessageFilter {
  eventId?: string;
  recipient?: string;
  status?: MessageStatus;
  kind?: MessageKind;
}

export interface EventFilter {
  /** ISO date or timestamp; events raised at or after it. */
  since?: string;
  urn?: string;
}

/** A stored event that no longer stands: a report that arrived later (`by`, its file id) came between the two it compared. */
export interface EventSupersession {
  id: string;
  by: string;
}

/** Everything one scrape learnt, written in one transaction so a crash leaves all or nothing. */
export interface ScrapeRecord {
  provider: ProviderInfo;
  /** Newly fetched (or re-parsed) reports; upserted by fileId. */
  reports: StoredReport[];
  /**
   * Candidate events; ids are deterministic, so ones already stored are skipped (one stored as superseded
   * stands again). One that `restates` another is stored with its alerts planned: it alerts nobody.
   */
  events: ChangeEvent[];
  /** Stored events this scrape's reports supersede (marked once; the first report to do so is kept). */
  superseded?: readonly EventSupersession[];
  /** ISO timestamp of this scrape. */
  at: string;
  /**
   * The page's fingerprint, given only when everything it lists is now stored: the next read of the
   * same content can then be skipped. Left out (null), the next read parses the page again.
   */
  pageHash?: string | null;
}

/** What a provider-level data file of Ofsted's states, as a reference snapshot keeps it. */
export interface SnapshotData {
  /** Every URN the file lists. */
  urns: string[];
  inspections: OfstedInspection[];
}

/** What a snapshot's reconciliation came to. */
export interface SnapshotOutcome {
  compared: number;
  agree: number;
  /** Fields that disagree. */
  disagreements: number;
  /** Listed URNs the store had never scraped. */
  notStored: number;
  /** Listed, watched URNs not scraped since the import when the wait for them ran out. */
  unscraped: number;
  /** Whether an operator alert was queued for it. */
  alerted: boolean;
}

/** Ofsted's own data as imported (`watch import` of a provider-level file), for reconciliation. */
export interface ReferenceSnapshot {
  /** Hash of what the file states: the same data imported twice is one snapshot. */
  id: string;
  fileName: string;
  importedAt: string;
  urnCount: number;
  inspectionCount: number;
  /** When it was reconciled with the store; null while it waits for its providers to be scraped. */
  reconciledAt: string | null;
  outcome: SnapshotOutcome | null;
}

export interface NewReferenceSnapshot {
  id: string;
  fileName: string;
  importedAt: string;
  data: SnapshotData;
}

/**
 * The storage seam. SQLite is the embedded default; PostgreSQL implements the same interface
 * so many workers can share one store. Methods are async even where SQLite is not, for that reason.
 */
/** What watchImport will do, told before it adds anything. */
export interface StagedImport {
  /** Distinct URNs given. */
  found: number;
  /** Of those, the ones already watched. */
  alreadyWatched: number;
  /** Those of `urns` not watched yet. */
  unwatched(urns: readonly string[]): Promise<Set<string>>;
}

export interface Store {
  /** Apply pending migrations (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Resolves when the database answers (for health checks); rejects otherwise. */
  ping(): Promise<void>;

  getProvider(urn: string): Promise<ProviderRecord | null>;
  /** getProvider plus the stored page fingerprint (see ScrapeRecord.pageHash), for the scrape itself. */
  getProviderState(urn: string): Promise<(ProviderRecord & { pageHash: string | null }) | null>;
  listProviders(): Promise<ProviderRecord[]>;
  /** Every stored or watched provider with what the dashboard lists show, by URN; a few queries in all. */
  listProviderSummaries(): Promise<ProviderSummary[]>;
  markProviderClosed(urn: string, at: string): Promise<void>;

  /** Every stored report of a provider (parsed or not), oldest publication first. */
  listReports(urn: string): Promise<StoredReport[]>;
  getReport(fileId: string): Promise<StoredReport | null>;
  /** Just the fileIds stored for a provider. */
  listReportFileIds(urn: string): Promise<string[]>;
  /** Where each stored report of a provider stands: what a scrape needs to tell what to fetch. */
  listReportStates(urn: string): Promise<ReportState[]>;
  /**
   * Watched providers with an unread report due to be tried again at `now`: its retry time has come, or it
   * was given up as unreadable by a parser version other than `parserVersion`. `retryAt` is the earliest
   * retry time due (null when only a new parser version makes it due). At most `limit`, earliest first.
   */
  listReportRetriesDue(o: { now: string; parserVersion: string; limit: number }): Promise<{ urn: string; retryAt: string | null }[]>;

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
  getEvent(id: string): Promise<ChangeEvent | null>;

  /** Returns how many URNs were newly added (already-watched ones are left as they are). */
  watchAdd(urns: readonly string[]): Promise<number>;
  /**
   * watchAdd for a list of any length, given in batches as it is read: the URNs are deduplicated by the
   * database, not in memory, and added to the watchlist in one transaction once all have been given (none
   * if the iterable throws). 'restart' forgets the URNs given so far. `found`: distinct URNs kept; `added`:
   * those not watched before. `beforeAdd` is told what the import will do once every batch is in and
   * before anything is added (a throw there adds nothing); it must not use the store otherwise (the import
   * holds its connection), but may ask `unwatched` which of some URNs are not watched yet.
   */
  watchImport(
    batches: AsyncIterable<readonly string[] | 'restart'>,
    beforeAdd?: (staged: StagedImport) => Promise<void> | void,
  ): Promise<{ found: number; added: number }>;
  /** Returns how many URNs were removed. */
  watchRemove(urns: readonly string[]): Promise<number>;
  watchList(): Promise<WatchEntry[]>;
  /**
   * watchAdd for providers discovery found inside a watched scope after its baseline (new registrations):
   * their reports published on or after `newsSince` (ISO date) are news, not baseline. Already-watched ones are left as they are.
   */
  watchAddNews(urns: readonly string[], newsSince: string): Promise<number>;
  /** The day from which a watched provider's reports are news on its first scrape; null for an ordinary baseline. */
  watchNewsSince(urn: string): Promise<string | null>;

  // --- Discovery and scopes (issue 12) ---

  /** False when the scope was watched already. */
  addWatchScope(scope: ScopeKey, at: string): Promise<boolean>;
  /** False when no such scope was watched. */
  removeWatchScope(scope: ScopeKey): Promise<boolean>;
  /** Oldest first. */
  listWatchScopes(): Promise<WatchScope[]>;
  markWatchScopeBaselined(scope: ScopeKey, at: string): Promise<void>;
  /** Each category's high-water mark (ISO date): discovery read its search completely up to that day. */
  discoveryMarks(): Promise<Map<WatchCategory, string>>;
  /** Advance (never move back) a category's mark. */
  setDiscoveryMark(category: WatchCategory, highWater: string, at: string): Promise<void>;
  /** The newest publication date of any stored report (read or not) of each of these providers; absent when none. */
  latestPublished(urns: readonly string[]): Promise<Map<string, string>>;

  // --- Alerts: subscriptions, the outbox of messages, scrape health (issue 5) ---

  /**
   * Add a subscription, or update the events and mode of the one with the same channel, target, scope
   * and value (so subscribing twice keeps one). `created` says which. A webhook subscription shares the
   * secret of its target's other subscriptions, or takes `signing.secret` when it is the target's first.
   */
  addSubscription(s: NewSubscription, at: string, signing?: NewSigningSecret): Promise<AddedSubscription>;
  /** The signing secret of a webhook subscription; null for email, or when there is no such subscription. */
  getSigningSecret(subscriptionId: string): Promise<string | null>;
  getSubscription(id: string): Promise<Subscription | null>;
  /** Oldest first; a filter field left out matches anything (`value: null` matches only null). */
  listSubscriptions(filter?: SubscriptionFilter): Promise<Subscription[]>;
  /** Returns how many were removed. An empty filter removes nothing (never everything by accident). */
  removeSubscriptions(filter: SubscriptionFilter): Promise<number>;

  /** Events not marked backfill whose messages have not been queued yet, oldest first. */
  listUnplannedEvents(limit: number): Promise<ChangeEvent[]>;
  /**
   * Insert the messages whose key is new and mark the events planned, in one transaction.
   * Returns how many messages were new.
   */
  queueMessages(messages: readonly NewOutboxMessage[], plannedEventIds: readonly string[], at: string): Promise<number>;
  getMessage(key: string): Promise<OutboxMessage | null>;
  /** Oldest first. */
  listMessages(filter?: MessageFilter): Promise<OutboxMessage[]>;
  /** Pending messages whose next attempt is due at `now` and that no sender holds, oldest first. */
  listDueMessages(now: string, limit: number, filter?: { eventId?: string }): Promise<OutboxMessage[]>;
  /**
   * Take a pending message for sending until `leaseUntil`. False when it is no longer pending or another
   * sender's lease has not run out: two daemons never send the same message at the same time.
   */
  claimMessage(key: string, now: string, leaseUntil: string): Promise<boolean>;
  markMessageSent(key: string, at: string): Promise<void>;
  /**
   * Record a failed attempt (attempts + 1, lastError, lease cleared): pending again from `nextAttemptAt`,
   * or finished as `rejected` (the server refused the address for good) or `failed` (out of attempts).
   */
  markMessageFailed(
    key: string,
    error: string,
    o: { at: string; nextAttemptAt: string } | { at: string; status: 'rejected' | 'failed' },
  ): Promise<void>;
  /** Messages held for digests, oldest first. */
  listHeldMessages(): Promise<OutboxMessage[]>;
  /**
   * Queue a digest message and mark the held messages it covers `digested` (digestKey set), in one
   * transaction. False, and nothing changed, when a message with the digest's key already exists.
   */
  queueDigest(digest: NewOutboxMessage, heldKeys: readonly string[], at: string): Promise<boolean>;

  /**
   * Count a scrape of a URN as worked (the run of failures ends: failures 0, failingSince and alertedAt
   * cleared) or failed (failures + 1; failingSince set on the first). Returns the state before and after,
   * so the caller can tell "just reached N failures" and "recovered from a run the operator was told of".
   */
  recordScrapeOutcome(
    urn: string,
    outcome: { ok: boolean; error?: string; at: string },
  ): Promise<{ previous: ScrapeHealth | null; current: ScrapeHealth }>;
  /** The URN's run of failures; null when it has never had an outcome recorded. */
  getScrapeHealth(urn: string): Promise<ScrapeHealth | null>;
  /** Note that the operator was told about the URN's current run of failures. */
  markScrapeFailureAlerted(urn: string, at: string): Promise<void>;
  /** Reports fetched at or after `since`, and how many of them could not be read. */
  countReportsFetchedSince(since: string): Promise<{ total: number; unreadable: number }>;

  /**
   * A persistent named value shared by every process on the store (e.g. the unsubscribe-link secret),
   * created with `create()` the first time it is asked for; concurrent first calls agree on one value.
   */
  ensureSetting(name: string, create: () => string): Promise<string>;

  // --- Reference snapshots: Ofsted's own data, for reconciliation (issue 10) ---

  /** Keep a snapshot unless one with its id exists already; true when it was new. */
  addReferenceSnapshot(snapshot: NewReferenceSnapshot): Promise<boolean>;
  /** Oldest import first, without their data; `pending`: only those not reconciled yet. */
  listReferenceSnapshots(filter?: { pending?: boolean }): Promise<ReferenceSnapshot[]>;
  getReferenceSnapshotData(id: string): Promise<SnapshotData | null>;
  /**
   * Record that a snapshot was reconciled. False, and nothing changed, when it already was (by another
   * daemon): one reconciliation per snapshot.
   */
  markSnapshotReconciled(id: string, at: string, outcome: SnapshotOutcome): Promise<boolean>;

  // --- Bounded reads for the HTTP API: pages and lookups by key, never a whole table (issue 11) ---

  /** One page of events in insertion order (or its reverse), after or before an event's `seq`. */
  pageEvents(query: EventPageQuery): Promise<KeyedEvent[]>;
  /** How many events match; with `atMost`, counting stops past it (the answer is then atMost + 1). */
  countEvents(filter: EventListFilter, atMost?: number): Promise<number>;
  /** Stored providers in URN order, after `afterUrn`. */
  pageProviders(query: { afterUrn?: string; limit: number }): Promise<ProviderRecord[]>;
  /** The stored providers among these URNs, by URN. */
  getProviders(urns: readonly string[]): Promise<Map<string, ProviderRecord>>;
  /** Stored providers whose owner (or local authority) is spelt exactly one of these ways, by URN. */
  providersNamed(field: 'owner' | 'localAuthority', spellings: readonly string[]): Promise<ProviderRecord[]>;
  /** Every distinct stored spelling of owners (or local authorities, or provider types); of watched providers only when asked. */
  listNames(field: 'owner' | 'localAuthority' | 'providerType', options?: { watchedOnly?: boolean }): Promise<string[]>;
  /** The overall grades some stored report gives, in vocabulary order. */
  listStoredGrades(): Promise<Grade[]>;
  /** The watchlist in watchList() order, after an entry. */
  pageWatchList(query: { after?: WatchEntry; limit: number }): Promise<WatchEntry[]>;
  /** Watched URNs in URN order, after `afterUrn`. */
  pageWatchedUrns(query: { afterUrn?: string; limit: number }): Promise<string[]>;
  isWatched(urn: string): Promise<boolean>;
  countWatched(): Promise<number>;
  /** history() of several providers at once (an empty list for a URN with none). */
  histories(urns: readonly string[]): Promise<Map<string, HistoryEntry[]>>;
  /** Report kinds of the stored inspections of these providers, or of every watched one. */
  inspectionKinds(scope: { urns: readonly string[] } | 'watched'): Promise<ReportKind[]>;
  /** PDF address of each stored report among these fileIds. */
  reportUrls(fileIds: readonly string[]): Promise<Map<string, string>>;
  /** Publication date of each stored report among these fileIds (null when unknown). */
  reportPublished(fileIds: readonly string[]): Promise<Map<string, string | null>>;
  /** listProviderSummaries() for these URNs only (stored or watched ones). */
  providerSummaries(urns: readonly string[]): Promise<ProviderSummary[]>;
  /** One page of the watched providers' summaries, filtered and sorted in SQL, and how many match. */
  watchedProviderSummaries(query: WatchedProviderQuery): Promise<ProviderSummaryPage>;
}

/** A secret for a webhook target's first subscription (made by the caller: the store only keeps it). */
export interface NewSigningSecret {
  secret: string;
}

export interface AddedSubscription {
  subscription: Subscription;
  created: boolean;
  /** The secret given, when this call stored it for the target (the only time it is shown); else absent. */
  newSigningSecret?: string;
}
