import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { after, before, describe, it } from 'node:test';
import { PAGE_CSP, shortDay } from '../../../src/api/pages/layout.js';
import { managerSpans } from '../../../src/api/pages/manager-history.js';
import { managerMoves, type ManagedHome } from '../../../src/api/pages/manager-moves.js';
import { renderOwnerPage } from '../../../src/api/pages/owner-page.js';
import { percent } from '../../../src/api/pages/portfolio-chart.js';
import { portfolioShare } from '../../../src/api/pages/portfolio-share.js';
import type { ParsedReport } from '../../../src/ofsted/types.js';
import type { ProviderSummary, Store } from '../../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../../tools/fake-ofsted/index.js';
import { startApiFixture, type ApiFixture } from '../support/api-fixture.js';
import { entry, interim, visit } from './support/history-builders.js';
import { DERBY, DERBY_HOMES, scrapeFromLocalSite } from './support/scrape-local-site.js';

const HOMES: ManagedHome[] = [
  {
    urn: 'SC036243',
    name: 'Oak House',
    history: [
      entry('2017-05-23', { registeredManager: 'Jane Smith' }),
      entry('2018-06-12', { registeredManager: 'Jane Smith' }),
      entry('2019-10-29', { registeredManager: 'Tom Brown', overall: 'inadequate' }),
    ],
  },
  {
    urn: 'SC036109',
    name: 'Ash House',
    history: [
      entry('2018-03-13', { registeredManager: 'Ali Khan' }),
      entry('2019-09-10', { registeredManager: 'jane  SMITH' }),
      interim('2020-06-01', 'improved'),
      visit('2021-02-01'),
    ],
  },
  {
    urn: 'SC488596',
    name: 'Elm House',
    history: [entry('2019-07-16', { registeredManager: 'Ali Khan' }), entry('2021-03-01', { registeredManager: 'Jane Smith' })],
  },
];

describe('managerSpans', () => {
  it('merges consecutive reports naming one manager, whatever the case or spacing, and skips reports naming none', () => {
    assert.deepEqual(
      managerSpans([
        entry('2017-05-23', { registeredManager: 'Jane Smith' }),
        entry('2018-01-01', { registeredManager: null }),
        entry('2018-06-12', { registeredManager: 'JANE   smith' }),
        entry('2019-10-29', { registeredManager: 'Tom Brown', overall: 'inadequate' }),
      ]),
      [
        { name: 'Jane Smith', from: '2017-05-23', to: '2018-06-12', reports: 2 },
        { name: 'Tom Brown', from: '2019-10-29', to: '2019-10-29', reports: 1 },
      ],
    );
  });

  it('counts a curly and a straight apostrophe as one name', () => {
    assert.equal(managerSpans([entry('2018-01-01', { registeredManager: 'Siobhan O’Neill' }), entry('2019-01-01', { registeredManager: "Siobhan O'Neill" })]).length, 1);
  });
});

describe('managerMoves', () => {
  it('finds managers named in one home and later in another, in date order, matching names case-insensitively', () => {
    const moves = managerMoves(HOMES).map((m) => `${m.name}: ${m.from.urn} (until ${m.from.until}) → ${m.to.urn} (from ${m.to.since})`);
    assert.deepEqual(moves, [
      'Ali Khan: SC036109 (until 2018-03-13) → SC488596 (from 2019-07-16)',
      'jane SMITH: SC036243 (until 2018-06-12) → SC036109 (from 2019-09-10)',
      'Jane Smith: SC036109 (until 2019-09-10) → SC488596 (from 2021-03-01)',
    ]);
  });

  it('finds no move for managers who stay at one home', () => {
    assert.deepEqual(managerMoves([HOMES[0]!]), []);
  });
});

function summary(urn: string, name: string, overrides: Partial<ProviderSummary> = {}): ProviderSummary {
  return {
    urn,
    name,
    category: 'CARE',
    providerType: "Children's home",
    localAuthority: 'Derby',
    owner: DERBY,
    url: `http://127.0.0.1/provider/CARE/${urn}`,
    firstScrapedAt: '2019-02-01T06:00:00.000Z',
    lastScrapedAt: '2019-12-01T06:00:00.000Z',
    closedAt: null,
    watched: true,
    latestGraded: null,
    lastInspection: null,
    lastChange: null,
    ...overrides,
  };
}

describe('renderOwnerPage', () => {
  const portfolio = HOMES.map((h) => ({ ...h, closedAt: null }));
  const html = renderOwnerPage({
    owner: 'Derby <City> Council',
    homes: [
      summary('SC036243', '<script>alert(1)</script>', {
        latestGraded: { kind: 'childrens-home-full', inspectionStart: '2019-10-29', inspectionEnd: null, overall: 'inadequate', fileId: '1' },
        lastChange: { type: 'rating-declined', at: '2019-12-01T06:00:00.000Z', from: 'good', to: 'inadequate', inspectionDate: '2019-10-29', backfill: false },
      }),
      summary('SC036109', 'Ash House', { watched: false }),
      summary('SC488596', 'Elm House'),
    ],
    steps: portfolioShare(portfolio),
    moves: managerMoves(HOMES),
  });

  const $ = cheerio.load(html);
  const text = (selector: string) => $(selector).text().replace(/\s+/g, ' ').trim();

  it('escapes the owner\'s and the homes\' names', () => {
    assert.doesNotMatch(html, /<script/);
    assert.equal(text('h1'), 'Derby <City> Council');
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;(?:\/|&#x2F;)script&gt;/);
  });

  it('lists every home with its badge, last inspection and last change', () => {
    assert.match(html, /<p class="muted">3 providers on record, 2 watched\.<\/p>/);
    const row = $('table.homes tbody tr').first();
    assert.equal(row.find('.badge.inadequate').text(), 'Inadequate');
    assert.match(row.find('td').last().text(), /^▼ declined Good → Inadequate \(29 Oct 2019\)$/);
    assert.equal($('table.homes a[href="/providers/SC488596"]').text(), 'Elm House');
  });

  it('shows the share of homes good or better as a chart against a dashed 100% line, and the same numbers as a table', () => {
    assert.match(html, /<svg class="chart portfolio"/);
    assert.match(html, /<line class="target"/);
    const rows = [...html.matchAll(/<tr><td>([^<]+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+%)<\/td>/g)].map((m) => m.slice(1).join(' '));
    assert.deepEqual(
      rows,
      portfolioShare(portfolio).map((s) => `${shortDay(s.date)} ${s.graded} ${s.goodOrBetter} ${percent(s.share)}`),
    );
    assert.equal(rows.at(-1), `${shortDay('2021-03-01')} 3 2 67%`);
    assert.match(html, /<details class="chart-data" open><summary>The share as a table \(7 dates\)<\/summary>/, 'a short table starts unfolded');
    assert.match(html, /Not all homes are good or better<\/strong>: 2 of 3 homes good or better \(67%\)/);
  });

  it('lists manager moves as "Name: A (until date) → B (from date)"', () => {
    const moves = $('ul.moves li');
    assert.equal(moves.length, 3);
    const ali = moves.filter((_, li) => $(li).find('strong').text() === 'Ali Khan');
    assert.equal(ali.text(), 'Ali Khan: Ash House SC036109 (until 13 Mar 2018) → Elm House SC488596 (from 16 Jul 2019)');
    assert.deepEqual(ali.find('a').map((_, a) => $(a).attr('href')).get(), ['/providers/SC036109', '/providers/SC488596']);
  });

  it('advertises the owner\'s feeds', () => {
    const link = cheerio.load(html)('link[rel="alternate"][type="application/atom+xml"]');
    assert.equal(link.attr('title'), 'Events for Derby <City> Council');
    assert.equal(link.attr('href'), '/owners/Derby%20%3CCity%3E%20Council/events.atom');
  });
});

describe('GET /owners/<name> with the local Ofsted site\'s Derby homes', () => {
  let fx: ApiFixture;
  let site: FakeOfsted;

  before(async () => {
    fx = await startApiFixture();
    site = await startFakeOfsted({ now: '2019-11-30', bulk: false });
    await scrapeFromLocalSite(fx.store, site, DERBY_HOMES);
  });
  after(async () => {
    await fx?.close();
    await site?.close();
  });

  async function get(path: string) {
    const res = await fx.fetch(path);
    return { res, html: await res.text() };
  }

  it('lists the three Derby homes and says one of three is good or better after SC036243 fell to Inadequate', async () => {
    const { res, html } = await get(`/owners/${encodeURIComponent(DERBY)}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.equal(res.headers.get('content-security-policy'), PAGE_CSP);
    const $ = cheerio.load(html);
    assert.equal($('h1').text(), 'Derby City Council');
    for (const urn of DERBY_HOMES) assert.ok($(`a[href="/providers/${urn}"]`).length > 0, urn);
    assert.match($('.share-now').text(), /Not all homes are good or better: 1 of 3 homes good or better \(33%\), as of the inspection of 29 Oct 2019/);
    // SC488596 back to Good in July 2019 made it three out of three, until SC036109 and SC036243 fell.
    assert.match(html, /<tr><td>16 Jul 2019<\/td><td>3<\/td><td>3<\/td><td>100%<\/td>/);
    assert.match(html, /<tr><td>10 Sept? 2019<\/td><td>3<\/td><td>2<\/td><td>67%<\/td>/);
    assert.match(html, /<tr><td>29 Oct 2019<\/td><td>3<\/td><td>1<\/td><td>33%<\/td>/);
    const last = $('svg.portfolio .point[data-date="2019-10-29"]');
    assert.equal(last.attr('data-direction'), 'declined');
    assert.equal(last.attr('data-share'), '0.33');
    assert.match(last.find('title').text(), /^29 Oct 2019: SC036243\b.*: Good → Inadequate\. 1 of 3 homes good or better \(33%\)$/);
    assert.match($('ul.chart-moves li').first().text(), /^▼ SC036243\b.*: Good → Inadequate, 29 Oct 2019$/, 'the newest move is listed first, by name');
  });

  it('matches the owner case-, space- and apostrophe-insensitively', async () => {
    const { res, html } = await get(`/owners/${encodeURIComponent('  derby   CITY council ')}`);
    assert.equal(res.status, 200);
    assert.match(html, /<h1>Derby City Council<\/h1>/, 'shown as the pages spell it');
    await record(fx.store, 'SC900002', "St Mary's Homes", 'Home A', []);
    assert.equal((await get(`/owners/${encodeURIComponent('ST MARY’S HOMES')}`)).res.status, 200);
  });

  it('takes an owner name with a "/" as one path segment', async () => {
    await record(fx.store, 'SC900003', 'Care/Homes Ltd', 'Home B', []);
    const { res, html } = await get(`/owners/${encodeURIComponent('Care/Homes Ltd')}`);
    assert.equal(res.status, 200);
    assert.equal(cheerio.load(html)('h1').text(), 'Care/Homes Ltd');
  });

  it('shows a manager who moved from one Derby home to another', async () => {
    const [named] = (await fx.store.history('SC036109')).filter((h) => h.registeredManager).slice(-1);
    assert.ok(named?.registeredManager, 'SC036109 names a manager');
    await record(fx.store, 'SC900004', 'DERBY CITY COUNCIL', 'Pine House', [
      { inspectionStart: '2019-11-20', kind: 'childrens-home-monitoring', overall: null, registeredManager: named.registeredManager.toUpperCase() },
    ]);
    const { html } = await get(`/owners/${encodeURIComponent(DERBY)}`);
    const $ = cheerio.load(html);
    const move = $('ul.moves li').filter((_, li) => $(li).find('a[href="/providers/SC900004"]').text() === 'Pine House');
    assert.equal(move.find('a[href="/providers/SC036109"]').length, 1, $('ul.moves').html() ?? '');
    assert.match(move.text(), /\(from 20 Nov 2019\)$/);
    assert.match(html, /1 of 3 homes good or better \(33%\)/, 'an ungraded visit adds no home to the share');
  });

  it('answers an owner with no stored provider with a 404 HTML page', async () => {
    const { res, html } = await get(`/owners/${encodeURIComponent('<Nobody> & Co')}`);
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(res.headers.get('content-security-policy'), PAGE_CSP);
    assert.match(html, /No stored provider is owned by &quot;&lt;Nobody&gt; &amp; Co&quot;\./);
  });

  it('refuses a blank owner name with a 400 page, and one longer than any real one before reading anything', async () => {
    const blank = await get('/owners/%20%20');
    assert.equal(blank.res.status, 400);
    assert.match(blank.html, /an owner name is 1 to 100 characters/);
    assert.equal((await get(`/owners/${'x'.repeat(300)}`)).res.status, 414);
  });
});

/** Store one provider of `owner` with these reports, as a scrape would. */
async function record(store: Store, urn: string, owner: string, name: string, reports: Partial<ParsedReport>[]): Promise<void> {
  const [template] = await store.history('SC036243');
  await store.recordScrape({
    provider: { urn, name, category: 'CARE', providerType: "Children's home", localAuthority: 'Derby', owner, url: `http://127.0.0.1/provider/CARE/${urn}` },
    reports: reports.map((r, i) => ({
      fileId: `${urn}-${i}`,
      urn,
      url: `http://127.0.0.1/v1/file/${urn}-${i}`,
      title: 'Report',
      publishedAt: r.inspectionStart ?? null,
      sha256: 'ab'.repeat(32),
      parserVersion: template!.parserVersion,
      parsed: { ...template!, urn, judgements: [], ...r },
      error: null,
      fetchedAt: '2019-11-30T06:00:00.000Z',
    })),
    events: [],
    at: '2019-11-30T06:00:00.000Z',
  });
}
