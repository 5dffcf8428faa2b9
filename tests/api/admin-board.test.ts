import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { NOTIFY_QUEUE, PROVIDER_QUEUE, REPORT_QUEUE, SWEEP_QUEUE } from '../../workers/queues.js';
import { startApiFixture, TOKEN, type ApiFixture } from './support/api-fixture.js';

const BOARD = '/admin/queues';

describe('Bull Board at /admin/queues', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  it('refuses the page, its static files and its JSON API with 401 without the token', async () => {
    for (const path of [BOARD, `${BOARD}/`, `${BOARD}/api/queues`, `${BOARD}/static/js/nothing.js`, `${BOARD}/queue/${PROVIDER_QUEUE}`]) {
      const res = await fx.fetch(path);
      assert.equal(res.status, 401, path);
      assert.match((await res.json()).error, /token/);
    }
    const wrong = await fx.fetch(BOARD, { token: `${TOKEN}-not` });
    assert.equal(wrong.status, 401);
    const wrongCookie = await fx.fetch(BOARD, { headers: { cookie: 'ofsted_monitor_admin=forged' } });
    assert.equal(wrongCookie.status, 401);
  });

  it('serves the board page and its queues to a bearer token', async () => {
    const page = await fx.fetch(BOARD, { token: TOKEN });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const html = await page.text();
    assert.match(html, /<title>ofsted-monitor<\/title>/);
    assert.match(html, /<base href="\/admin\/queues\/"/);
    const script = /<script defer src="([^"]+)"/.exec(html)?.[1];
    assert.ok(script, 'the page loads its scripts');
    const asset = await fx.fetch(`${BOARD}/${script}`, { token: TOKEN });
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);

    const api = await fx.fetch(`${BOARD}/api/queues?activeQueue=&page=1&jobsPerPage=10`, { token: TOKEN });
    assert.equal(api.status, 200);
    const body = await api.json();
    const names = body.queues.map((q: { name: string }) => q.name).sort();
    assert.deepEqual(names, [NOTIFY_QUEUE, PROVIDER_QUEUE, REPORT_QUEUE, SWEEP_QUEUE].sort());
  });

  it('lets a browser in with ?token= once: an HttpOnly cookie that is not the token, and a redirect without it', async () => {
    const res = await fx.fetch(`${BOARD}?token=${encodeURIComponent(TOKEN)}`);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), BOARD);
    const setCookie = res.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^ofsted_monitor_admin=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    assert.ok(!setCookie.includes(TOKEN), 'the cookie carries a value derived from the token, not the token');

    const cookie = setCookie.split(';')[0] ?? '';
    const page = await fx.fetch(BOARD, { headers: { cookie: `other=1; ${cookie}` } });
    assert.equal(page.status, 200);
    const api = await fx.fetch(`${BOARD}/api/queues`, { headers: { cookie } });
    assert.equal(api.status, 200);
  });

  it('keeps other query parameters when it strips the token', async () => {
    const res = await fx.fetch(`${BOARD}/queue/${PROVIDER_QUEUE}?status=failed&token=${encodeURIComponent(TOKEN)}`);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `${BOARD}/queue/${PROVIDER_QUEUE}?status=failed`);
  });

  it('refuses a wrong ?token= with 401 and sets no cookie', async () => {
    const res = await fx.fetch(`${BOARD}?token=guess`);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('set-cookie'), null);
  });

  it('does not accept the board cookie on the JSON API\'s state-changing calls', async () => {
    const login = await fx.fetch(`${BOARD}?token=${encodeURIComponent(TOKEN)}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const res = await fx.fetch('/api/watchlist/SC036243', { method: 'POST', headers: { cookie } });
    assert.equal(res.status, 401);
  });
});

describe('Bull Board in a real browser', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
    await fx.queues.provider.add('p', { urn: 'SC036243', reason: 'sweep' });
  });
  after(() => fx?.close());

  it('renders the queues after one visit with ?token=, with no Content-Security-Policy violation', async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        // Google's fonts are kept out on purpose (no third party learns who opens the board).
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text()) && !m.text().includes('fonts.googleapis.com')) {
          problems.push(m.text());
        }
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${fx.url}${BOARD}?token=${encodeURIComponent(TOKEN)}`, { timeout: 10_000 });
      assert.equal(new URL(page.url()).search, '', 'the token is gone from the address bar');
      await page.getByText(PROVIDER_QUEUE).first().waitFor({ timeout: 10_000 });
      assert.deepEqual(problems, []);
      const cookies = await page.context().cookies();
      const session = cookies.find((c) => c.name === 'ofsted_monitor_admin');
      assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
    } finally {
      await browser.close();
    }
  });
});

describe('Bull Board with API_TOKEN unset', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture({ apiToken: undefined });
  });
  after(() => fx?.close());

  it('is closed to everyone, saying to set API_TOKEN', async () => {
    for (const path of [BOARD, `${BOARD}?token=`, `${BOARD}?token=undefined`]) {
      const res = await fx.fetch(path);
      assert.equal(res.status, 503, path);
      assert.match((await res.json()).error, /API_TOKEN is not set/);
    }
  });
});
