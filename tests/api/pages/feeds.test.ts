import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { FEED_LIMIT, feedItem, tagUri, type FeedItemContext } from '../../../src/api/pages/feed-items.js';
import { atomFeed, rssFeed, type FeedMeta } from '../../../src/api/pages/feeds.js';
import type { ChangeEvent } from '../../../src/ofsted/types.js';
import { startApiFixture, type ApiFixture } from '../support/api-fixture.js';
import { DERBY, EVIL, EVIL_NAME, HOME, HOME_B, SLASHED_OWNER, seedListData } from './support/list-seed.js';
import { assertWellFormedXml } from './support/xml-well-formed.js';

function event(id: string, o: Partial<ChangeEvent> = {}): ChangeEvent {
  return { id, urn: HOME, type: 'report-published', at: '2019-11-27T06:00:00.000Z', inspectionDate: null, from: null, to: null, fileId: null, summary: `${HOME}: event ${id}`, backfill: false, ...o };
}

const META: FeedMeta = {
  id: tagUri('events'),
  title: 'ofsted-monitor: all events',
  selfUrl: 'http://localhost:3000/feeds/events.atom',
  pageUrl: 'http://localhost:3000/events',
  now: '2025-01-01T00:00:00.000Z',
};

const CTX: FeedItemContext = {
  baseUrl: 'http://localhost:3000',
  providers: new Map([[HOME, { name: EVIL_NAME }]]),
  reportUrls: new Map([['10541604', 'http://files.example/v1/file/10541604?a=1&b=2']]),
};

const NASTY = event('SC036243-rating-declined-abc', {
  type: 'rating-declined',
  from: 'good',
  to: 'inadequate',
  inspectionDate: '2019-10-29',
  fileId: '10541604',
  // A bare "&", markup, a control character a PDF left behind, and a character outside the BMP.
  summary: `${HOME}: Tom & Jerry <b>fell</b> "hard"\u0001 \u{1F4C9} ]]> end`,
});

describe('the well-formedness check the feed tests rely on', () => {
  it('accepts a small valid document and rejects the usual mistakes', () => {
    assertWellFormedXml('<?xml version="1.0"?>\n<a x="1 &amp; 2"><b/>t &lt; &#38; &#x26;</a>\n');
    for (const bad of ['<a>&</a>', '<a><b></a>', '<a x=1/>', '<a>&nbsp;</a>', '<a/><b/>', '<a>\u0001</a>', '<a x="<"/>', '<a>]]></a>']) {
      assert.throws(() => assertWellFormedXml(bad), /not well-formed/, bad);
    }
  });
});

describe('Atom and RSS rendering', () => {
  it('escapes everything taken from data, drops characters XML forbids, and stays well-formed', () => {
    const items = [feedItem(NASTY, CTX)];
    for (const xml of [atomFeed(META, items), rssFeed({ ...META, selfUrl: 'http://localhost:3000/feeds/events.rss' }, items)]) {
      assertWellFormedXml(xml);
      assert.doesNotMatch(xml, /<script>|<b>fell/);
      assert.ok(!xml.includes('\u0001'));
      const $ = cheerio.load(xml, { xml: true });
      const title = $('entry > title, item > title').text();
      assert.equal(title, `${EVIL_NAME} (${HOME}): Tom & Jerry <b>fell</b> "hard" \u{1F4C9} ]]> end`);
    }
  });

  it('gives Atom entries tag URIs built from the event id, a link to the provider page and the PDF in the content', () => {
    const xml = atomFeed(META, [feedItem(NASTY, CTX)]);
    const $ = cheerio.load(xml, { xml: true });
    assert.equal($('feed').attr('xmlns'), 'http://www.w3.org/2005/Atom');
    assert.equal($('feed > id').text(), 'tag:ofsted-monitor,2025:events');
    assert.equal($('entry > id').text(), 'tag:ofsted-monitor,2025:event/SC036243-rating-declined-abc');
    assert.equal($('entry > link[rel="alternate"]').attr('href'), `http://localhost:3000/providers/${HOME}`);
    assert.equal($('feed > link[rel="self"]').attr('href'), META.selfUrl);
    assert.equal($('entry > updated').text(), '2019-11-27T06:00:00.000Z');
    assert.equal($('entry > category').attr('term'), 'rating-declined');
    // type="html" content is HTML as text: decoded once it is markup again, with the data still escaped in it.
    const content = cheerio.load($('entry > content').text());
    assert.equal(content('a[href^="http://files.example"]').attr('href'), 'http://files.example/v1/file/10541604?a=1&b=2');
    assert.equal(content('script').length, 0);
    assert.match($('entry > summary').text(), /Rating declined: Good → Inadequate\./);
  });

  it('gives RSS items a non-permalink guid, an RFC 822 date and a self link', () => {
    const xml = rssFeed(META, [feedItem(NASTY, CTX)]);
    const $ = cheerio.load(xml, { xml: true });
    assert.equal($('rss').attr('version'), '2.0');
    assert.equal($('item > guid').attr('isPermaLink'), 'false');
    assert.equal($('item > guid').text(), 'tag:ofsted-monitor,2025:event/SC036243-rating-declined-abc');
    assert.equal($('item > pubDate').text(), 'Wed, 27 Nov 2019 06:00:00 GMT');
    assert.equal($('channel > link').text(), META.pageUrl);
  });

  it('says in the entry when an event no longer stands (a report that arrived late came between)', () => {
    const superseded = feedItem({ ...NASTY, supersededBy: '10541699' }, CTX);
    assert.match(superseded.title, /\(no longer stands\)$/);
    assert.match(superseded.text, /^No longer stands: /m);
    assert.match(cheerio.load(superseded.html)('strong').text(), /^No longer stands: /);
    const standing = feedItem(NASTY, CTX);
    assert.doesNotMatch(standing.title + standing.text, /no longer stands/i);
  });

  it('renders the same events to the same bytes, and an empty feed with the time given', () => {
    const items = [feedItem(NASTY, CTX)];
    assert.equal(atomFeed({ ...META, now: '2030-01-01T00:00:00.000Z' }, items), atomFeed(META, items));
    const empty = atomFeed(META, []);
    assertWellFormedXml(empty);
    assert.equal(cheerio.load(empty, { xml: true })('feed > updated').text(), META.now);
    assertWellFormedXml(rssFeed(META, []));
  });

  it('percent-encodes what a tag URI may not hold', () => {
    assert.equal(tagUri('owner/homes a/b ltd/events'), 'tag:ofsted-monitor,2025:owner/homes%20a/b%20ltd/events');
    assert.equal(tagUri('x\u00e9'), 'tag:ofsted-monitor,2025:x%C3%A9');
  });
});

describe('feed routes', () => {
  let fx: ApiFixture;

  before(async () => {
    fx = await startApiFixture();
    await seedListData(fx.store);
  });
  after(() => fx?.close());

  async function feed(path: string): Promise<{ status: number; type: string; xml: string; $: cheerio.CheerioAPI }> {
    const res = await fx.fetch(path);
    const xml = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', xml, $: cheerio.load(xml, { xml: true }) };
  }

  it('serves every events feed as Atom and RSS with the right content types, well-formed', async () => {
    const owner = encodeURIComponent(DERBY);
    for (const path of ['/feeds/events', `/providers/${HOME}/events`, `/owners/${owner}/events`]) {
      const atom = await feed(`${path}.atom`);
      assert.equal(atom.status, 200, path);
      assert.equal(atom.type, 'application/atom+xml; charset=utf-8');
      assertWellFormedXml(atom.xml);
      const rss = await feed(`${path}.rss`);
      assert.equal(rss.status, 200, path);
      assert.equal(rss.type, 'application/rss+xml; charset=utf-8');
      assertWellFormedXml(rss.xml);
    }
  });

  it('leaves the baseline history out of the overall feed and lists the newest first', async () => {
    const { $ } = await feed('/feeds/events.atom');
    const ids = $('entry > id').map((_i, el) => $(el).text()).get();
    assert.deepEqual(ids, ['home-decline', 'home-pub-2019-10', 'evil-1'].map((id) => `tag:ofsted-monitor,2025:event/${id}`));
  });

  it('links entries to the provider page and the stored report, absolute from the public URL', async () => {
    const { $ } = await feed(`/providers/${HOME}/events.atom`);
    assert.equal($('feed > title').text(), `Children's home (${HOME}): events`);
    const decline = $('entry').first();
    assert.match(decline.find('link').attr('href') ?? '', new RegExp(`^http://localhost:\\d+/providers/${HOME}$`));
    // The entry's HTML is read as a reader would (the html tag writes '/' as &#x2F;).
    assert.equal(cheerio.load(decline.find('content').text())('a').last().attr('href'), 'http://127.0.0.1:9/v1/file/10541604');
  });

  it('gives a provider watched but never scraped an empty feed', async () => {
    await fx.store.watchAdd(['SC777777']);
    const { status, xml, $ } = await feed('/providers/SC777777/events.rss');
    assert.equal(status, 200);
    assertWellFormedXml(xml);
    assert.equal($('item').length, 0);
  });

  it("feeds an owner's providers only, matching the name however it is cased, a \"/\" in it included", async () => {
    const { $ } = await feed(`/owners/${encodeURIComponent('derby  CITY council')}/events.rss`);
    assert.equal($('channel > title').text(), `${DERBY}: events`);
    assert.ok($('item').length >= 2);
    assert.ok($('item > link').map((_i, el) => $(el).text()).get().every((l) => l.endsWith(`/providers/${HOME}`)));
    const slashed = await feed(`/owners/${encodeURIComponent(SLASHED_OWNER)}/events.atom`);
    assert.equal(slashed.status, 200);
    assert.equal(slashed.$('feed > title').text(), `${SLASHED_OWNER}: events`);
    assert.equal(slashed.$('entry').length, 0);
  });

  it('escapes a hostile provider name and summary in the feed', async () => {
    const { xml, $ } = await feed(`/providers/${EVIL}/events.atom`);
    assertWellFormedXml(xml);
    assert.doesNotMatch(xml, /<script>/);
    assert.equal($('entry > title').text(), `${EVIL_NAME} (${EVIL}): Tom & Jerry's <b>home</b> "sustained"`);
  });

  it('answers 400 for a malformed URN and 404 for an unknown URN or owner, as HTML pages', async () => {
    for (const [path, status] of [
      ['/providers/NOTAURN/events.atom', 400],
      ['/providers/SC12/events.rss', 400],
      ['/providers/SC999999/events.atom', 404],
      [`/owners/${encodeURIComponent('Nobody Ltd')}/events.rss`, 404],
    ] as const) {
      const res = await fx.fetch(path);
      assert.equal(res.status, status, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.ok(res.headers.get('content-security-policy')?.includes("default-src 'none'"));
    }
    const bad = await (await fx.fetch('/providers/%3Cscript%3E/events.atom')).text();
    assert.doesNotMatch(bad, /<script>/);
  });

  it('gives the newest events first, at most the limit, never the baseline history, and pages to older ones by rel="next"', async () => {
    await fx.store.recordScrape({
      provider: { urn: '654321', name: 'Busy School', category: '21', providerType: 'School', localAuthority: 'Derby', owner: 'Busy Trust', url: '' },
      reports: [],
      events: Array.from({ length: FEED_LIMIT + 30 }, (_, i) => event(`busy-${String(i).padStart(3, '0')}`, { urn: '654321', backfill: i % 10 === 0 })),
      at: '2025-06-01T06:00:00.000Z',
    });
    const ids: string[] = [];
    let path: string | null = '/providers/654321/events.atom';
    let documents = 0;
    while (path) {
      const { $, xml } = await feed(path);
      assertWellFormedXml(xml);
      const entries = $('entry > id').map((_i, el) => $(el).text().replace('tag:ofsted-monitor,2025:event/', '')).get();
      assert.ok(entries.length <= FEED_LIMIT);
      ids.push(...entries);
      documents++;
      const next = $('feed > link[rel="next"]').attr('href');
      path = next ? new URL(next).pathname + new URL(next).search : null;
      if (next) assert.equal($('feed > link[rel="self"]').attr('href')?.split('?')[0], next.split('?')[0]);
    }
    const expected = Array.from({ length: FEED_LIMIT + 30 }, (_, i) => i).filter((i) => i % 10 !== 0).reverse().map((i) => `busy-${String(i).padStart(3, '0')}`);
    assert.equal(documents, 2);
    assert.deepEqual(ids, expected);
    const rss = await feed('/providers/654321/events.rss');
    assert.equal(rss.$('item').length, FEED_LIMIT);
    assert.match(rss.$('channel > atom\\:link[rel="next"]').attr('href') ?? '', /\/providers\/654321\/events\.rss\?before=\d+$/);
  });

  it('advertises the feeds on the watchlist and events pages', async () => {
    for (const path of ['/', `/events?urn=${HOME_B}`]) {
      const $ = cheerio.load(await (await fx.fetch(path)).text());
      const alternates = $('link[rel="alternate"]').map((_i, el) => `${$(el).attr('type')} ${$(el).attr('href')}`).get();
      assert.ok(alternates.includes('application/atom+xml /feeds/events.atom'), path);
      assert.ok(alternates.includes('application/rss+xml /feeds/events.rss'), path);
    }
    const $ = cheerio.load(await (await fx.fetch(`/events?urn=${HOME_B}`)).text());
    assert.ok($(`link[rel="alternate"][href="/providers/${HOME_B}/events.atom"]`).length);
  });
});
