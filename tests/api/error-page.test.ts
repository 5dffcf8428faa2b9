import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { prefersHtml } from '../../src/api/error-page.js';
import { startApiFixture, type ApiFixture } from './support/api-fixture.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('prefersHtml', () => {
  it('is true for what browsers send and false for what scripts send', () => {
    assert.equal(prefersHtml(BROWSER_ACCEPT), true);
    assert.equal(prefersHtml('text/html'), true);
    for (const accept of [undefined, '', '*/*', 'application/json', 'application/json, text/html', 'text/html;q=0.5, application/json', 'text/html;q=0, */*']) {
      assert.equal(prefersHtml(accept), false, String(accept));
    }
  });
});

describe('error answers: a page for browsers, JSON for API clients', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  it('answers a browser asking for an unknown page with an HTML 404 that says so and links home', async () => {
    const res = await fx.fetch('/no/such/<page>', { headers: { accept: BROWSER_ACCEPT } });
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    // The page's stylesheet is allowed, as on every dashboard page.
    assert.match(res.headers.get('content-security-policy') ?? '', /style-src 'self'/);
    const $ = cheerio.load(await res.text());
    assert.equal($('h1').text(), 'Page not found');
    assert.equal($('.notice.error p').text(), 'no such page: GET /no/such/%3Cpage%3E');
    assert.equal($('main a[href="/"]').length, 1);
  });

  it('answers JSON under /api/ even to a browser', async () => {
    const res = await fx.fetch('/api/providers/XX1', { headers: { accept: BROWSER_ACCEPT } });
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.match((await res.json()).error, /^not a URN/);
  });

  it('renders a 400 raised outside /api/ as a page', async () => {
    const res = await fx.fetch('/sweep', {
      method: 'POST',
      headers: { accept: BROWSER_ACCEPT, 'content-type': 'application/json' },
      body: '{"<b>',
    });
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const $ = cheerio.load(await res.text());
    assert.equal($('h1').text(), 'Bad request');
    assert.equal($('.notice.error p').text(), 'the request body is not valid JSON');
    assert.equal($('main a[href="/"]').length, 1);
  });

  it('keeps JSON for API clients on unknown paths, outside /api/ too', async () => {
    for (const accept of ['*/*', 'application/json']) {
      const res = await fx.fetch('/no/such/page', { headers: { accept } });
      assert.equal(res.status, 404);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal((await res.json()).error, 'no such page: GET /no/such/page');
    }
    const api = await fx.fetch('/api/nothing-here', { headers: { accept: BROWSER_ACCEPT } });
    assert.equal(api.status, 404);
    assert.equal((await api.json()).error, 'no such endpoint: GET /api/nothing-here');
  });
});
