// `npm run bench`, discovery section (issue 12): one day of real national publication against the local Ofsted
// site, every children's home and LA children's services of Ofsted's 2025 provider-level list watched. The
// store is baselined at day D-1 by reading every watched page (the product's own reader), discovery runs once
// that day (as the daemon would have, so each category has its mark), then the site moves to day D and one
// discovery pass is measured. The baseline is the naive pass, measured after it in the same run: every watched
// page read once. Ends with `discovery requests per day`, `naive sweep requests per day`,
// `discovery/naive request ratio` (goal <= 0.05) and `reports missed by discovery` (goal 0).
//
// What a hand-off scrapes is stored from the provider's page without downloading its PDFs (as
// tests/monitor/discover.test.ts does): both ways download the same new reports, so PDFs are left out of both
// counts, and the section stays well under two minutes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { ProviderNotFoundError } from '../../src/errors.js';
import { discover, type DiscoverDeps } from '../../src/monitor/discover.js';
import { readProviderListing, type ProviderListing } from '../../src/monitor/scrape-provider.js';
import { OfstedSite } from '../../src/ofsted/site/ofsted-site.js';
import { searchCategoryOf } from '../../src/ofsted/site/search-page.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted } from '../fake-ofsted/index.js';
import type { FakeScenario, SearchRecord } from '../fake-ofsted/scenario/fake-scenario.js';
import { storeListing } from './store-listing.js';

/** The busiest publication day of the 2024-25 in-year list for these categories (52 reports, the day after Easter Monday). */
export const DEFAULT_DISCOVERY_DAY = '2025-04-22';
/** Page reads in flight while baselining and in the naive pass (the limiter is off here, as in the sweep section). */
const IN_FLIGHT = 4;

export interface DiscoveryBenchOptions {
  /** ISO date of the measured day D. @defaultValue DEFAULT_DISCOVERY_DAY */
  day?: string;
  /** Where progress lines go. @defaultValue stderr */
  progress?: (line: string) => void;
}

export interface DiscoveryBenchResult {
  day: string;
  /** Watched URNs, by search category. */
  watched: Record<string, number>;
  /** Reports the site published for watched providers on day D (withdrawn ones left out). */
  publishedOnDay: number;
  discovery: {
    /** Every request to the site during the pass: search pages, LA codes, and the handed-off providers' pages. */
    requests: number;
    searchPages: number;
    providerPages: number;
    handedOff: number;
    wallMs: number;
  };
  naive: { requests: number; wallMs: number };
  /** Reports published for watched providers after the baseline that the store lacks after discovery. */
  missed: number;
  /** New reports the naive pass after discovery still found on the watched pages. */
  naiveFoundAfter: number;
  /** Wall time of baselining (page reads at D-1), ms. */
  baselineMs: number;
}

const WATCHED_CATEGORIES = new Set(['childrens-homes', 'la-childrens-services']);

export async function runDiscoveryBench(options: DiscoveryBenchOptions = {}): Promise<DiscoveryBenchResult> {
  const say = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const day = options.day ?? DEFAULT_DISCOVERY_DAY;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`--discovery-day must be an ISO date, got ${JSON.stringify(day)}`);
  const dayBefore = addDays(day, -1);
  const tmp = mkdtempSync(join(tmpdir(), 'ofsted-discovery-bench-'));
  const site = await startFakeOfsted({ now: dayBefore, bulk: true });
  const store = await openStore(`sqlite:${join(tmp, 'monitor.db')}`);
  const ofsted = new OfstedSite({
    reportsOrigin: site.reportsUrl,
    filesOrigin: site.filesUrl,
    userAgent: 'ofsted-monitor-bench',
    timeoutMs: 30_000,
    attempts: 2,
    backoffMs: 10,
    maxPdfBytes: 25e6,
    chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  const logger = pino({ level: 'silent' });
  let now = dayBefore;
  try {
    // Every home and LA children's services on the list, registered by the baseline day.
    const records = (site.scenario as FakeScenario)
      .searchRecords()
      .filter((r) => WATCHED_CATEGORIES.has(categoryOf(r) ?? '') && (r.basics.registrationDate ?? '') <= dayBefore);
    const urns = records.map((r) => r.basics.urn);
    const watched: Record<string, number> = {};
    for (const r of records) watched[categoryOf(r)!] = (watched[categoryOf(r)!] ?? 0) + 1;
    await store.watchAdd(urns);

    const storeListed = (urn: string): Promise<ProviderListing> => storeListing(urn, now, { site: ofsted, store, logger });

    say(`discovery bench: ${urns.length} watched providers, baselining at ${dayBefore}...`);
    const baselineStarted = performance.now();
    await eachInFlight(urns, async (urn) => {
      try {
        await storeListed(urn);
      } catch (err) {
        if (!(err instanceof ProviderNotFoundError)) throw err;
      }
    });
    const baselineMs = performance.now() - baselineStarted;

    const deps = (handedOff: string[]): DiscoverDeps => ({
      site: ofsted,
      store,
      logger,
      now: () => new Date(`${now}T18:00:00Z`),
      async handOff(list) {
        handedOff.push(...list);
        for (const urn of list) await storeListed(urn);
      },
    });
    // The day before's pass: the daemon's last one before D, which gives each category its mark.
    await discover(deps([]));

    now = day;
    site.setNow(day);
    say(`discovery bench: one discovery pass at ${day}...`);
    const handedOff: string[] = [];
    let before = site.requests.length;
    let started = performance.now();
    await discover(deps(handedOff));
    const discoveryMs = performance.now() - started;
    const discoveryRequests = site.requests.slice(before);

    // Counted from the site's own data, not from what the product read: every report published for a watched
    // provider after the baseline day, and whether the store holds it now.
    const published = (r: SearchRecord) => r.reports.filter((x) => !x.withdrawn && x.publishedAt > dayBefore && x.publishedAt <= day);
    let missed = 0;
    for (const r of records) {
      const fresh = published(r);
      if (fresh.length === 0) continue;
      const held = new Set(await store.listReportFileIds(r.basics.urn));
      missed += fresh.filter((x) => !held.has(x.fileId)).length;
    }

    say(`discovery bench: the naive pass (every watched page) at ${day}...`);
    before = site.requests.length;
    started = performance.now();
    let naiveFoundAfter = 0;
    await eachInFlight(urns, async (urn) => {
      try {
        naiveFoundAfter += (await readProviderListing(urn, { site: ofsted, store, logger })).fresh.length;
      } catch (err) {
        if (!(err instanceof ProviderNotFoundError)) throw err;
      }
    });
    const naiveMs = performance.now() - started;
    const naiveRequests = site.requests.length - before;

    return {
      day,
      watched,
      publishedOnDay: records.reduce((n, r) => n + published(r).length, 0),
      discovery: {
        requests: discoveryRequests.length,
        searchPages: discoveryRequests.filter((r) => r.path.startsWith('/search')).length,
        providerPages: discoveryRequests.filter((r) => r.path.startsWith('/provider/')).length,
        handedOff: handedOff.length,
        wallMs: discoveryMs,
      },
      naive: { requests: naiveRequests, wallMs: naiveMs },
      missed,
      naiveFoundAfter,
      baselineMs,
    };
  } finally {
    await ofsted.close();
    await store.close();
    await site.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Run `fn` over `items`, IN_FLIGHT at a time. */
async function eachInFlight<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker));
}

function categoryOf(r: SearchRecord): string | null {
  return searchCategoryOf({ providerType: r.basics.providerType, category: r.basics.category });
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The report lines, ending with the four the issue names. */
export function renderDiscoveryBench(r: DiscoveryBenchResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const atOnePerSecond = (n: number) => (n >= 120 ? `${(n / 60).toFixed(0)} min` : `${n} s`);
  const watched = Object.entries(r.watched).map(([c, n]) => `${n} ${c}`).join(', ');
  return [
    `discovery: ${watched} watched (Ofsted's 2025 provider-level list) against the local Ofsted site, baselined at the day before ${r.day} (${s(r.baselineMs)}); report PDFs left out of both counts`,
    `  ${r.day}: ${r.publishedOnDay} reports published for watched providers; discovery handed off ${r.discovery.handedOff} providers`,
    `  discovery pass: ${r.discovery.requests} requests (${r.discovery.searchPages} search pages, ${r.discovery.providerPages} provider pages), ${s(r.discovery.wallMs)} wall; at REQUESTS_PER_SECOND=1: ${atOnePerSecond(r.discovery.requests)}`,
    `  naive pass (every watched page): ${r.naive.requests} requests, ${s(r.naive.wallMs)} wall; at REQUESTS_PER_SECOND=1: ${atOnePerSecond(r.naive.requests)}; new reports it found after discovery: ${r.naiveFoundAfter}`,
    `discovery requests per day: ${r.discovery.requests}`,
    `naive sweep requests per day: ${r.naive.requests}`,
    `discovery/naive request ratio: ${(r.discovery.requests / r.naive.requests).toFixed(4)}`,
    `reports missed by discovery: ${r.missed}`,
  ].join('\n');
}
