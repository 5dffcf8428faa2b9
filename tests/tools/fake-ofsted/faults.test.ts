import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { chromium } from 'playwright-core';
import { startFakeOfsted, type FakeOfsted } from '../../../tools/fake-ofsted/index.js';

const PAGE = '/provider/CARE/SC036243';

describe('fake Ofsted site: faults', () => {
  let site: FakeOfsted;
  let fileId = '';

  before(async () => {
    site = await startFakeOfsted({ bulk: false });
    const report = site.scenario.provider('SC036243')?.reports.find((r) => r.inspectionStart === '2019-01-08');
    assert.ok(report, 'report');
    fileId = report.fileId;
  });
  beforeEach(() => site.clearFaults());
  after(async () => {
    await site.close();
  });

  it('answers a status fault the given number of times, with Retry-After, then recovers', async () => {
    site.setFault({ urn: 'SC036243' }, { kind: 'status', status: 429, times: 2, retryAfter: '1' });
    const first = await fetch(`${site.reportsUrl}${PAGE}`);
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '1');
    await first.text();
    assert.equal((await fetch(`${site.reportsUrl}${PAGE}`)).status, 429);
    assert.equal((await fetch(`${site.reportsUrl}${PAGE}`)).status, 200);
  });

  it('keeps answering a status fault without `times` until faults are cleared', async () => {
    site.setFault({ fileId }, { kind: 'status', status: 500 });
    for (let i = 0; i < 4; i++) assert.equal((await fetch(`${site.filesUrl}/v1/file/${fileId}`)).status, 500);
    site.clearFaults();
    assert.equal((await fetch(`${site.filesUrl}/v1/file/${fileId}`)).status, 200);
  });

  it('redirects off-site to the third origin, which answers anything', async () => {
    site.setFault({ urn: 'SC036243' }, { kind: 'redirect-offsite' });
    const res = await fetch(`${site.reportsUrl}${PAGE}`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const location = res.headers.get('location') ?? '';
    assert.equal(location, `${site.otherUrl}${PAGE}`);
    const before = site.requests.filter((r) => r.origin === 'other').length;
    const followed = await fetch(location);
    assert.equal(followed.status, 200);
    assert.match(await followed.text(), /not Ofsted/);
    assert.equal(site.requests.filter((r) => r.origin === 'other').length, before + 1);
  });

  it('serves a script-only shell that only a browser turns into the real page', async () => {
    site.setFault({ urn: 'SC036243' }, { kind: 'js-shell' });
    const plain = cheerio.load(await (await fetch(`${site.reportsUrl}${PAGE}`)).text());
    assert.equal(plain('h1').length, 0);
    assert.equal(plain('a.publication-link').length, 0);
    assert.match(plain('noscript').text(), /You need JavaScript/);
    assert.ok(!plain.html().includes('SC036243'), 'the shell holds no provider data');

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${site.reportsUrl}${PAGE}`, { timeout: 10_000 });
      await page.waitForSelector('a.publication-link', { timeout: 10_000 });
      const $ = cheerio.load(await page.content());
      assert.equal($('h1').text().trim(), 'URN: SC036243');
      assert.match($('ul.info__list').text(), /URN:\s*SC036243/);
      assert.equal($('a.publication-link').length, 6);
    } finally {
      await browser.close();
    }
    assert.ok(site.requests.some((r) => r.path === `/__shell${PAGE}`), 'the browser fetched the real page');
  });

  it('shows a bot challenge the given number of times, then the page', async () => {
    site.setFault({ urn: 'SC036243' }, { kind: 'challenge', times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${site.reportsUrl}${PAGE}`);
      assert.equal(res.status, 200);
      const $ = cheerio.load(await res.text());
      assert.match($('body').text(), /Checking your browser/);
      assert.equal($('h1').length, 0);
    }
    const $ = cheerio.load(await (await fetch(`${site.reportsUrl}${PAGE}`)).text());
    assert.equal($('h1').text().trim(), 'URN: SC036243');
  });

  it('delays a slow response by at least the given time', async () => {
    site.setFault({ fileId }, { kind: 'slow', ms: 400 });
    const t0 = performance.now();
    const res = await fetch(`${site.filesUrl}/v1/file/${fileId}`);
    await res.arrayBuffer();
    assert.equal(res.status, 200);
    assert.ok(performance.now() - t0 >= 390, 'performance.now() - t0 >= 390');
  });

  it('serves an HTML error page labelled as a PDF', async () => {
    site.setFault({ fileId }, { kind: 'html-as-pdf' });
    const res = await fetch(`${site.filesUrl}/v1/file/${fileId}`);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const body = await res.text();
    assert.ok(!body.startsWith('%PDF-'), '!body.startsWith(%PDF-)');
    assert.match(body, /<html/);
  });

  it('serves the first half of the PDF when truncated', async () => {
    const full = Buffer.from(await (await fetch(`${site.filesUrl}/v1/file/${fileId}`)).arrayBuffer());
    site.setFault({ fileId }, { kind: 'truncated-pdf' });
    const res = await fetch(`${site.filesUrl}/v1/file/${fileId}`);
    const cut = Buffer.from(await res.arrayBuffer());
    assert.equal(Number(res.headers.get('content-length')), cut.length);
    assert.equal(cut.length, Math.floor(full.length / 2));
    assert.ok(full.subarray(0, cut.length).equals(cut), 'full.subarray(0, cut.length).equals(cut)');
    assert.ok(!cut.includes('%%EOF'), '!cut.includes(%%EOF)');
  });

  it('serves a well-formed PDF with no text in place of the report, the same bytes every time', async () => {
    const full = Buffer.from(await (await fetch(`${site.filesUrl}/v1/file/${fileId}`)).arrayBuffer());
    site.setFault({ fileId }, { kind: 'scanned-pdf' });
    const get = async () => fetch(`${site.filesUrl}/v1/file/${fileId}`);
    const res = await get();
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const scan = Buffer.from(await res.arrayBuffer());
    assert.ok(scan.subarray(0, 5).equals(Buffer.from('%PDF-')), 'starts like a PDF');
    assert.ok(scan.subarray(-32).includes('%%EOF'), 'ends like one');
    assert.ok(!scan.equals(full), 'not the report');
    assert.ok(scan.equals(Buffer.from(await (await get()).arrayBuffer())), 'the same bytes again');
  });

  it('serves a huge PDF-looking body of exactly the given size', async () => {
    const bytes = 5 * 1024 * 1024 + 3;
    site.setFault({ fileId }, { kind: 'huge', bytes });
    const res = await fetch(`${site.filesUrl}/v1/file/${fileId}`);
    assert.equal(Number(res.headers.get('content-length')), bytes);
    const body = Buffer.from(await res.arrayBuffer());
    assert.equal(body.length, bytes);
    assert.equal(body.subarray(0, 5).toString(), '%PDF-');
  });

  it('serves a small PDF whose content stream inflates to the given size (a decompression bomb)', async () => {
    const inflatedBytes = 16 * 1024 * 1024;
    site.setFault({ fileId }, { kind: 'inflate-bomb', inflatedBytes });
    const res = await fetch(`${site.filesUrl}/v1/file/${fileId}`);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const body = Buffer.from(await res.arrayBuffer());
    assert.ok(body.length < inflatedBytes / 500, `${body.length} bytes`);
    const stream = body.subarray(body.indexOf('stream\n') + 7, body.lastIndexOf('\nendstream'));
    assert.ok(inflateSync(stream).equals(Buffer.alloc(inflatedBytes)), 'the stream inflates to that many zeros');
  });

  it('survives a client that hangs up in the middle of a huge body', async () => {
    site.setFault({ fileId }, { kind: 'huge', bytes: 200 * 1024 * 1024 });
    const controller = new AbortController();
    const res = await fetch(`${site.filesUrl}/v1/file/${fileId}`, { signal: controller.signal });
    const reader = res.body?.getReader();
    await reader?.read();
    controller.abort();
    site.clearFaults();
    assert.equal((await fetch(`${site.filesUrl}/v1/file/${fileId}`)).status, 200);
  });

  it('refuses faults that do not fit the target', () => {
    assert.throws(() => site.setFault({ fileId }, { kind: 'js-shell' }), /provider pages only/);
    assert.throws(() => site.setFault({ urn: 'SC036243' }, { kind: 'truncated-pdf' }), /report files only/);
    assert.throws(() => site.setFault({ urn: 'SC036243' }, { kind: 'status', status: 1000 }), /invalid fault/);
  });

  it('closes promptly even while a slow response is pending', async () => {
    const other = await startFakeOfsted({ bulk: false });
    other.setFault({ urn: 'SC036243' }, { kind: 'slow', ms: 60_000 });
    const pending = fetch(`${other.reportsUrl}${PAGE}`).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    await other.close();
    assert.ok(performance.now() - t0 < 2000, 'performance.now() - t0 < 2000');
    assert.ok((await pending) instanceof Error, 'the pending request was cut off');
  });
});
