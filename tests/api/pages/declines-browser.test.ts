import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../helpers/cli.js';
import { startApiFixture, type ApiFixture } from '../support/api-fixture.js';
import { ELM, OAK, seedDeclines } from './support/declines-seed.js';

// The declines view as a person reads it, in Debian's Chromium with no JavaScript, on a phone (390x844) and a
// desktop (1280x800): one browser, the in-process API over a seeded store. Screenshots go to
// test-artifacts/screenshots/declines-*.png.

const SHOTS = join(REPO_ROOT, 'test-artifacts', 'screenshots');

describe('the declines view in a real browser', () => {
  let fx: ApiFixture;
  let browser: Browser;
  let phone: Page;
  let desktop: Page;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    fx = await startApiFixture();
    await seedDeclines(fx.store, new Date());
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    phone = await browser.newPage({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    desktop = await browser.newPage({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
  });
  after(async () => {
    await browser?.close();
    await fx?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `declines-${name}.png`), fullPage: true });
  const rowUrns = (page: Page) => page.locator('tbody tr td[data-label="Provider"] a[href^="/providers/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.slice(11)));
  /** Nothing on the page reaches past the right edge of the window (nothing cut off or scrolled out of sight). */
  async function fitsWidth(page: Page, selector: string, width: number): Promise<void> {
    for (const box of await Promise.all((await page.locator(selector).all()).map((l) => l.boundingBox()))) {
      assert.ok(box && box.x >= 0 && box.x + box.width <= width + 0.5, `${selector} at ${JSON.stringify(box)} fits ${width}px`);
    }
  }

  it('on a phone, lands on the declines with every column of each row readable', async () => {
    await fx.fetch('/'); // warm the name lists
    await phone.goto(fx.url);
    await shot(phone, 'phone');
    assert.equal(await phone.locator('h1').textContent(), 'What got worse');
    assert.deepEqual(await rowUrns(phone), [ELM, OAK]);
    await fitsWidth(phone, 'tbody tr', 390);
    await fitsWidth(phone, 'form.filters', 390);
    const oak = phone.locator('tbody tr').nth(1);
    for (const label of ['Local authority', 'Owner', 'Decline', 'Inspected', 'Published', 'Report']) {
      assert.ok(await oak.locator(`td[data-label="${label}"]`).isVisible(), `${label} shown on a phone`);
    }
  });

  it('on a phone, filters by local authority and period with the form alone', async () => {
    await phone.selectOption('select[name="la"]', 'Nottingham');
    await phone.selectOption('select[name="period"]', 'all');
    await phone.click('form.filters button[type="submit"]');
    const url = new URL(phone.url());
    assert.equal(url.pathname, '/');
    assert.equal(url.searchParams.get('la'), 'Nottingham');
    assert.deepEqual(await rowUrns(phone), [ELM]);
    await shot(phone, 'phone-filtered');
  });

  it('on a desktop, the feed the page links to holds only declines', async () => {
    await desktop.goto(`${fx.url}/?period=all`);
    await shot(desktop, 'desktop');
    assert.ok(await desktop.locator('th:has-text("Published")').isVisible(), 'a table with its header on a desktop');
    const href = await desktop.locator('a.feed-atom').getAttribute('href');
    assert.ok(href);
    const xml = await (await fx.fetch(href)).text();
    const $ = cheerio.load(xml, { xml: true });
    const types = $('entry > category').map((_i, el) => $(el).attr('term')).get();
    assert.ok(types.length >= 2);
    assert.ok(types.every((t) => t.endsWith('-declined')), types.join(','));
    await desktop.goto(`${fx.url}/events?type=decline`);
    await shot(desktop, 'events-desktop');
    assert.equal(await desktop.locator('select[name="type"]').inputValue(), 'decline');
  });
});
