import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ForbiddenHostError } from '../../../src/errors.js';
import { BrowserPool, renderWithBrowser, type RenderOptions } from '../../../src/ofsted/site/browser-fallback.js';
import { looksLikeScriptShell } from '../../../src/ofsted/site/page-detectors.js';
import { parseProviderPage } from '../../../src/ofsted/site/provider-page.js';
import { send, startServer, type CannedServer } from './fixtures/canned-server.js';
import { FOREIGN_SCRIPT, shellSite } from './fixtures/js-shell.js';

const CHROMIUM = '/usr/bin/chromium';
const UA = 'ofsted-monitor/0.1 (+https://github.com/ofsted-monitor/ofsted-monitor; inspection-change alerts)';

describe('renderWithBrowser (real Chromium)', () => {
  let foreign: CannedServer;
  let files: CannedServer;
  let reports: CannedServer;
  let pool: BrowserPool;
  let options: RenderOptions;

  before(async () => {
    foreign = await startServer((_req, res) => send(res, 200, FOREIGN_SCRIPT, 'text/javascript'));
    files = await startServer((_req, res) => send(res, 404, 'none'));
    const shell = shellSite(foreign.origin, files.origin);
    reports = await startServer((req, res, srv) => {
      if (req.url === '/moved') {
        res.writeHead(302, { location: `${foreign.origin}/phish` });
        return res.end();
      }
      if (req.url === '/hop') {
        res.writeHead(302, { location: `${srv.origin}/moved` });
        return res.end();
      }
      return shell(req, res, srv);
    });
    pool = new BrowserPool(CHROMIUM);
    options = { allowedOrigins: [reports.origin, files.origin], userAgent: UA, timeoutMs: 5_000, pool };
  });

  after(async () => {
    await pool.close();
    await Promise.all([foreign.close(), files.close(), reports.close()]);
  });

  it('renders a script-built provider page into HTML the parser reads', async () => {
    const url = `${reports.origin}/provider/CARE/SC036243`;
    const html = await renderWithBrowser(url, options);
    assert.equal(looksLikeScriptShell(html), false);
    const page = parseProviderPage(html, url, files.origin);
    assert.equal(page.provider.name, 'Bramble House');
    assert.equal(page.provider.urn, 'SC036243');
    assert.equal(page.provider.providerType, "Children's home");
    assert.deepEqual(page.reports, [
      {
        fileId: '50126788',
        url: `${files.origin}/v1/file/50126788`,
        title: 'Full inspection',
        publishedAt: '2019-11-28',
        itemDate: '2019-10-29',
      },
    ]);
    assert.equal(reports.hits('/provider/CARE/SC036243')[0]?.headers['user-agent'], UA);
  });

  it('never loads a script from an origin that is not allowed', async () => {
    const html = await renderWithBrowser(`${reports.origin}/provider/CARE/SC036243`, options);
    assert.equal(foreign.requests.length, 0);
    assert.doesNotMatch(html, /data-foreign/);
  });

  it('refuses a redirect chain that ends on a foreign origin, though Chromium would follow it unasked', async () => {
    await assert.rejects(renderWithBrowser(`${reports.origin}/hop`, options), ForbiddenHostError);
    assert.equal(reports.hits('/moved').length, 1, 'the allowed hop was fetched');
    assert.equal(foreign.requests.length, 0);
  });

  it('refuses to render a URL outside the allowed origins', async () => {
    await assert.rejects(renderWithBrowser(`${foreign.origin}/provider/CARE/SC036243`, options), ForbiddenHostError);
    assert.equal(foreign.requests.length, 0);
  });

  it('reuses one browser across renders and relaunches after close()', async () => {
    const first = await pool.browser();
    assert.equal(await pool.browser(), first);
    await pool.close();
    assert.equal(first.isConnected(), false);
    const second = await pool.browser();
    assert.notEqual(second, first);
    assert.equal(second.isConnected(), true);
  });

  it('works without a shared pool, using a browser of its own', async () => {
    const html = await renderWithBrowser(`${reports.origin}/provider/CARE/SC036243`, {
      allowedOrigins: [reports.origin, files.origin],
      userAgent: UA,
      timeoutMs: 5_000,
      chromiumPath: CHROMIUM,
    });
    assert.match(html, /Bramble House/);
  });

  it('asks beforeRequest before every request it lets through, so a politeness budget counts them', async () => {
    let asked = 0;
    const seenBefore = reports.requests.length + files.requests.length;
    await renderWithBrowser(`${reports.origin}/provider/CARE/SC036243`, {
      ...options,
      beforeRequest: async () => {
        asked += 1;
      },
    });
    const reached = reports.requests.length + files.requests.length - seenBefore;
    assert.ok(reached > 0);
    assert.equal(asked, reached, 'one slot per request that reached an allowed origin');
  });

  it('stops and rethrows when beforeRequest refuses (a budget spent for longer than a job waits)', async () => {
    class Spent extends Error {}
    const seenBefore = reports.requests.length;
    await assert.rejects(
      renderWithBrowser(`${reports.origin}/provider/CARE/SC036243`, {
        ...options,
        beforeRequest: async () => {
          throw new Spent('no slot for 30 s');
        },
      }),
      Spent,
    );
    assert.equal(reports.requests.length, seenBefore, 'nothing was fetched');
  });
});
