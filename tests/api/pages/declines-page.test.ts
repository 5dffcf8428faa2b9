import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { startApiFixture, TOKEN, type ApiFixture } from '../support/api-fixture.js';
import { BASELINE, BUSY, DERBY_OWNER, ELM, ENFORCED, IMPROVED, OAK, OAK_NAME, OLD, event, provider, seedDeclines } from './support/declines-seed.js';

// The declines view at `/`, the events filters, and the feeds and CSV they link to, against a month in which
// one decline is buried under 120 "report published" events.

describe('the declines view and the filters that lead with what got worse', () => {
  let fx: ApiFixture;

  before(async () => {
    fx = await startApiFixture();
    await seedDeclines(fx.store, new Date());
  });
  after(async () => {
    await fx?.close();
  });

  async function page(path: string, init?: RequestInit) {
    const res = await fx.fetch(path, init);
    const body = await res.text();
    return { res, body, $: cheerio.load(body) };
  }
  const rowUrns = ($: cheerio.CheerioAPI) =>
    $('tbody tr').map((_i, tr) => $(tr).find('a[href^="/providers/"]').first().attr('href')!.slice('/providers/'.length)).get();

  it('lands on the declines of the last 30 days, newest first, with the decline /events buries', async () => {
    const { res, $ } = await page('/');
    assert.equal(res.status, 200);
    assert.deepEqual(rowUrns($), [ELM, OAK], 'no report-published, enforcement, improvement, baseline or 100-day-old event');
    const oak = $('tbody tr').eq(1);
    assert.equal(oak.find(`a[href="/providers/${OAK}"]`).text(), OAK_NAME);
    assert.equal(oak.find('td[data-label="Local authority"]').text(), 'Derby');
    assert.equal(oak.find('td[data-label="Owner"]').text(), DERBY_OWNER);
    assert.match(oak.find('td[data-label="Decline"]').text(), /Rating declined.*Good → Inadequate/s);
    assert.match(oak.find('td[data-label="Published"]').text(), /\d{1,2} \w{3} \d{4}/);
    assert.equal(oak.find('a:contains("Report (PDF)")').attr('href'), 'http://127.0.0.1:9/v1/file/70000001');
    assert.match($('p.lead').text(), /Enforcement notices are not counted here/);
    // The same month on /events: the decline is not on the first page at all.
    const events = await page('/events');
    assert.ok(!rowUrns(events.$).includes(OAK));
    assert.equal(rowUrns(events.$)[0], BUSY);
  });

  it('filters by period, local authority, owner and provider type, and shows baseline history only when asked', async () => {
    assert.deepEqual(rowUrns((await page('/?period=365')).$), [ELM, OAK, OLD]);
    assert.deepEqual(rowUrns((await page('/?period=7')).$), [ELM, OAK]);
    assert.deepEqual(rowUrns((await page('/?period=all&la=derby')).$), [OAK, OLD], 'LA compared ignoring case');
    assert.deepEqual(rowUrns((await page('/?period=all&owner=acme%20care%20ltd')).$), [ELM]);
    assert.deepEqual(rowUrns((await page(`/?providerType=${encodeURIComponent('Residential family centre')}`)).$), [ELM]);
    assert.deepEqual(rowUrns((await page('/?la=Nowhere')).$), []);
    assert.deepEqual(rowUrns((await page('/?backfill=yes')).$), [BASELINE, ELM, OAK]);
    const bad = await page('/?period=12');
    assert.equal(bad.res.status, 400);
    assert.match(bad.$('.notice.error').text(), /period is one of 7, 30, 365, all/);
  });

  it('sends bookmarks of the old watchlist at / on to /watchlist', async () => {
    const res = await fx.fetch('/?grade=good&sort=name');
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/watchlist?grade=good&sort=name');
    assert.equal((await fx.fetch('/watchlist')).status, 200);
  });

  it('filters the watchlist to providers whose latest move was a decline, most recent decline first', async () => {
    const { $ } = await page('/watchlist?latest=declined&sort=declined');
    assert.deepEqual(rowUrns($), [ELM, OAK, OLD, BASELINE]);
    assert.ok(!rowUrns((await page('/watchlist?latest=declined')).$).includes(IMPROVED));
    const owned = await page(`/watchlist?owner=${encodeURIComponent(DERBY_OWNER)}`);
    assert.equal(owned.$('form[action="/follow/subscribe"] input[name="owner"]').val(), DERBY_OWNER, 'subscribe to the owner shown');
  });

  it('offers "any decline" and local authority on /events, and links the matching feeds and CSV', async () => {
    const { $ } = await page('/events?type=decline&la=Derby&period=all');
    assert.deepEqual(rowUrns($), [OAK, OLD]);
    assert.equal($('a.feed-atom').attr('href'), '/feeds/events.atom?type=decline&la=Derby&period=all');
    assert.equal($('a.csv').attr('href'), '/events.csv?type=decline&la=Derby&period=all');
    assert.deepEqual(rowUrns((await page('/events?type=enforcement')).$), [ENFORCED]);
  });

  it('serves a declines-only feed and CSV for the query the page links to', async () => {
    const { $ } = await page('/?period=all');
    for (const link of ['a.feed-atom', 'a.feed-rss']) {
      const xml = await (await fx.fetch($(link).attr('href')!)).text();
      const feed = cheerio.load(xml, { xml: true });
      const categories = feed('entry > category, item > category').map((_i, el) => feed(el).attr('term') ?? feed(el).text()).get();
      assert.deepEqual(categories, ['judgement-declined', 'rating-declined', 'rating-declined'], link);
    }
    const csv = await (await fx.fetch($('a.csv').attr('href')!)).text();
    const lines = csv.trim().split('\r\n');
    assert.match(lines[0]!, /^raised,urn,provider,local_authority,owner,type,/);
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[1]), [ELM, OAK, OLD]);
    assert.equal((await fx.fetch('/feeds/events.atom?type=nonsense')).status, 400);
    // Unfiltered, the feed is still every event.
    const all = cheerio.load(await (await fx.fetch('/feeds/events.atom')).text(), { xml: true });
    assert.ok(all('entry > category[term="report-published"]').length > 0);
  });

  it('gives /api/events the same type, local authority and owner filters, strictly', async () => {
    const res = await fx.fetch('/api/events?type=decline&la=derby');
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as { id: string }[]).map((e) => e.id), ['old-decline', 'oak-decline', 'baseline-decline'], 'oldest first and with baseline history, as events --json');
    const owned = (await (await fx.fetch('/api/events?type=decline&owner=ACME%20care%20ltd')).json()) as { id: string }[];
    assert.deepEqual(owned.map((e) => e.id), ['elm-judgement']);
    const bad = await fx.fetch('/api/events?type=declines');
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /^type: one of decline, report-published/);
  });

  it('watches a provider and subscribes an email to an LA from the page, with the token only', async () => {
    const { $ } = await page(`/?urn=${OAK}&la=Derby`);
    assert.equal($('form[action="/follow/watch"] input[name="urn"]').val(), OAK);
    assert.equal($('form[action="/follow/subscribe"] input[name="la"]').val(), 'Derby');
    assert.equal($('form[action="/follow/subscribe"] input[type="password"][name="token"]').length, 2);
    const post = (path: string, form: Record<string, string>) =>
      fx.fetch(path, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    const denied = await post('/follow/subscribe', { la: 'Derby', email: 'desk@example.org', token: 'wrong' });
    assert.equal(denied.status, 401);
    assert.deepEqual(await fx.store.listSubscriptions({}), []);

    await fx.store.watchRemove([OAK]);
    const watched = await post('/follow/watch', { urn: OAK, token: TOKEN, back: '/?urn=SC100001' });
    assert.equal(watched.status, 201);
    assert.ok(await fx.store.isWatched(OAK));
    assert.equal(cheerio.load(await watched.text())('p a:contains("Back")').attr('href'), '/?urn=SC100001');

    const subscribed = await post('/follow/subscribe', { la: 'Derby', email: 'desk@example.org', token: TOKEN, back: '//evil.example/' });
    assert.equal(subscribed.status, 201);
    const body = cheerio.load(await subscribed.text());
    assert.match(body('.notice').text(), /desk@example\.org will now get an email for each decline/);
    assert.equal(body('p a:contains("Back")').attr('href'), '/', 'never a link off the site');
    const subs = await fx.store.listSubscriptions({});
    assert.deepEqual(subs.map((s) => [s.scope, s.value, s.target]), [['la', 'Derby', 'desk@example.org']]);

    const webhook = await post('/follow/subscribe', { la: 'Derby', email: 'http://127.0.0.1:9/hook', token: TOKEN });
    assert.equal(webhook.status, 400, 'the page subscribes email addresses only');
  });

  // Last: it adds a provider the other tests do not expect.
  it('leaves out a decline that a later-arriving report superseded: it no longer stands, /events still has it', async () => {
    const urn = 'SC100009';
    const at = new Date(Date.now() - 2 * 86_400_000);
    await fx.store.recordScrape({
      provider: provider(urn),
      reports: [],
      events: [event('superseded-decline', urn, at, { type: 'rating-declined', from: 'good', to: 'inadequate', inspectionDate: '2026-10-01', summary: `${urn}: Good → Inadequate` })],
      at: at.toISOString(),
    });
    assert.ok(rowUrns((await page('/?period=all')).$).includes(urn), 'standing, it leads');
    await fx.store.recordScrape({ provider: provider(urn), reports: [], events: [], superseded: [{ id: 'superseded-decline', by: '70000099' }], at: new Date().toISOString() });
    assert.ok(!rowUrns((await page('/?period=all')).$).includes(urn), 'superseded, it is not counted as a decline');
    assert.ok(rowUrns((await page('/events?type=decline&period=all')).$).includes(urn), 'the event log keeps it');
  });
});
