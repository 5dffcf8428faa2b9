import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SearchPageShapeError } from '../../../src/ofsted/site/search-page-shape-error.js';
import { buildSearchUrl, parseSearchPage, type SearchPage, type SearchQuery } from '../../../src/ofsted/site/search-page.js';
import { startFakeOfsted, type FakeOfsted } from '../../../tools/fake-ofsted/index.js';
import type { FakeScenario, SearchRecord } from '../../../tools/fake-ofsted/scenario/fake-scenario.js';

// A Tuesday with 40 publications in the real 2024-25 in-year file.
const DAY = '2025-03-11';
const DERBY = 831; // local_authority[] code of Derby on the real search form

/** Every page of a search, following a.pagination__next with the product's strict reader. */
async function allPages(firstUrl: string, requireDates = true): Promise<SearchPage[]> {
  const pages: SearchPage[] = [];
  for (let url: string | null = firstUrl; url; ) {
    const res: Response = await fetch(url);
    assert.equal(res.status, 200);
    const page: SearchPage = parseSearchPage(await res.text(), url, { requireDates });
    pages.push(page);
    url = page.nextPageUrl;
    assert.ok(pages.length < 100, 'paging never ends');
  }
  return pages;
}

/** What the search must list: the provider's newest published, not withdrawn report, by the site's date. */
function latestOf(p: Pick<SearchRecord, 'reports'>, now: string): string | null {
  return p.reports.filter((r) => !r.withdrawn && r.publishedAt <= now).reduce<string | null>(
    (best, r) => (best === null || r.publishedAt > best ? r.publishedAt : best),
    null,
  );
}

describe('fake Ofsted site: the real search', () => {
  let site: FakeOfsted;
  const homes = (q: Omit<SearchQuery, 'category'>): string =>
    buildSearchUrl({ reportsOrigin: site.reportsUrl }, { category: 'childrens-homes', ...q });

  before(async () => {
    site = await startFakeOfsted({ now: DAY });
  });
  after(async () => {
    await site.close();
  });
  beforeEach(() => {
    site.clearFaults();
    site.setNow(DAY);
  });

  it("lists exactly the children's homes whose latest report was published in the window, across pages", async () => {
    const from = '2025-03-01';
    const pages = await allPages(homes({ from, to: DAY }));
    const listed = pages.flatMap((p) => p.results);
    // Brute force over every provider's reports (without completing 5,600 providers' details).
    const expected = (site.scenario as FakeScenario)
      .searchRecords()
      .filter(({ basics }) => /children's home/i.test(basics.providerType) && (basics.registrationDate ?? '') <= DAY)
      .filter((p) => {
        const latest = latestOf(p, DAY);
        return latest !== null && latest >= from && latest <= DAY;
      })
      .map((p) => p.basics.urn)
      .sort();
    assert.ok(expected.length > 100, `eleven real days of publication (${expected.length})`);
    assert.deepEqual(listed.map((r) => r.urn).sort(), expected);
    assert.equal(new Set(listed.map((r) => r.urn)).size, listed.length, 'nothing twice');
    assert.ok(pages.every((p) => p.total === expected.length));
    assert.ok(pages.slice(0, -1).every((p) => p.results.length === 100), 'full pages of 100');
    // sort=date&order=desc: newest first across the pages.
    const dates = listed.map((r) => r.latestReportDate ?? '');
    assert.deepEqual(dates, [...dates].sort().reverse());
    for (const r of listed.slice(0, 20)) {
      assert.equal(r.latestReportDate, latestOf(site.scenario.provider(r.urn)!, DAY));
      assert.equal(r.category, 'CARE');
    }
  });

  it('caps rows at 100 and counts only what is published by the site date', async () => {
    const capped = await fetch(homes({ from: '2024-04-01', to: DAY }).replace('rows=100', 'rows=1000'));
    const page = parseSearchPage(await capped.text(), capped.url);
    assert.equal(page.results.length, 100);
    assert.ok(page.nextPageUrl?.includes('start=100'));

    const day = await allPages(homes({ from: DAY, to: DAY }));
    assert.ok(day[0]!.total > 0, 'reports published that day');
    site.setNow('2025-03-10');
    const before = await allPages(homes({ from: DAY, to: DAY }));
    assert.equal(before[0]!.total, 0);
  });

  it('publishes a new home registered that day with its first report, findable by LA code; a withdrawn report stops counting', async () => {
    site.setNow('2025-03-12');
    const home = site.registerProvider({ localAuthority: 'Derby', owner: 'Derby City Council' });
    assert.match(home.urn, /^\d{7}$/);
    const report = site.publishReport(home.urn, { grades: { experiences: 'inadequate', protection: 'inadequate', leadership: 'inadequate' } });
    const inDerby = await allPages(
      buildSearchUrl({ reportsOrigin: site.reportsUrl }, { category: 'childrens-homes', from: '2025-03-12', to: '2025-03-12', localAuthorities: [DERBY] }),
    );
    const found = inDerby.flatMap((p) => p.results).find((r) => r.urn === home.urn);
    assert.deepEqual([found?.latestReportDate, found?.rating, found?.category], ['2025-03-12', 'Inadequate', 'CARE']);
    assert.equal((await fetch(`${site.reportsUrl}/provider/CARE/${home.urn}`)).status, 200);
    assert.equal((await fetch(`${site.filesUrl}/v1/file/${report.fileId}`)).headers.get('content-type'), 'application/pdf');
    site.setNow('2025-03-11');
    assert.equal((await fetch(`${site.reportsUrl}/provider/CARE/${home.urn}`)).status, 404, 'not yet registered');

    // Withdraw one of the day's reports: its provider leaves the day's results (its latest is older now).
    site.setNow(DAY);
    const urn = (await allPages(homes({ from: DAY, to: DAY })))[0]!.results[0]!.urn;
    const withdrawn = site.scenario.provider(urn)!.reports.find((r) => r.publishedAt === DAY)!;
    site.withdrawReport(withdrawn.fileId);
    const after = (await allPages(homes({ from: DAY, to: DAY }))).flatMap((p) => p.results);
    assert.ok(!after.some((r) => r.urn === urn));
    assert.match(await (await fetch(`${site.filesUrl}/v1/file/${withdrawn.fileId}`)).text(), /cannot publish/i);
  });

  it('filters on status and keeps the URN search', async () => {
    site.setNow('2025-06-01');
    const url = (status: 'open' | 'closed'): string =>
      buildSearchUrl({ reportsOrigin: site.reportsUrl }, { category: 'childrens-homes', localAuthorities: [DERBY], status: [status] });
    const closed = (await allPages(url('closed'), false)).flatMap((p) => p.results).map((r) => r.urn);
    const open = (await allPages(url('open'), false)).flatMap((p) => p.results).map((r) => r.urn);
    assert.ok(closed.includes('SC036019'), 'closed on 2024-11-29');
    assert.ok(open.includes('SC036243') && !open.includes('SC036019'));
    const byUrn = parseSearchPage(await (await fetch(`${site.reportsUrl}/search?q=sc036243`)).text(), site.reportsUrl, {
      requireDates: false,
    });
    assert.deepEqual(byUrn.results.map((r) => r.urn), ['SC036243']);
  });

  it('serves a changed shape on request, which the strict reader refuses; and search faults', async () => {
    for (const shape of ['renamed', 'no-dates'] as const) {
      site.setSearchShape(shape);
      const res = await fetch(homes({ from: DAY, to: DAY }));
      const html = await res.text();
      assert.throws(() => parseSearchPage(html, res.url), SearchPageShapeError, shape);
    }
    site.clearFaults();
    const real = await fetch(homes({ from: DAY, to: DAY }));
    assert.ok(parseSearchPage(await real.text(), real.url).total > 0);
    site.setFault({ search: true }, { kind: 'status', status: 503, times: 1 });
    assert.equal((await fetch(homes({ from: DAY, to: DAY }))).status, 503);
    assert.equal((await fetch(homes({ from: DAY, to: DAY }))).status, 200);
  });

  it('does the same through the control API', async () => {
    const post = async (path: string, body?: unknown): Promise<Record<string, unknown>> => {
      const res = await fetch(`${site.reportsUrl}/__scenario/${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
      assert.equal(res.status, 200, path);
      return (await res.json()) as Record<string, unknown>;
    };
    const reg = await post('register', { localAuthority: 'Kent', urn: '2999050', registrationDate: DAY });
    assert.equal(reg['urn'], '2999050');
    const pub = await post('publish?urn=2999050', { kind: 'full' });
    assert.equal(pub['publishedAt'], DAY);
    const res = await fetch(`${site.reportsUrl}/search?q=2999050&latest_report_date_start=11-03-2025&latest_report_date_end=11-03-2025`);
    assert.equal(parseSearchPage(await res.text(), res.url).total, 1);
    assert.equal((await post(`withdraw?fileId=${String(pub['fileId'])}`))['withdrawn'], true);
    assert.equal((await post('search-shape?shape=renamed'))['shape'], 'renamed');
    const bad = await fetch(`${site.reportsUrl}/__scenario/search-shape?shape=odd`, { method: 'POST' });
    assert.equal(bad.status, 400);
    await post('reset');
  });
});
