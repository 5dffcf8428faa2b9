import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PageShapeError } from '../../../src/errors.js';
import { looksLikeChallenge, looksLikeScriptShell, parseProviderPage } from '../../../src/ofsted/site/provider-page.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const FILES = 'https://files.ofsted.gov.uk';

describe('parseProviderPage on an Ofsted-shaped children’s home page', () => {
  const url = 'https://reports.ofsted.gov.uk/provider/CARE/SC036243';
  const page = parseProviderPage(fixture('provider-childrens-home.html'), url, FILES);

  it('reads name, URN, category, provider type, local authority and owner', () => {
    assert.deepEqual(page.provider, {
      urn: 'SC036243',
      name: 'Bramble House',
      category: 'CARE',
      providerType: "Children's home",
      localAuthority: 'Derby',
      owner: 'Derby City Council',
      url,
    });
  });

  it('lists each report file once, with the fuller hidden title and the timeline date', () => {
    assert.deepEqual(page.reports, [
      {
        fileId: '50126788',
        url: 'https://files.ofsted.gov.uk/v1/file/50126788',
        title: 'Full inspection - 29 October 2019, PDF',
        date: '2019-11-28',
      },
      {
        fileId: '50060312',
        url: 'https://files.ofsted.gov.uk/v1/file/50060312',
        title: 'Full inspection - 8 January 2019, PDF',
        date: '2019-03-04',
      },
      {
        fileId: '2782051',
        url: 'https://files.ofsted.gov.uk/v1/file/2782051',
        title: 'Interim inspection - 22 May 2018, PDF',
        date: '2018-06-19',
      },
    ]);
  });

  it('ignores /v1/file/ look-alikes on other hosts and non-file paths on the files host', () => {
    const ids = page.reports.map((r) => r.fileId);
    assert.ok(!ids.includes('99999999'));
    assert.ok(!ids.includes('88888888'));
    assert.ok(!ids.includes('77777777'));
  });

  it('resolves report links against the configured files origin', () => {
    const local = parseProviderPage(fixture('provider-childrens-home.html'), 'http://127.0.0.1:1/provider/CARE/SC036243', 'http://127.0.0.1:2');
    // Only the relative link survives: the absolute ones point at the real files host, not this one.
    assert.deepEqual(
      local.reports.map((r) => r.url),
      ['http://127.0.0.1:2/v1/file/2782051'],
    );
  });
});

describe('parseProviderPage on a different layout (dl for details, table for reports)', () => {
  const url = 'https://reports.ofsted.gov.uk/provider/CARE/SC488596';
  const page = parseProviderPage(fixture('provider-table-variant.html'), url, FILES);

  it('still reads the provider details by their labels', () => {
    assert.deepEqual(page.provider, {
      urn: 'SC488596',
      name: 'Willow Lodge',
      category: 'CARE',
      providerType: "Children's home",
      localAuthority: 'Derby',
      owner: 'Example Care Ltd',
      url,
    });
  });

  it('still reads the reports, taking titles from aria-label, hidden text or title and dates from the row', () => {
    assert.deepEqual(
      page.reports.map((r) => [r.fileId, r.title, r.date]),
      [
        ['50200001', 'Monitoring inspection - 2 February 2021, PDF', '2021-03-15'],
        ['50190002', 'Assurance visit - 10 November 2020, PDF', '2020-12-01'],
        // No date in the row: the title's own date is the best the page offers.
        ['50150003', 'Full inspection - 5 March 2019, PDF', '2019-03-05'],
      ],
    );
  });
});

describe('parseProviderPage edge cases', () => {
  it('accepts a page with a title and URN but no reports', () => {
    const html = '<h1>New Home</h1><ul><li>URN: <strong>2827996</strong></li></ul><p>There are no reports for this provider.</p>';
    const page = parseProviderPage(html, 'https://reports.ofsted.gov.uk/provider/CARE/2827996', FILES);
    assert.equal(page.provider.name, 'New Home');
    assert.equal(page.provider.urn, '2827996');
    assert.deepEqual(page.reports, []);
  });

  it('ignores labels in the page header and inside report entries', () => {
    const html = `
      <header><ul class="search-hints"><li>Type: <strong>any provider</strong></li></ul></header>
      <h1>Oak House</h1>
      <p>Category: <strong>Children's home</strong></p>
      <ol><li><p>Type: <strong>Full inspection</strong></p>
        <a href="https://files.ofsted.gov.uk/v1/file/1">Full inspection - 1 May 2024, PDF</a></li></ol>`;
    const page = parseProviderPage(html, 'https://reports.ofsted.gov.uk/provider/CARE/SC111111', FILES);
    assert.equal(page.provider.providerType, "Children's home");
    assert.equal(page.reports[0]?.date, '2024-05-01');
  });

  it('takes the URN from the URL when the page shows none', () => {
    const html = '<h1>Somewhere</h1>';
    const page = parseProviderPage(html, 'https://reports.ofsted.gov.uk/provider/21/139309', FILES);
    assert.equal(page.provider.urn, '139309');
    assert.equal(page.provider.category, '21');
    assert.equal(page.provider.providerType, null);
    assert.equal(page.provider.owner, null);
  });

  it('throws PageShapeError on a page with no title, URN label or report links', () => {
    assert.throws(
      () => parseProviderPage(fixture('not-a-provider-page.html'), 'https://reports.ofsted.gov.uk/provider/CARE/SC036243', FILES),
      (err: unknown) => {
        assert.ok(err instanceof PageShapeError);
        assert.equal(
          err.message,
          'provider page for SC036243 no longer has the expected shape (no title, URN or report links)',
        );
        return true;
      },
    );
  });
});

describe('looksLikeScriptShell / looksLikeChallenge', () => {
  const shell =
    '<!doctype html><html><head><title>Ofsted</title></head><body><div id="app"></div><script src="/app.js"></script></body></html>';
  const noscript = '<html><body><div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript></body></html>';
  const challenge =
    '<html><head><title>Just a moment...</title></head><body><h1>reports.ofsted.gov.uk</h1><p>Checking your browser before accessing the site.</p><noscript>Please enable JavaScript and cookies to continue</noscript></body></html>';

  it('spots a body made only of scripts, and a <noscript> page', () => {
    assert.equal(looksLikeScriptShell(shell), true);
    assert.equal(looksLikeScriptShell(noscript), true);
  });

  it('spots challenge wording even when the challenge page has an h1', () => {
    assert.equal(looksLikeChallenge(challenge), true);
    assert.equal(looksLikeChallenge(shell), false);
  });

  it('does not flag a real provider page, though it carries a <noscript> and scripts', () => {
    const real = fixture('provider-childrens-home.html');
    assert.equal(looksLikeScriptShell(real), false);
    assert.equal(looksLikeChallenge(real), false);
  });

  it('does not flag a text page without scripts', () => {
    assert.equal(looksLikeScriptShell('<html><body><p>Service unavailable</p></body></html>'), false);
  });
});
