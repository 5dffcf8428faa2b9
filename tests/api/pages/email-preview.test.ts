import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_ALERT_EVENTS } from '../../../src/alerts/types.js';
import { EMAIL_PREVIEW_CSP } from '../../../src/api/routes/email-preview-routes.js';
import { startFakeOfsted, type FakeOfsted } from '../../../tools/fake-ofsted/index.js';
import { startApiFixture, type ApiFixture } from '../support/api-fixture.js';
import { scrapeFromLocalSite } from './support/scrape-local-site.js';

// The preview of an event's alert email, reached from the provider page's event rows, with the events
// the local Ofsted site's SC036243 raises (its Good → Inadequate decline of October 2019 among them).

const URN = 'SC036243';
const PUBLIC = 'https://monitor.example.org';
const SUBSCRIBER = 'reporter-private@example.org';

describe('GET /events/<id>/email', () => {
  let fx: ApiFixture;
  let site: FakeOfsted;
  let previewHref: string;

  before(async () => {
    fx = await startApiFixture({ env: { PUBLIC_URL: PUBLIC } });
    site = await startFakeOfsted({ now: '2019-11-30', bulk: false });
    await scrapeFromLocalSite(fx.store, site, [URN]);
    await fx.store.addSubscription({ channel: 'email', target: SUBSCRIBER, scope: 'urn', value: URN, events: [...DEFAULT_ALERT_EVENTS], mode: 'immediate' }, new Date().toISOString());
  });
  after(async () => {
    await fx?.close();
    await site?.close();
  });

  it("is linked from each of the provider page's event rows", async () => {
    const $ = cheerio.load(await (await fx.fetch(`/providers/${URN}`)).text());
    const rows = $('table.events tbody tr');
    assert.ok(rows.length > 0, 'the provider page lists its events');
    const decline = rows.filter((_, tr) => /Rating declined/.test($(tr).text()) && /Good → Inadequate/.test($(tr).text()));
    assert.equal(decline.length, 1, $('table.events').text());
    previewHref = decline.find('a').filter((_, a) => $(a).text() === 'email').attr('href') ?? '';
    assert.match(previewHref, new RegExp(`^/events/${URN}-rating-declined-[0-9a-f]+/email$`));
  });

  it('shows the HTML email with a preview banner, the dashboard link, and no subscriber', async () => {
    const res = await fx.fetch(previewHref);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.equal(res.headers.get('content-security-policy'), EMAIL_PREVIEW_CSP);
    const body = await res.text();
    assert.ok(!body.includes(SUBSCRIBER), 'no subscriber address');
    assert.doesNotMatch(body, /<script|unsubscribe\?token=/i);
    const $ = cheerio.load(body);
    assert.equal($('title').text(), 'SC036243: Good → Inadequate (inspected 29–30 Oct 2019)');
    const banner = $('body > div').first();
    assert.match(banner.text(), /^Preview of the alert email for this event\. Subject: “SC036243: Good → Inadequate \(inspected 29–30 Oct 2019\)”\./);
    assert.match(banner.text(), /baseline history, so no email was sent/, 'the first scrape raised it as backfill');
    assert.equal(banner.find('a').first().attr('href'), `${previewHref}.txt`);
    assert.equal($('a').filter((_, a) => $(a).text() === 'Its history on the dashboard').attr('href'), `${PUBLIC}/providers/${URN}`);
  });

  it('gives the plain-text part at .txt', async () => {
    const res = await fx.fetch(`${previewHref}.txt`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; charset=utf-8/);
    const text = await res.text();
    assert.match(text, /^Subject: SC036243: Good → Inadequate \(inspected 29–30 Oct 2019\)\n\n/);
    assert.ok(text.includes(`Its history on the dashboard: ${PUBLIC}/providers/${URN}`), text);
    assert.ok(!text.includes(SUBSCRIBER));
  });

  it('answers an unknown event with a 404 page', async () => {
    const res = await fx.fetch('/events/SC036243-rating-declined-0000000000000000/email');
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(cheerio.load(await res.text())('h1').text(), 'No such event');
  });
});
