import { createHash } from 'node:crypto';
import { OfstedMonitorError, ProviderNotFoundError, UnreadableReportError, UpstreamUnavailableError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ChangeEvent, ProviderInfo, ProviderPage, ReportLink, UnchangedProviderPage } from '../ofsted/types.js';
import { sharedExtractor } from '../ofsted/reports/extract/create-extractor.js';
import { parseReportPages } from '../ofsted/reports/parse-report.js';
import { PARSER_VERSION } from '../ofsted/reports/parser-version.js';
import type { HistoryEntry, ReportState, Store, StoredReport } from '../store/store.js';
import { evaluateChanges, eventId } from './detect-changes.js';
import {
  afterFailure,
  classifyReportFailure,
  DEFAULT_REPORT_RETRY_POLICY,
  isRetryDue,
  isSettled,
  raisesScrapeFailed,
  type PreviousAttempt,
  type ReportRetryPolicy,
} from './report-retry.js';

/** What the monitor needs from Ofsted's site; OfstedSite implements it. */
export interface ReportSource {
  /** With `unlessHash` (an earlier page's contentHash), may answer that the content has not changed. */
  fetchProviderPage(urn: string, category?: string, unlessHash?: string): Promise<ProviderPage | UnchangedProviderPage>;
  downloadReport(url: string): Promise<Buffer>;
}

export interface ScrapeDeps {
  site: ReportSource;
  store: Store;
  logger: Logger;
  /** Clock, injectable so tests can pin event timestamps. */
  now?: () => Date;
  /** PDF → text of each page (pdftotext or pdf-parse; see TextExtractor). @defaultValue sharedExtractor().extract */
  extract?: (pdf: Buffer) => Promise<string[]>;
  /** How reports that could not be fetched or read are tried again. @defaultValue DEFAULT_REPORT_RETRY_POLICY */
  retry?: ReportRetryPolicy;
  /** A person asked for this scrape: every report waiting for its retry is tried now, due or not. @defaultValue false */
  manual?: boolean;
  /** The version stamped on what is read, and against which given-up reports are judged. @defaultValue PARSER_VERSION */
  parserVersion?: string;
}

export interface ScrapeResult {
  urn: string;
  provider: ProviderInfo;
  inspections: HistoryEntry[];
  /** Events this run raised (already-stored ones are not repeated). */
  events: ChangeEvent[];
  /** Reports this run could not fetch or read that will be tried again (not part of the printed JSON). */
  retrying: { fileId: string; error: string; retryAt: string }[];
}

/** A report to fetch: new on the page, or stored unread and due to be tried again (`previous`). */
export type FreshReport = ReportLink & { previous?: PreviousAttempt };

/** Step 1: what the provider page lists that is not stored yet. */
export interface ProviderListing {
  urn: string;
  provider: ProviderInfo;
  /** Reports listed on the page whose fileId is not stored, and stored unread ones due to be tried again. */
  fresh: FreshReport[];
  /**
   * Listed reports not fetched this time that are stored unread (waiting for their retry, or given up): while
   * any is, the page is not fingerprinted. Absent from listings queued before retries existed (read as "some").
   */
  waiting?: number;
  /** True when the provider has no stored baseline yet. */
  baseline: boolean;
  /**
   * A first scrape that is news, not a baseline (discovery found the provider inside a watched scope after
   * the scope's baseline: a new registration): reports published before this ISO date are still history.
   */
  historyBefore?: string;
  /** The page's fingerprint (null when it had to be rendered in a browser). */
  contentHash: string | null;
  /** True when the page's content is what was read, and fully stored, last time: nothing can be new. */
  unchanged: boolean;
}

/**
 * Read a provider's page and list its reports not yet stored. Raises provider-closed (stored) when a
 * provider we have a baseline for is no longer listed, then rethrows ProviderNotFoundError.
 */
export async function readProviderListing(urn: string, deps: ScrapeDeps): Promise<ProviderListing> {
  const { site, store } = deps;
  const now = deps.now ?? (() => new Date());
  const known = await store.getProviderState(urn);
  let page: ProviderPage | UnchangedProviderPage;
  try {
    // Only a provider with a baseline and a stored fingerprint can be skipped; anything else is read.
    const unlessHash = known?.firstScrapedAt && !known.closedAt ? (known.pageHash ?? undefined) : undefined;
    page = await site.fetchProviderPage(urn, known?.category, unlessHash);
  } catch (err) {
    if (err instanceof ProviderNotFoundError && known && !known.closedAt && known.firstScrapedAt) {
      await recordClosed(urn, known, store, now().toISOString());
      deps.logger.warn({ urn }, 'provider no longer listed by Ofsted: raised provider-closed');
    }
    throw err;
  }
  if ('unchanged' in page) {
    // Safe to skip: a fingerprint is kept only once everything the page lists is read (or withdrawn), so
    // no report of an unchanged page can be waiting for its retry (recordChanges).
    deps.logger.debug({ urn }, 'provider page unchanged');
    const { name, category, providerType, localAuthority, owner, url } = known!;
    const provider = { urn, name, category, providerType, localAuthority, owner, url };
    return { urn, provider, fresh: [], waiting: 0, baseline: false, contentHash: page.contentHash, unchanged: true };
  }
  const stored = new Map((await store.listReportStates(urn)).map((r) => [r.fileId, r]));
  const due = { now: now(), parserVersion: deps.parserVersion ?? PARSER_VERSION, ignoreBackoff: deps.manual ?? false };
  const fresh: FreshReport[] = [];
  let retries = 0;
  let waiting = 0;
  for (const link of page.reports) {
    const state = stored.get(link.fileId);
    if (!state) {
      fresh.push(link);
    } else if (isRetryDue(state, due)) {
      fresh.push({ ...link, previous: previousAttempt(state) });
      retries += 1;
    } else if (!isSettled(state)) {
      waiting += 1;
    }
  }
  // A daily sweep reads thousands of unchanged pages: only the ones with something to fetch are worth a line.
  const level = fresh.length > 0 ? 'info' : 'debug';
  deps.logger[level]({ urn, listed: page.reports.length, new: fresh.length - retries, retries, waiting }, 'provider page read');
  const first = !known?.firstScrapedAt;
  const newsSince = first ? await store.watchNewsSince(urn) : null;
  if (newsSince) deps.logger.info({ urn, newsSince }, 'first scrape of a provider new inside a watched scope: its reports from then on are news');
  return {
    urn,
    provider: page.provider,
    fresh,
    waiting,
    baseline: first && !newsSince,
    ...(newsSince ? { historyBefore: newsSince } : {}),
    contentHash: page.contentHash ?? null,
    unchanged: false,
  };
}

function previousAttempt(s: ReportState): PreviousAttempt {
  return { failure: s.failure, attempts: s.attempts, sha256: s.sha256, parserVersion: s.parserVersion, backfill: s.backfill };
}

/**
 * Step 2: download, extract and parse one report. A report that cannot be fetched or read is returned with
 * `parsed: null`, the reason, its failure class and when it is tried again (report-retry.ts); nothing here
 * throws for the report's sake.
 */
export async function readReport(urn: string, link: FreshReport, deps: ScrapeDeps): Promise<StoredReport> {
  const now = deps.now ?? (() => new Date());
  const extract = deps.extract ?? ((pdf: Buffer) => sharedExtractor().extract(pdf));
  const parserVersion = deps.parserVersion ?? PARSER_VERSION;
  const log = deps.logger.child({ urn, fileId: link.fileId });
  // `?? null`: a report job queued before links carried publishedAt has none.
  const base = { fileId: link.fileId, urn, url: link.url, title: link.title, publishedAt: link.publishedAt ?? null, parserVersion, backfill: link.previous?.backfill ?? false };
  const failed = (err: OfstedMonitorError, sha256: string | null, pages?: string[] | null): StoredReport => {
    const failure = classifyReportFailure(err);
    const at = now();
    const next = afterFailure({ failure, sha256, parserVersion, previous: link.previous, now: at, policy: deps.retry ?? DEFAULT_REPORT_RETRY_POLICY });
    log.warn({ err: err.message, failure, attempts: next.attempts, retryAt: next.retryAt }, failure === 'transport' ? 'report download damaged' : 'report unreadable');
    return { ...base, sha256, parsed: null, error: err.message, fetchedAt: at.toISOString(), ...(pages ? { pages } : {}), failure, ...next };
  };
  let pdf: Buffer;
  try {
    pdf = await deps.site.downloadReport(link.url);
  } catch (err) {
    if (!(err instanceof OfstedMonitorError)) throw err;
    return failed(err, null);
  }
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  // Kept with the report so a better parser can re-derive it later (`reparse`), even when this one fails.
  let pages: string[] | null = null;
  try {
    pages = await extract(pdf);
    const parsed = parseReportPages(pages);
    if (parsed.urn && parsed.urn !== urn) throw new UnreadableReportError(`the report is for URN ${parsed.urn}, not ${urn}`);
    // The page's own date for the item is logged beside the report's, never put in its place.
    log.info({ kind: parsed.kind, overall: parsed.overall, inspectionStart: parsed.inspectionStart, itemDate: link.itemDate ?? null, unreadable: parsed.unreadable }, 'report parsed');
    return { ...base, sha256, parsed, error: null, fetchedAt: now().toISOString(), pages, failure: null, attempts: 0, retryAt: null };
  } catch (err) {
    if (!(err instanceof OfstedMonitorError)) throw err;
    return failed(err, sha256, pages);
  }
}

/**
 * Step 3: store what was read and the change events it implies, in one transaction. Returns only the
 * events not stored before, so a retried step raises nothing twice. A baseline is stored whole or not at
 * all: a report that arrived damaged in it fails the whole step (UpstreamUnavailableError), so the next try
 * is still a baseline and old reports never raise alerts as if they were news.
 */
export async function recordChanges(listing: ProviderListing, incoming: readonly StoredReport[], deps: ScrapeDeps): Promise<ChangeEvent[]> {
  const { store } = deps;
  const policy = deps.retry ?? DEFAULT_REPORT_RETRY_POLICY;
  const now = deps.now ?? (() => new Date());
  const at = now().toISOString();
  const damaged = incoming.find((r) => r.failure === 'transport');
  if (listing.baseline && damaged) {
    throw new UpstreamUnavailableError(
      `${listing.urn}: report ${damaged.fileId} could not be downloaded intact (${damaged.error}); nothing stored, try again later`,
    );
  }
  // A report first stored in the baseline stays history when it is read at last.
  const before = listing.historyBefore;
  const isHistory = (r: StoredReport) => before !== undefined && (r.publishedAt === null || r.publishedAt < before);
  const reports = incoming.map((r) => ({ ...r, backfill: listing.baseline || (r.backfill ?? false) || isHistory(r) }));
  // An unread report waiting for its retry is not news; it is told (scrape-failed) when the policy says so.
  const told = reports
    .filter((r) => r.parsed || raisesScrapeFailed(r, policy))
    .map((r) => (r.failure === 'transport' ? { ...r, error: `${r.error}; ${r.attempts} failed downloads in a row, still being tried` } : r));
  const history = await store.history(listing.urn);
  // A report arriving late is checked against the comparisons already stored (detect-changes.ts).
  const storedEvents = told.length > 0 ? await store.listEvents({ urn: listing.urn }) : [];
  const { events: candidates, superseded } = evaluateChanges({ urn: listing.urn, history, incoming: told, stored: storedEvents, baseline: listing.baseline, at });
  const lateHistory = new Set(reports.filter((r) => r.parsed && r.backfill && !listing.baseline).map((r) => r.fileId));
  const events = candidates.map((e) => (e.fileId && lateHistory.has(e.fileId) && e.type !== 'scrape-failed' ? { ...e, backfill: true } : e));
  // Fingerprinted only when everything the page lists is stored and read (or withdrawn): the "unchanged
  // page" shortcut must never hide a report still to retry.
  const complete = listing.waiting === 0 && reports.length >= listing.fresh.length && reports.every(isSettled);
  const pageHash = complete ? listing.contentHash : null;
  const recorded = await store.recordScrape({ provider: listing.provider, reports, events, superseded, at, pageHash });
  if (superseded.length > 0) deps.logger.info({ urn: listing.urn, superseded: superseded.length }, 'a report arrived out of order: the comparisons it came between were superseded');
  for (const e of recorded) deps.logger.info({ urn: listing.urn, event: e.type, from: e.from, to: e.to, backfill: e.backfill }, e.summary);
  return recorded;
}

/**
 * Scrape one provider end to end: page → new reports and due retries → parse → store → change events
 * (steps 1-3 in a row; the daemon runs the same steps as queue jobs). Safe to repeat or to retry after a
 * crash: reports are keyed by fileId, events by deterministic id, and everything one run learns is written
 * at once. Reports that could not be fetched or read are stored to be tried again, and listed in `retrying`.
 */
export async function scrapeProvider(urn: string, deps: ScrapeDeps): Promise<ScrapeResult> {
  const listing = await readProviderListing(urn, deps);
  const incoming: StoredReport[] = [];
  for (const link of listing.fresh) incoming.push(await readReport(urn, link, deps));
  const events = await recordChanges(listing, incoming, deps);
  const retrying = incoming.flatMap((r) => (!r.parsed && r.retryAt ? [{ fileId: r.fileId, error: r.error ?? 'unknown error', retryAt: r.retryAt }] : []));
  return { urn, provider: listing.provider, inspections: await deps.store.history(urn), events, retrying };
}

async function recordClosed(urn: string, known: ProviderInfo & { category: string }, store: Store, at: string): Promise<void> {
  await store.markProviderClosed(urn, at);
  await store.recordScrape({
    provider: known,
    reports: [],
    at,
    events: [
      {
        id: eventId(urn, 'provider-closed', known.url),
        urn,
        type: 'provider-closed',
        at,
        inspectionDate: null,
        from: null,
        to: null,
        fileId: null,
        summary: `${urn}: Ofsted no longer lists this provider (its page is gone)`,
        backfill: false,
      },
    ],
  });
}
