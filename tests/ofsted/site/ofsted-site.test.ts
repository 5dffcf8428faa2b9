import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import {
  BadInputError,
  PageShapeError,
  ProviderNotFoundError,
  UpstreamUnavailableError,
} from '../../../src/errors.js';
import { DamagedDownloadError } from '../../../src/ofsted/site/damaged-download-error.js';
import { NotAPdfError } from '../../../src/ofsted/site/not-a-pdf-error.js';
import { OfstedSite } from '../../../src/ofsted/site/ofsted-site.js';
import { ReportNotFoundError } from '../../../src/ofsted/site/report-not-found-error.js';
import { ReportWithdrawnError } from '../../../src/ofsted/site/report-withdrawn-error.js';
import { ResponseTooLargeError } from '../../../src/ofsted/site/response-too-large-error.js';
import type { SiteOptions } from '../../../src/ofsted/site/site-options.js';
import { send, startServer, type CannedServer } from './fixtures/canned-server.js';
import { shellSite } from './fixtures/js-shell.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const WITHDRAWN =
  '<!DOCTYPE html><html><head><title>We cannot publish this report</title></head><body><main><h1>We cannot publish this report</h1>' +
  '<p>We cannot publish this report at the moment.</p></main></body></html>';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** A search page in the real markup (ul.results-list > li.search-result). */
function searchPage(results: Array<{ category: string; urn: string; name: string }>): string {
  const items = results
    .map(
      (r) => `<li class="search-result">
      <h3 class="search-result__title heading--main"><a href="/provider/${r.category}/${r.urn}">${r.name}</a></h3>
      <ul class="search-result__provider-info"><li>Category: <strong>Children&#039;s home</strong></li></ul>
      <ul class="search-result__provider-info"><li>URN: <strong>${r.urn}</strong></li></ul></li>`,
    )
    .join('\n');
  return `<html><body><main><h1>Search results</h1>
    <h2><strong class="results-count js-results-count">${results.length}</strong><strong> results</strong></h2>
    <ul class="results-list list-unstyled">${items}</ul></main></body></html>`;
}

describe('OfstedSite', () => {
  let reports: CannedServer;
  let files: CannedServer;
  let foreign: CannedServer;
  let site: OfstedSite;
  let options: SiteOptions;
  const logLines: string[] = [];

  before(async () => {
    foreign = await startServer((_req, res) => send(res, 200, 'nothing here'));
    files = await startServer((req, res) => {
      switch (req.url) {
        case '/v1/file/50126788':
          return send(res, 200, PDF, 'application/pdf');
        case '/v1/file/octet':
          return send(res, 200, PDF, 'application/octet-stream');
        case '/v1/file/html':
          return send(res, 200, '<html><body>Sorry, something went wrong</body></html>', 'text/html; charset=utf-8');
        case '/v1/file/withdrawn':
          return send(res, 200, WITHDRAWN, 'text/html; charset=utf-8');
        case '/v1/file/withdrawn-404':
          return send(res, 404, WITHDRAWN, 'text/html; charset=utf-8');
        case '/v1/file/cut':
          return send(res, 200, PDF.subarray(0, PDF.length - 8), 'application/pdf');
        case '/v1/file/trailing-junk':
          return send(res, 200, Buffer.concat([PDF, Buffer.alloc(900, 0x20)]), 'application/pdf');
        case '/v1/file/liar':
          return send(res, 200, '<html>not a pdf</html>', 'application/pdf');
        case '/v1/file/huge':
          return send(res, 200, Buffer.concat([PDF, Buffer.alloc(20_000)]), 'application/pdf');
        default:
          return send(res, 404, 'not found');
      }
    });
    const page = fixture('provider-childrens-home.html').replaceAll('https://files.ofsted.gov.uk', files.origin);
    const shell = shellSite(foreign.origin, files.origin);
    reports = await startServer((req, res, srv) => {
      const url = new URL(req.url ?? '/', srv.origin);
      if (url.pathname === '/search') {
        const q = url.searchParams.get('q');
        if (q === 'SC036243') {
          return send(res, 200, searchPage([
            { category: 'CARE', urn: 'SC0362431', name: 'Not this one' },
            { category: 'CARE', urn: 'SC036243', name: 'Bramble House' },
          ]));
        }
        if (q === 'SC777777') return send(res, 200, searchPage([{ category: 'CARE', urn: 'SC777777', name: 'Shell' }]));
        if (q === 'SC555555') return send(res, 200, searchPage([{ category: 'CARE', urn: 'SC555555', name: 'Gone' }]));
        return send(res, 200, searchPage([]));
      }
      switch (url.pathname) {
        case '/provider/CARE/SC036243':
          return send(res, 200, page);
        case '/provider/CARE/SC500500':
          return send(res, 500, 'internal error');
        case '/provider/CARE/SC444444':
          return send(res, 200, fixture('not-a-provider-page.html'));
        case '/provider/CARE/SC777777':
        case '/provider/23/990012':
          return shell(req, res, srv);
        case '/app.js':
        case '/api/provider.json':
          return shell(req, res, srv);
        default:
          return send(res, 404, 'not found');
      }
    });
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    options = {
      reportsOrigin: reports.origin,
      filesOrigin: files.origin,
      userAgent: 'ofsted-monitor/0.1 (+https://github.com/ofsted-monitor/ofsted-monitor; inspection-change alerts)',
      timeoutMs: 5_000,
      attempts: 2,
      backoffMs: 1,
      maxPdfBytes: 10_000,
      chromiumPath: '/usr/bin/chromium',
      logger: pino({ level: 'info' }, sink),
    };
    site = new OfstedSite(options);
  });

  beforeEach(() => {
    reports.requests.length = 0;
    files.requests.length = 0;
    logLines.length = 0;
  });

  after(async () => {
    await site.close();
    await Promise.all([reports.close(), files.close(), foreign.close()]);
  });

  describe('findProvider', () => {
    it('finds the category of a URN through search, matching the URN exactly', async () => {
      assert.deepEqual(await site.findProvider(' sc036243 '), {
        category: 'CARE',
        url: `${reports.origin}/provider/CARE/SC036243`,
      });
      assert.equal(reports.requests[0]?.url, '/search?q=SC036243');
    });

    it('returns null when search has no such URN', async () => {
      assert.equal(await site.findProvider('SC000001'), null);
    });
  });

  describe('fetchProviderPage', () => {
    it('reads the page of a known category without searching', async () => {
      const page = await site.fetchProviderPage('SC036243', 'CARE');
      assert.equal(page.provider.name, null, 'an anonymised home is titled by its URN');
      assert.equal(page.provider.owner, 'Derby City Council');
      assert.deepEqual(
        page.reports.map((r) => r.url),
        [
          `${files.origin}/v1/file/50126788`,
          `${files.origin}/v1/file/50060312`,
          `${files.origin}/v1/file/2782051`,
          // Linked on files.api.ofsted.gov.uk: the same file, fetched from the files origin.
          `${files.origin}/v1/file/1944123`,
        ],
      );
      assert.equal(reports.hits('/search').length, 0);
    });

    it('finds the category through search when none is given', async () => {
      const page = await site.fetchProviderPage('SC036243');
      assert.equal(page.provider.category, 'CARE');
      assert.deepEqual(
        reports.requests.map((r) => r.url),
        ['/search?q=SC036243', '/provider/CARE/SC036243'],
      );
    });

    it('retries once through search when the stored category now 404s', async () => {
      const page = await site.fetchProviderPage('SC036243', '21');
      assert.equal(page.provider.category, 'CARE');
      assert.deepEqual(
        reports.requests.map((r) => r.url),
        ['/provider/21/SC036243', '/search?q=SC036243', '/provider/CARE/SC036243'],
      );
    });

    it('throws ProviderNotFoundError (exit 3) for a URN Ofsted does not know', async () => {
      await assert.rejects(site.fetchProviderPage('SC000001'), (err: unknown) => {
        assert.ok(err instanceof ProviderNotFoundError);
        assert.equal(err.message, 'no Ofsted provider with URN SC000001');
        assert.equal(err.exitCode, 3);
        return true;
      });
    });

    it('throws ProviderNotFoundError when search lists the URN but its page 404s', async () => {
      await assert.rejects(site.fetchProviderPage('SC555555'), ProviderNotFoundError);
      assert.equal(reports.hits('/provider/CARE/SC555555').length, 1);
    });

    it('rejects a malformed URN with BadInputError before any request', async () => {
      await assert.rejects(site.fetchProviderPage('SC12'), BadInputError);
      assert.equal(reports.requests.length, 0);
    });

    it('throws UpstreamUnavailableError when the page keeps failing', async () => {
      await assert.rejects(site.fetchProviderPage('SC500500', 'CARE'), UpstreamUnavailableError);
      assert.equal(reports.hits('/provider/CARE/SC500500').length, 2);
    });

    it('throws PageShapeError when the page has lost its shape', async () => {
      await assert.rejects(site.fetchProviderPage('SC444444', 'CARE'), PageShapeError);
    });

    it('renders a script-only page in Chromium, says so at info, and parses the result', async () => {
      const page = await site.fetchProviderPage('SC777777', 'CARE');
      assert.equal(page.provider.name, 'Bramble House');
      assert.equal(page.reports[0]?.url, `${files.origin}/v1/file/50126788`);
      assert.ok(reports.hits('/app.js').length >= 1, 'the browser ran the page script');
      assert.equal(foreign.requests.length, 0);
      const info = logLines.map((l) => JSON.parse(l) as { level: number; msg: string; url: string });
      assert.ok(info.some((l) => l.level === 30 && /Chromium fallback/.test(l.msg) && l.url.endsWith('/provider/CARE/SC777777')));
    });

    it('renders a shell wrapped in the site chrome too: a page with scripts that shows no provider', async () => {
      const page = await site.fetchProviderPage('990012', '23');
      assert.equal(page.provider.name, 'Bramble House');
      assert.equal(page.provider.category, '23');
      assert.deepEqual(
        page.reports.map((r) => [r.fileId, r.publishedAt, r.itemDate]),
        [['50126788', '2019-11-28', '2019-10-29']],
      );
      assert.equal(page.contentHash, null, 'a rendered page has no fingerprint');
      assert.ok(reports.hits('/app.js').length >= 1, 'the browser ran the page script');
    });
  });

  describe('downloadReport', () => {
    it('returns the bytes of a PDF', async () => {
      const body = await site.downloadReport(`${files.origin}/v1/file/50126788`);
      assert.deepEqual(body, PDF);
      assert.match(String(files.requests[0]?.headers.accept), /application\/pdf/);
    });

    it('accepts application/octet-stream when the bytes are a PDF', async () => {
      assert.deepEqual(await site.downloadReport(`${files.origin}/v1/file/octet`), PDF);
    });

    it('throws ReportNotFoundError on 404, without retrying', async () => {
      await assert.rejects(site.downloadReport(`${files.origin}/v1/file/404`), (err: unknown) => {
        assert.ok(err instanceof ReportNotFoundError);
        assert.match(err.message, /v1\/file\/404 is no longer on Ofsted's site \(HTTP 404\)/);
        return true;
      });
      assert.equal(files.requests.length, 1);
    });

    it('throws NotAPdfError naming the type when an HTML page comes back', async () => {
      const url = `${files.origin}/v1/file/html`;
      await assert.rejects(site.downloadReport(url), (err: unknown) => {
        assert.ok(err instanceof NotAPdfError);
        assert.equal(err.message, `report ${url} is not a PDF (got text/html)`);
        assert.equal(err.exitCode, 2);
        return true;
      });
    });

    it('throws ReportWithdrawnError (exit 3) when Ofsted answers "We cannot publish", whatever the status', async () => {
      for (const id of ['withdrawn', 'withdrawn-404']) {
        const url = `${files.origin}/v1/file/${id}`;
        await assert.rejects(site.downloadReport(url), (err: unknown) => {
          assert.ok(err instanceof ReportWithdrawnError, id);
          assert.equal(err.message, `Ofsted has withdrawn it: ${url} answers "We cannot publish" instead of the PDF`);
          assert.equal(err.exitCode, 3);
          return true;
        });
      }
      assert.equal(files.requests.length, 2, 'never retried');
    });

    it('throws NotAPdfError when the bytes do not start with %PDF- whatever the header says', async () => {
      await assert.rejects(site.downloadReport(`${files.origin}/v1/file/liar`), /do not start with %PDF-/);
    });

    it('throws DamagedDownloadError for a PDF cut short (no %%EOF at its end), and takes one with junk after it', async () => {
      const url = `${files.origin}/v1/file/cut`;
      await assert.rejects(site.downloadReport(url), (err: unknown) => {
        assert.ok(err instanceof DamagedDownloadError);
        assert.equal(err.message, `report ${url} arrived cut short (${PDF.length - 8} bytes and no %%EOF at the end)`);
        return true;
      });
      assert.equal((await site.downloadReport(`${files.origin}/v1/file/trailing-junk`)).length, PDF.length + 900);
    });

    it('names an HTML page and a missing file as damage on the way (DamagedDownloadError), never the report', async () => {
      await assert.rejects(site.downloadReport(`${files.origin}/v1/file/liar`), DamagedDownloadError);
      await assert.rejects(site.downloadReport(`${files.origin}/v1/file/404`), DamagedDownloadError);
      await assert.rejects(site.downloadReport(`${files.origin}/v1/file/withdrawn`), (err: unknown) => !(err instanceof DamagedDownloadError));
    });

    it('refuses a report larger than maxPdfBytes', async () => {
      await assert.rejects(site.downloadReport(`${files.origin}/v1/file/huge`), ResponseTooLargeError);
    });

    it('refuses a report URL on another host without requesting it', async () => {
      await assert.rejects(site.downloadReport(`${foreign.origin}/v1/file/50126788`), /refusing to fetch/);
      assert.equal(foreign.requests.length, 0);
    });
  });
});
