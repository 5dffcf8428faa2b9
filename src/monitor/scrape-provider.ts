import { createHash } from 'node:crypto';
import { OfstedMonitorError, ProviderNotFoundError, UnreadableReportError, UpstreamUnavailableError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ChangeEvent, ProviderInfo, ProviderPage } from '../ofsted/types.js';
import { sharedExtractor } from '../ofsted/reports/extract/create-extractor.js';
import { parseReportPages } from '../ofsted/reports/parse-report.js';
import { PARSER_VERSION } from '../ofsted/reports/parser-version.js';
import type { HistoryEntry, Store, StoredReport } from '../store/store.js';
import { detectChanges, eventId } from './detect-changes.js';

/** What the monitor needs from Ofsted's site; OfstedSite implements it. */
export interface ReportSource {
  fetchProviderPage(urn: string, category?: string): Promise<ProviderPage>;
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

/**
 * Scrape one provider end to end: page → new reports → parse → store → change events.
 * Safe to repeat or to retry after a crash: reports are keyed by fileId, events by deterministic id,
 * and everything one run learns is written in a single transaction.
 */
export async function scrapeProvider(urn: string, deps: ScrapeDeps): Promise<ScrapeResult> {
  const { site, store, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const extract = deps.extract ?? ((pdf: Buffer) => sharedExtractor().extract(pdf));
  const log = logger.child({ urn });

  const known = await store.getProvider(urn);
  let page: ProviderPage;
  try {
    page = await site.fetchProviderPage(urn, known?.category);
  } catch (err) {
    if (err instanceof ProviderNotFoundError && known && !known.closedAt && known.firstScrapedAt) {
      await recordClosed(urn, known, store, now().toISOString());
      log.warn('provider no longer listed by Ofsted: raised provider-closed');
    }
    throw err;
  }

  const stored = await store.listReports(urn);
  const storedIds = new Set(stored.map((r) => r.fileId));
  const fresh = page.reports.filter((r) => !storedIds.has(r.fileId));
  log.info({ listed: page.reports.length, new: fresh.length }, 'provider page read');

  const incoming: StoredReport[] = [];
  let unavailable: UpstreamUnavailableError | null = null;
  for (const link of fresh) {
    const base = { fileId: link.fileId, urn, url: link.url, title: link.title, publishedAt: link.date, parserVersion: PARSER_VERSION };
    let pdf: Buffer;
    try {
      pdf = await site.downloadReport(link.url);
    } catch (err) {
      if (err instanceof UpstreamUnavailableError) {
        // Not stored, so the next scrape tries again; the rest of this run still lands.
        unavailable = err;
        log.warn({ fileId: link.fileId, err: err.message }, 'report download failed; will retry next scrape');
        continue;
      }
      if (!(err instanceof OfstedMonitorError)) throw err;
      incoming.push({ ...base, sha256: null, parsed: null, error: err.message, fetchedAt: now().toISOString() });
      continue;
    }
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    // Kept with the report so a better parser can re-derive it later (`reparse`), even when this one fails.
    let pages: string[] | null = null;
    try {
      pages = await extract(pdf);
      const parsed = parseReportPages(pages);
      if (parsed.urn && parsed.urn !== urn) {
        throw new UnreadableReportError(`the report is for URN ${parsed.urn}, not ${urn}`);
      }
      incoming.push({ ...base, sha256, parsed, error: null, fetchedAt: now().toISOString(), pages });
      log.info({ fileId: link.fileId, kind: parsed.kind, overall: parsed.overall, unreadable: parsed.unreadable }, 'report parsed');
    } catch (err) {
      if (!(err instanceof OfstedMonitorError)) throw err;
      incoming.push({ ...base, sha256, parsed: null, error: err.message, fetchedAt: now().toISOString(), pages });
      log.warn({ fileId: link.fileId, err: err.message }, 'report unreadable');
    }
  }

  const baseline = !known?.firstScrapedAt;
  // A baseline must be whole: if part of it could not be fetched, store nothing, so that the next try is
  // still a baseline and old reports never raise alerts as if they were news.
  if (unavailable && baseline) throw unavailable;

  const at = now().toISOString();
  const history = await store.history(urn);
  const candidates = detectChanges({ urn, history, incoming, baseline, at });
  const events = await store.recordScrape({ provider: page.provider, reports: incoming, events: candidates, at });
  for (const e of events) log.info({ event: e.type, from: e.from, to: e.to, backfill: e.backfill }, e.summary);

  if (unavailable) throw unavailable;
  return { urn, provider: page.provider, inspections: await store.history(urn), events };
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
