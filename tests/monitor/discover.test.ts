import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { discover, DiscoveryFailedError, type DiscoverDeps } from '../../src/monitor/discover.js';
import { readProviderListing } from '../../src/monitor/scrape-provider.js';
import { OfstedSite } from '../../src/ofsted/site/ofsted-site.js';
import { SearchPageShapeError } from '../../src/ofsted/site/search-page-shape-error.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import type { FakeScenario, SearchRecord } from '../../tools/fake-ofsted/scenario/fake-scenario.js';
import { storeListing } from '../../tools/bench/store-listing.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

// Discovery against the local site's real search, over real 2024-25 national publication replayed day by day.
// What a provider scrape does with the reports it is handed is tested elsewhere; here each hand-off (and the
// full sweep it is compared with) reads the provider's real page and stores what it lists, without
// downloading the PDFs (seconds instead of minutes), so the store knows each provider's latest report.

const START = '2025-02-03';
const DAYS = 30;
const WATCHED = 200;

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe('discovery over a month of national publication', () => {
  let site: FakeOfsted;
  let db: TestDatabase;
  let store: Store;
  let ofsted: OfstedSite;
  let day = START;
  const logger = pino({ level: 'silent' });
  const handedOff: { day: string; urns: string[] }[] = [];

  /** What a scrape would store of the provider's page: every listed report, read or not (see above). */
  const storeListed = async (urn: string): Promise<number> => (await storeListing(urn, day, { site: ofsted, store, logger })).fresh.length;

  const deps = (): DiscoverDeps => ({
    site: ofsted,
    store,
    logger,
    now: () => new Date(`${day}T18:00:00Z`),
    async handOff(urns) {
      handedOff.push({ day, urns: [...urns] });
      for (const urn of urns) assert.ok((await storeListed(urn)) > 0, `${urn} handed off on ${day} with nothing new on its page`);
    },
  });

  before(async () => {
    site = await startFakeOfsted({ now: START });
    db = await testDatabaseUrl();
    store = await openStore(db.url);
    ofsted = new OfstedSite({ reportsOrigin: site.reportsUrl, filesOrigin: site.filesUrl, userAgent: 'test', timeoutMs: 10_000, attempts: 2, backoffMs: 10, maxPdfBytes: 25e6, chromiumPath: '/usr/bin/chromium' });
  });
  after(async () => {
    await ofsted.close();
    await store.close();
    await db.cleanup();
    await site.close();
  });

  it('finds every report a full sweep finds, nothing twice, and a changed search page fails loudly without advancing the mark', async () => {
    // Watch homes registered by the start: half with news in the month, half without, every other one of each
    // (so the search lists unwatched homes with news too, which must not be handed off).
    const records = (site.scenario as FakeScenario).searchRecords();
    const published = (r: SearchRecord, from: string, to: string) => r.reports.filter((x) => !x.withdrawn && x.publishedAt > from && x.publishedAt <= to);
    const end = addDays(START, DAYS);
    const eligible = records.filter((r) => /children's home/i.test(r.basics.providerType) && (r.basics.registrationDate ?? '') <= START && published(r, '2000-01-01', START).length > 0);
    const withNews = eligible.filter((r) => published(r, START, end).length > 0).filter((_, i) => i % 2 === 0);
    const without = eligible.filter((r) => published(r, START, end).length === 0).filter((_, i) => i % 2 === 0);
    const homes = [...withNews.slice(0, WATCHED / 2), ...without].slice(0, WATCHED);
    assert.equal(homes.length, WATCHED);
    const urns = homes.map((h) => h.basics.urn);
    await store.watchAdd(urns);
    // Baselines: everything their pages list at the start.
    for (const urn of urns) await storeListed(urn);

    // First pass: no mark yet, so it searches back from the baselines.
    let result = await discover(deps());
    assert.equal(result.providers.length, 0, 'nothing new on the day of the baselines');
    let requests = result.requests;
    for (let i = 1; i <= DAYS; i++) {
      day = addDays(START, i);
      site.setNow(day);
      result = await discover(deps());
      assert.equal(result.until, day);
      assert.equal(result.since, addDays(day, -4), 'the window starts three days before the last pass');
      requests += result.requests;
    }

    const expected = homes.flatMap((h) => published(h, START, day).map((r) => r.fileId)).sort();
    assert.ok(expected.length >= 10, `the month brings the watched homes new reports (${expected.length})`);
    const stored = (await Promise.all(urns.map((u) => store.listReportFileIds(u)))).flat();
    const missing = expected.filter((f) => !stored.includes(f));
    assert.deepEqual(missing, [], 'every report published in the month reached the store through discovery');
    const all = handedOff.flatMap((h) => h.urns);
    assert.ok(all.length <= expected.length, `handed off ${all.length} times for ${expected.length} reports: never a provider with nothing new`);
    // The full sweep: every watched page, read now, lists nothing discovery did not already store.
    let sweepFound = 0;
    for (const urn of urns) sweepFound += (await readProviderListing(urn, { site: ofsted, store, logger })).fresh.length;
    assert.equal(sweepFound, 0, 'the full sweep finds nothing discovery missed');
    console.log(`discovery over ${DAYS} days: ${WATCHED} homes watched, ${expected.length} reports published for them, all stored; ${requests} requests (${WATCHED * DAYS} page reads for daily sweeps); the full sweep after found ${sweepFound}`);
    assert.ok(requests < DAYS * 4, `a few search pages a day (${requests} requests over ${DAYS} days, against ${WATCHED * DAYS} page reads for daily sweeps)`);

    // A search page in a changed shape: the pass fails loudly and the mark stays.
    const mark = (await store.discoveryMarks()).get('childrens-homes');
    assert.equal(mark, day);
    day = addDays(day, 1);
    site.setNow(day);
    site.setSearchShape('renamed');
    await assert.rejects(discover(deps()), (err: unknown) => {
      assert.ok(err instanceof DiscoveryFailedError);
      assert.ok(err.cause instanceof SearchPageShapeError);
      assert.equal(err.exitCode, 4);
      return true;
    });
    assert.equal((await store.discoveryMarks()).get('childrens-homes'), mark, 'the high-water mark did not move');
    site.setSearchShape('real');
    result = await discover(deps());
    assert.equal(result.since, addDays(mark!, -3), 'the next pass searches the failed days again');
    assert.equal((await store.discoveryMarks()).get('childrens-homes'), day);
  });
});
