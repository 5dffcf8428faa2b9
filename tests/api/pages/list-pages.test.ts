import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { pino } from 'pino';
import { PAGE_CSP } from '../../../src/api/pages/layout.js';
import { scrapeProvider, type ScrapeDeps } from '../../../src/monitor/scrape-provider.js';
import { OfstedSite } from '../../../src/ofsted/site/ofsted-site.js';
import { startFakeOfsted, type FakeOfsted } from '../../../tools/fake-ofsted/index.js';
import { startApiFixture, type ApiFixture } from '../support/api-fixture.js';

// The watchlist and events pages against a store filled the way the daemon fills it: the Derby homes
// scraped from the local Ofsted site, then SC036243's October 2019 inspection (Good → Inadequate).

const HOME = 'SC036243';
const DERBY_HOMES = ['SC036109', HOME, 'SC488596'];
const EVIL = 'SC999001';
const EVIL_NAME = '<script>alert(1)</script>';

describe('the watchlist and events pages', () => {
  let fx: ApiFixture;
  let site: FakeOfsted;
  let ofsted: OfstedSite;

  before(async () => {
    fx = await startApiFixture();
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    ofsted = new OfstedSite({
      reportsOrigin: site.reportsUrl, filesOrigin: site.filesUrl, userAgent: 'test', timeoutMs: 10_000, attempts: 2, backoffMs: 10,
      maxPdfBytes: 25e6, chromiumPath: '/usr/bin/chromium',
    });
    const deps: ScrapeDeps = { site: ofsted, store: fx.store, logger: pino({ level: 'silent' }) };
    await fx.store.watchAdd([...DERBY_HOMES, EVIL]);
    for (const urn of DERBY_HOMES) await scrapeProvider(urn, deps);
    site.advance(HOME);
    await scrapeProvider(HOME, deps);
    await fx.store.recordScrape({
      provider: { urn: EVIL, name: EVIL_NAME, category: 'CARE', providerType: "Children's home", localAuthority: 'Nottingham', owner: 'Tom & Jerry Ltd', url: '' },
      reports: [],
      events: [{ id: 'evil-1', urn: EVIL, type: 'enforcement', at: '2019-12-01T06:00:00.000Z', inspectionDate: null, from: null, to: 'a notice & a fine', fileId: null, summary: `${EVIL}: enforcement & <i>more</i>`, backfill: false }],
      at: '2019-12-01T06:00:00.000Z',
    });
  });
  after(async () => {
    await ofsted?.close();
    await site?.close();
    await fx?.close();
  });

  async function html(path: string): Promise<{ res: Response; body: string; $: cheerio.CheerioAPI }> {
    const res = await fx.fetch(path);
    const body = await res.text();
    return { res, body, $: cheerio.load(body) };
  }

  const rowOf = ($: cheerio.CheerioAPI, urn: string) => $('tbody tr').filter((_i, el) => $(el).find(`a[href="/providers/${urn}"]`).length > 0);
  const listed = ($: cheerio.CheerioAPI) => $('tbody tr td:first-child a').map((_i, el) => $(el).attr('href')!.slice('/providers/'.length)).get();

  it('serves the watchlist as HTML under the page CSP', async () => {
    const { res } = await html('/watchlist');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('content-security-policy'), PAGE_CSP);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  it("shows SC036243's Inadequate badge, its last inspection and its fall from Good", async () => {
    const { $ } = await html('/watchlist');
    assert.match($.text(), /4 providers watched\./);
    assert.deepEqual(listed($), [...DERBY_HOMES, EVIL]);
    const row = rowOf($, HOME);
    assert.equal(row.find('.badge').attr('class'), 'badge inadequate');
    assert.match(row.text(), /29 Oct 2019/);
    assert.match(row.find('.move.down').parent().text(), /▼ declined Good → Inadequate/);
    assert.equal(row.find('a[href^="/owners/"]').attr('href'), '/owners/Derby%20City%20Council');
  });

  it('filters by free text, owner, local authority and grade through the query string', async () => {
    assert.deepEqual(listed((await html('/watchlist?q=488596')).$), ['SC488596']);
    assert.deepEqual(listed((await html('/watchlist?grade=inadequate')).$), [HOME]);
    assert.deepEqual(listed((await html(`/watchlist?owner=${encodeURIComponent('derby city council')}`)).$), DERBY_HOMES);
    assert.deepEqual(listed((await html('/watchlist?la=Nottingham')).$), [EVIL]);
    assert.deepEqual(listed((await html('/watchlist?la=Derby&grade=inadequate&q=sc03')).$), [HOME]);
    assert.match((await html('/watchlist?la=Nottingham&grade=inadequate')).$('.notice').text(), /No watched provider matches/);
  });

  it('renders a provider named <script> as text', async () => {
    const { body, $ } = await html('/watchlist');
    assert.doesNotMatch(body, /<script/);
    assert.equal(rowOf($, EVIL).find('td').first().find('a').text(), EVIL_NAME);
  });

  it('lists the latest events first without the baseline history, with the PDF of the report', async () => {
    const { res, $ } = await html('/events');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), PAGE_CSP);
    const rows = $('tbody tr');
    assert.match(rows.eq(0).text(), /enforcement & <i>more<\/i>/);
    const decline = rows.filter((_i, el) => $(el).find('.move.down').length > 0).first();
    assert.match(decline.text(), /Rating declined/);
    assert.match(decline.text(), /Good → Inadequate/);
    assert.equal(decline.find('a[href="/providers/SC036243"]').length, 1);
    assert.equal(decline.find('a:contains("PDF")').attr('href'), `${site.filesUrl}/v1/file/10541604`);
    assert.doesNotMatch($('tbody').text(), /\(baseline\)/);
  });

  it('includes the baseline history on request and filters by type, URN, owner and date', async () => {
    const all = (await html('/events?backfill=yes')).$;
    const withBaseline = all('tbody tr').length;
    const without = (await html('/events')).$('tbody tr').length;
    assert.ok(withBaseline > without, `${withBaseline} > ${without}`);
    assert.match(all('tbody').text(), /\(baseline\)/);

    const declined = (await html('/events?type=rating-declined')).$;
    assert.equal(declined('tbody tr').length, 1);
    const byUrn = (await html(`/events?urn=${HOME.toLowerCase()}&backfill=yes`)).$;
    assert.ok(byUrn('tbody tr').length >= 2);
    assert.ok(byUrn('tbody tr').toArray().every((tr) => byUrn(tr).find(`a[href="/providers/${HOME}"]`).length === 1));
    const byOwner = (await html(`/events?owner=${encodeURIComponent('Tom & Jerry Ltd')}`)).$;
    assert.equal(byOwner('tbody tr').length, 1);
    assert.match((await html('/events?since=2030-01-01')).$('.notice').text(), /No events match/);
  });

  it('answers 400 with the reason, under the page CSP, for a malformed URN or date in the events filter', async () => {
    const { res, $ } = await html('/events?urn=NOTAURN&since=soon');
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('content-security-policy'), PAGE_CSP);
    assert.match($('.notice.error').text(), /not a URN: "NOTAURN"/);
    assert.match($('.notice.error').text(), /since needs a date/);
  });

  it('renders 5,600 watched providers quickly, 100 a page, with page links', async () => {
    const urns = Array.from({ length: 5_600 }, (_, i) => String(1_000_000 + i));
    await fx.store.watchAdd(urns);
    await html('/watchlist'); // warm up
    const started = performance.now();
    const { res, $ } = await html('/watchlist?grade=none&page=3');
    const ms = performance.now() - started;
    assert.equal(res.status, 200);
    assert.equal($('tbody tr').length, 100);
    assert.match($.text(), /5,604 providers watched; 5,601 match these filters; showing 201–300\./);
    assert.equal($('nav.pager a[rel="next"]').attr('href'), '/watchlist?grade=none&page=4');
    assert.equal($('nav.pager a').last().prev().attr('href'), '/watchlist?grade=none&page=57');
    assert.ok(ms < 1_500, `took ${Math.round(ms)} ms`);
  });
});
