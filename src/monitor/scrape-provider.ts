import { createHash } from 'node:crypto';
import { OfstedMonitorError, ProviderNotFoundError, UnreadableReportError, UpstreamUnavailableError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ChangeEvent, ProviderInfo, ProviderPage, ReportLink, UnchangedProviderPage } from '../ofsted/types.js';
import { sharedExtractor } from '../ofsted/reports/extract/create-extractor.js';
import { parseReportPages } from '../ofsted/reports/parse-report.js';
import { PARSER_VERSION } from '../ofsted/reports/parser-version.js';
import type { HistoryEntry, Store, StoredReport } from '../store/store.js';
import { evaluateChanges, eventId } from './detect-changes.js';

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
}

export interface ScrapeResult {
  urn: string;
  provider: ProviderInfo;
  inspections: HistoryEntry[];
  /** Events this run raised (already-stored ones are not repeated). */
  events: ChangeEvent[];
}

/** Step 1: what the provider page lists that is not stored yet. */
export interface ProviderListing {
  urn: string;
  provider: ProviderInfo;
  /** Reports listed on the page whose fileId is not stored. */
  fresh: ReportLink[];
  /** True when the provider has no stored baseline yet. */
  baseline: boolean;
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
    deps.logger.debug({ urn }, 'provider page unchanged');
    const { name, category, providerType, localAuthority, owner, url } = known!;
    const provider = { urn, name, category, providerType, localAuthority, owner, url };
    return { urn, provider, fresh: [], baseline: false, contentHash: page.contentHash, unchanged: true };
  }
  const storedIds = new Set(await store.listReportFileIds(urn));
  const fresh = page.reports.filter((r) => !storedIds.has(r.fileId));
  // A daily sweep reads thousands of unchanged pages: only the ones with something new are worth a line.
  const level = fresh.length > 0 ? 'info' : 'debug';
  deps.logger[level]({ urn, listed: page.reports.length, new: fresh.length }, 'provider page read');
  return { urn, provider: page.provider, fresh, baseline: !known?.firstScrapedAt, contentHash: page.contentHash ?? null, unchanged: false };
}

/**
 * Step 2: download, extract and parse one report. A report that cannot be read is returned with
 * `parsed: null` and the reason (it becomes scrape-failed); only an upstream outage throws, so the
 * report is not stored and is tried again later.
 */
export async function readReport(urn: string, link: ReportLink, deps: ScrapeDeps): Promise<StoredReport> {
  const now = deps.now ?? (() => new Date());
  const extract = deps.extract ?? ((pdf: Buffer) => sharedExtractor().extract(pdf));
  const log = deps.logger.child({ urn, fileId: link.fileId });
  // `?? null`: a report job queued before links carried publishedAt has none.
  const base = { fileId: link.fileId, urn, url: link.url, title: link.title, publishedAt: link.publishedAt ?? null, parserVersion: PARSER_VERSION };
  let pdf: Buffer;
  try {
    pdf = await deps.site.downloadReport(link.url);
  } catch (err) {
    if (err instanceof UpstreamUnavailableError || !(err instanceof OfstedMonitorError)) throw err;
    return { ...base, sha256: null, parsed: null, error: err.message, fetchedAt: now().toISOString() };
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
    return { ...base, sha256, parsed, error: null, fetchedAt: now().toISOString(), pages };
  } catch (err) {
    if (!(err instanceof OfstedMonitorError)) throw err;
    log.warn({ err: err.message }, 'report unreadable');
    return { ...base, sha256, parsed: null, error: err.message, fetchedAt: now().toISOString(), pages };
  }
}

/**
 * Step 3: store what was read and the change events it implies, in one transaction. Returns only the
 * events not stored before, so a retried step raises nothing twice.
 */
export async function recordChanges(listing: ProviderListing, incoming: readonly StoredReport[], deps: ScrapeDeps): Promise<ChangeEvent[]> {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  const at = now().toISOString();
  const history = await store.history(listing.urn);
  // A report arriving late is checked against the comparisons already stored (detect-changes.ts).
  const stored = incoming.length > 0 ? await store.listEvents({ urn: listing.urn }) : [];
  const { events: candidates, superseded } = evaluateChanges({ urn: listing.urn, history, incoming, stored, baseline: listing.baseline, at });
  // Every report the page lists is stored once all the fresh ones came in (unreadable ones included).
  const pageHash = incoming.length >= listing.fresh.length ? listing.contentHash : null;
  const events = await store.recordScrape({ provider: listing.provider, reports: [...incoming], events: candidates, superseded, at, pageHash });
  if (superseded.length > 0) deps.logger.info({ urn: listing.urn, superseded: superseded.length }, 'a report arrived out of order: the comparisons it came between were superseded');
  for (const e of events) deps.logger.info({ urn: listing.urn, event: e.type, from: e.from, to: e.to, backfill: e.backfill }, e.summary);
  return events;
}

/**
 * Scrape one provider end to end: page → new reports → parse → store → change events (steps 1-3 in a
 * row; the daemon runs the same steps as queue jobs). Safe to repeat or to retry after a crash: reports
 * are keyed by fileId, events by deterministic id, and everything one run learns is written at once.
 */
export async function scrapeProvider(urn: string, deps: ScrapeDeps): Promise<ScrapeResult> {
  const listing = await readProviderListing(urn, deps);
  const incoming: StoredReport[] = [];
  let unavailable: UpstreamUnavailableError | null = null;
  for (const link of listing.fresh) {
    try {
      incoming.push(await readReport(urn, link, deps));
    } catch (err) {
      if (!(err instanceof UpstreamUnavailableError)) throw err;
      // Not stored, so the next scrape tries again; the rest of this run still lands.
      unavailable = err;
      deps.logger.warn({ urn, fileId: link.fileId, err: err.message }, 'report download failed; will retry next scrape');
    }
  }
  // A baseline must be whole: if part of it could not be fetched, store nothing, so that the next try is
  // still a baseline and old reports never raise alerts as if they were news.
  if (unavailable && listing.baseline) throw unavailable;
  const events = await recordChanges(listing, incoming, deps);
  if (unavailable) throw unavailable;
  return { urn, provider: listing.provider, inspections: await deps.store.history(urn), events };
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
