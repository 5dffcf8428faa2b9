import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startFakeOfsted, type FakeOfsted } from '../../../tools/fake-ofsted/index.js';
import { REPO_ROOT } from '../../helpers/cli.js';
import { startApiFixture, type ApiFixture } from '../support/api-fixture.js';
import { DERBY, DERBY_HOMES, scrapeFromLocalSite } from './support/scrape-local-site.js';

// The provider timeline and the owner chart on a phone and on a desktop, in Debian's Chromium with no
// JavaScript: the latest inspection's marker must be on screen without scrolling sideways.
// Screenshots go to test-artifacts/screenshots/charts-*.png.

const SHOTS = join(REPO_ROOT, 'test-artifacts', 'screenshots');
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
] as const;

describe('charts show the latest inspection on a phone and on a desktop', () => {
  let fx: ApiFixture;
  let site: FakeOfsted;
  let browser: Browser;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    fx = await startApiFixture();
    site = await startFakeOfsted({ now: '2019-11-30', bulk: false });
    await scrapeFromLocalSite(fx.store, site, DERBY_HOMES);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    await fx?.close();
    await site?.close();
  });

  /** The marker with the latest data-date in `chart`, and where it and its scroll box are drawn. */
  async function latestMark(page: Page, chart: string) {
    const dates = await page.locator(`${chart} [data-date]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-date') ?? ''));
    const latest = [...dates].sort().at(-1)!;
    const mark = await page.locator(`${chart} [data-date="${latest}"]`).last().boundingBox();
    const box = await page.locator('figure.chart', { has: page.locator(chart) }).boundingBox();
    assert.ok(mark && box, 'the chart is drawn');
    return { latest, mark, box };
  }

  function assertOnScreen(name: string, width: number, { latest, mark, box }: Awaited<ReturnType<typeof latestMark>>) {
    const right = Math.min(width, box.x + box.width);
    assert.ok(mark.width > 0, `${name}: the ${latest} marker has a size`);
    assert.ok(mark.x >= Math.max(0, box.x) && mark.x + mark.width <= right, `${name}: the ${latest} marker spans x ${mark.x}–${mark.x + mark.width}, visible ${box.x}–${right}`);
  }

  for (const vp of VIEWPORTS) {
    it(`${vp.name} (${vp.width}×${vp.height}): the provider timeline's latest inspection and the owner chart's latest step are in view`, async () => {
      const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, javaScriptEnabled: false });
      const page = await context.newPage();
      try {
        await page.goto(`${fx.url}/providers/SC036243`);
        const timeline = await latestMark(page, 'svg.timeline');
        assert.equal(timeline.latest, '2019-10-29', 'the Inadequate inspection is the latest the local site has published');
        assertOnScreen(`${vp.name} timeline`, vp.width, timeline);
        await page.screenshot({ path: join(SHOTS, `charts-${vp.name}-provider.png`), fullPage: true });
        await page.locator('figure.chart').screenshot({ path: join(SHOTS, `charts-${vp.name}-timeline.png`) });

        await page.goto(`${fx.url}/owners/${encodeURIComponent(DERBY)}`);
        const owner = await latestMark(page, 'svg.portfolio');
        assert.equal(owner.latest, '2019-10-29');
        assertOnScreen(`${vp.name} owner chart`, vp.width, owner);
        await page.screenshot({ path: join(SHOTS, `charts-${vp.name}-owner.png`), fullPage: true });
        await page.locator('figure.chart').screenshot({ path: join(SHOTS, `charts-${vp.name}-owner-chart.png`) });
      } finally {
        await context.close();
      }
    });
  }
});
