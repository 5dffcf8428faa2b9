import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startFakeOfsted, type FakeOfsted } from '../../../tools/fake-ofsted/index.js';
import { REPO_ROOT, runCli } from '../../helpers/cli.js';
import { startTestRedis, type TestRedis } from '../../helpers/test-redis.js';
import type { DaemonProcess } from '../../workers/support/daemon-process.js';
import { startDaemonWorld, type DaemonWorld } from '../../workers/support/daemon-world.js';

// The proof of the dashboard: a real daemon on a random port, the local Ofsted site, and Debian's
// Chromium reading the pages as a person would, with no JavaScript on them. Screenshots of each step go to
// artifacts/screenshots/dashboard-*.png.

const URN = 'SC036243';
const TOKEN = 'browser-test-token';
const SHOTS = join(REPO_ROOT, 'artifacts', 'screenshots');

describe('the dashboard in a real browser', () => {
  let site: FakeOfsted;
  let redis: TestRedis;
  let world: DaemonWorld;
  let daemon: DaemonProcess;
  let browser: Browser;
  let page: Page;
  let base: string;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    redis = await startTestRedis();
    world = await startDaemonWorld({
      site,
      redisUrl: redis.url,
      name: 'dashboard',
      env: { SCRAPE_SCHEDULE: '0 0 1 1 *', REQUESTS_PER_SECOND: '20', API_TOKEN: TOKEN },
    });
    assert.equal((await runCli(['watch', 'add', URN], world.env)).code, 0);
    assert.equal((await runCli(['scrape', URN], world.env)).code, 0, 'the baseline');
    daemon = world.start();
    base = String((await daemon.started()).api);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    // A phone-sized window: the pages are meant to be read on one.
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  });
  after(async () => {
    await browser?.close();
    await daemon?.stop();
    await world?.close();
    await redis?.stop();
    await site?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `dashboard-${name}.png`), fullPage: true });
  const row = () => page.locator('tr', { has: page.locator(`a[href="/providers/${URN}"]`) }).first();

  it('shows SC036243 on the watchlist with its Good badge', async () => {
    await page.goto(`${base}/watchlist`);
    await shot('1-watchlist');
    assert.equal((await row().locator('.badge').first().textContent())?.trim(), 'Good');
  });

  it('opens its page with the inspection timeline', async () => {
    await page.click(`a[href="/providers/${URN}"]`);
    assert.equal(new URL(page.url()).pathname, `/providers/${URN}`);
    assert.ok((await page.locator('svg.chart').count()) > 0, 'a timeline chart');
    assert.match((await page.locator('h1').textContent()) ?? '', /\S/);
    await shot('2-provider');
  });

  it('re-scrapes on the button after the decline is published, then shows Inadequate and the event', async () => {
    site.advance(URN);
    await page.fill('input[name="token"]', TOKEN);
    await page.click('form.rescrape button[type="submit"]');
    assert.match(page.url(), /[?&]job=/, 'redirected to the page with the job');
    await shot('3-queued');
    // The page refreshes itself (a meta refresh, no script) until the job is done; reload the same way.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto(`${base}/providers/${URN}`);
      const badges = await page.locator('.badge').allTextContents();
      if (badges.some((b) => b.trim() === 'Inadequate')) break;
      assert.ok(Date.now() < deadline, `no Inadequate badge yet: ${badges.join(', ')}`);
      await page.waitForTimeout(500);
    }
    assert.equal(await page.locator('input[name="token"]').count(), 0, 'the token, typed once, is remembered for the session');
    await shot('4-provider-after');
    await page.goto(`${base}/watchlist`);
    assert.equal((await row().locator('.badge').first().textContent())?.trim(), 'Inadequate');
    await shot('5-watchlist-after');
    await page.goto(`${base}/events`);
    const text = (await page.locator('main').textContent()) ?? '';
    assert.match(text, /SC036243/);
    assert.match(text, /Good\s*→\s*Inadequate/);
    await shot('6-events');
  });
});
