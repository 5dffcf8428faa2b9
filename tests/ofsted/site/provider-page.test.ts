import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PageShapeError } from '../../../src/errors.js';
import { looksLikeChallenge, looksLikeScriptShell, parseProviderPage } from '../../../src/ofsted/site/provider-page.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const FILES = 'https://files.ofsted.gov.uk';

/** A timeline page around the given items, as Ofsted lays it out (REAL-EVIDENCE §1). */
function timelinePage(items: string, title = 'URN: SC111111'): string {
  return `<main><div class="title-block"><h1 class="heading--title">${title}</h1>
    <p class="title-block__subheading">URN: SC111111</p></div>
    <ol class="timeline">${items}</ol></main>`;
}

function reportItem(fileId: string, hidden: string, time: string | null): string {
  return `<li class="timeline__day">${time === null ? '' : `<p class="timeline__date"><time>${time}</time></p>`}
    <div class="event"><a class="publication-link" href="${FILES}/v1/file/${fileId}">Full inspection
    <span class="nonvisual">${hidden}</span></a></div></li>`;
}

describe('parseProviderPage on a children’s home page in the real shape', () => {
  const url = 'https://reports.ofsted.gov.uk/provider/CARE/SC036243';
  const page = parseProviderPage(fixture('provider-childrens-home.html'), url, FILES);

  it('reads a "URN: SC…" title as no name, and the details by their labels', () => {
    assert.deepEqual(page.provider, {
      urn: 'SC036243',
      name: null,
      category: 'CARE',
      providerType: "Children's home",
      localAuthority: 'Derby',
      owner: 'Derby City Council',
      url,
    });
  });

  it('lists each report once: title and publication date from the hidden text, item date from its own <time>', () => {
    assert.deepEqual(page.reports, [
      {
        fileId: '50126788',
        url: 'https://files.ofsted.gov.uk/v1/file/50126788',
        title: 'Full inspection',
        publishedAt: '2019-11-28',
        itemDate: '2019-10-29',
      },
      {
        fileId: '50060312',
        url: 'https://files.ofsted.gov.uk/v1/file/50060312',
        title: 'Full inspection',
        publishedAt: '2019-03-04',
        itemDate: '2019-01-08',
      },
      {
        // No <time> in its item: no date is borrowed from the items around it.
        fileId: '2782051',
        url: 'https://files.ofsted.gov.uk/v1/file/2782051',
        title: 'Interim inspection',
        publishedAt: '2018-06-19',
        itemDate: null,
      },
      {
        // Linked on the files service's former host: the same file on the files origin.
        fileId: '1944123',
        url: 'https://files.ofsted.gov.uk/v1/file/1944123',
        title: 'Full inspection',
        publishedAt: '2014-04-14',
        itemDate: '2014-03-06',
      },
    ]);
  });

  it('ignores /v1/file/ look-alikes on other hosts (a look-alike of the former host too) and non-file paths', () => {
    const ids = page.reports.map((r) => r.fileId);
    for (const id of ['99999999', '88888888', '77777777', '66666666']) assert.ok(!ids.includes(id), id);
  });

  it('maps links on the files host it does not know to nothing, and the former host to the configured files origin', () => {
    const local = parseProviderPage(fixture('provider-childrens-home.html'), 'http://127.0.0.1:1/provider/CARE/SC036243', 'http://127.0.0.1:2');
    // The links to files.ofsted.gov.uk are not on this files origin; the relative one and the former host's are.
    assert.deepEqual(
      local.reports.map((r) => r.url),
      ['http://127.0.0.1:2/v1/file/2782051', 'http://127.0.0.1:2/v1/file/1944123'],
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

  it('finds the "<Title>, pdf - <date>" text in an aria-label, hidden span or title, and item dates only in a <time>', () => {
    assert.deepEqual(
      page.reports.map((r) => [r.fileId, r.title, r.publishedAt, r.itemDate]),
      [
        ['50200001', 'Monitoring inspection', '2021-03-15', '2021-02-02'],
        ['50190002', 'Assurance visit', '2020-12-01', '2020-11-10'],
        // The row's date is plain text, not a <time>: not taken.
        ['50150003', 'Full inspection', '2019-04-05', null],
      ],
    );
  });
});

describe('parseProviderPage catches a change of shape instead of misreading it', () => {
  it('refuses the old local-site markup ("Full inspection - <inspection date>, PDF" and a datetime on every <time>)', () => {
    assert.throws(
      () => parseProviderPage(fixture('provider-old-local-site.html'), 'https://reports.ofsted.gov.uk/provider/CARE/SC036243', FILES),
      (err: unknown) => {
        assert.ok(err instanceof PageShapeError);
        assert.match(err.message, /^provider page for SC036243 lists report \d+ without the "<title>, pdf - <date>" text/);
        assert.match(err.message, /found: "Full inspection - 29 October 2019, PDF"/);
        return true;
      },
    );
  });

  it('takes no other date for the publication date when the hidden text has another form', () => {
    for (const hidden of ['Full inspection - 28 November 2019, PDF', 'Full inspection, pdf', 'Full inspection, pdf - November 2019', 'Full inspection (PDF, 28 November 2019)']) {
      const html = timelinePage(reportItem('50126788', hidden, '29 October 2019'));
      assert.throws(() => parseProviderPage(html, 'https://reports.ofsted.gov.uk/provider/CARE/SC111111', FILES), PageShapeError, hidden);
    }
  });

  it('keeps a report whose link alone lacks the form, with no publication date rather than another one', () => {
    const html = timelinePage(
      reportItem('1', 'Full inspection, pdf - 28 November 2019', '29 October 2019') +
        reportItem('2', 'Monitoring visit - 2 February 2021', '02 February 2021'),
    );
    const reports = parseProviderPage(html, 'https://reports.ofsted.gov.uk/provider/CARE/SC111111', FILES).reports;
    assert.deepEqual(
      reports.map((r) => [r.fileId, r.title, r.publishedAt]),
      [
        ['1', 'Full inspection', '2019-11-28'],
        ['2', 'Monitoring visit - 2 February 2021', null],
      ],
    );
  });
});

describe('parseProviderPage: dates belong to their own item only', () => {
  const read = (html: string) => parseProviderPage(html, 'https://reports.ofsted.gov.uk/provider/CARE/SC111111', FILES).reports;

  it('reads "pdf" and "PDF", padded and unpadded days, and a title that has a comma of its own', () => {
    const reports = read(
      timelinePage(
        reportItem('1', 'Full inspection, pdf - 08 September 2026', null) +
          reportItem('2', 'Full inspection, PDF - 8 September 2026', null) +
          reportItem('3', 'Area SEND full inspection, pdf - 15 July 2024', null) +
          reportItem('4', 'Children’s services inspection, focused visit, pdf - 09 May 2025', null),
      ),
    );
    assert.deepEqual(
      reports.map((r) => [r.title, r.publishedAt]),
      [
        ['Full inspection', '2026-09-08'],
        ['Full inspection', '2026-09-08'],
        ['Area SEND full inspection', '2024-07-15'],
        ["Children's services inspection, focused visit", '2025-05-09'],
      ],
    );
  });

  it('gives no item date when an item holds two reports, or two <time>s that disagree', () => {
    const shared = `<li class="timeline__day"><p class="timeline__date"><time>01 May 2024</time></p>
      <a href="${FILES}/v1/file/1"><span class="nonvisual">Full inspection, pdf - 20 June 2024</span></a>
      <a href="${FILES}/v1/file/2"><span class="nonvisual">Monitoring visit, pdf - 21 June 2024</span></a></li>`;
    const twoTimes = `<li class="timeline__day"><time>02 May 2024</time><time>03 May 2024</time>
      <a href="${FILES}/v1/file/3"><span class="nonvisual">Full inspection, pdf - 22 June 2024</span></a></li>`;
    assert.deepEqual(read(timelinePage(shared + twoTimes)).map((r) => r.itemDate), [null, null, null]);
  });

  it('never climbs out of the item to a date heading or a neighbour', () => {
    const html = `<main><h1>Oak House</h1><h2><time>01 January 2024</time></h2><ol class="timeline">
      ${reportItem('1', 'Full inspection, pdf - 20 June 2024', '01 May 2024')}
      ${reportItem('2', 'Full inspection, pdf - 20 June 2023', null)}</ol>
      <p>Inspection date: 1 April 2023</p></main>`;
    assert.deepEqual(read(html).map((r) => r.itemDate), ['2024-05-01', null]);
  });

  it('skips the items that are not reports (opened, registered), even one that links a file', () => {
    const html = timelinePage(
      reportItem('1', 'Full inspection, pdf - 20 June 2024', '01 May 2024') +
        `<li class="timeline__day timeline__day--registered"><p class="timeline__date"><time>10 May 2023</time></p>Registered</li>
         <li class="timeline__day timeline__day--opened"><p class="timeline__date"><time>01 September 2012</time></p>
         <a href="${FILES}/v1/file/5">Opening notice</a></li>`,
    );
    assert.deepEqual(read(html).map((r) => r.fileId), ['1']);
  });

  it('reads a datetime attribute where there is one, as a bare <time>’s text otherwise', () => {
    const html = timelinePage(
      `<li class="timeline__day"><p class="timeline__date"><time datetime="2024-05-01">1 May 2024</time></p>
        <a href="${FILES}/v1/file/1"><span class="nonvisual">Full inspection, pdf - 20 June 2024</span></a></li>`,
    );
    assert.equal(read(html)[0]?.itemDate, '2024-05-01');
  });
});

describe('parseProviderPage: the title block', () => {
  it('takes the URN from the subheading of an anonymised home with a 7-digit URN, and gives it no name', () => {
    const html = `<main><div class="title-block"><h1 class="heading--title">URN: 2999001</h1>
      <p class="title-block__subheading">URN: 2999001</p></div><p>No reports published</p></main>`;
    const page = parseProviderPage(html, 'https://reports.ofsted.gov.uk/provider/CARE/2999001', FILES);
    assert.equal(page.provider.name, null);
    assert.equal(page.provider.urn, '2999001');
    assert.deepEqual(page.reports, []);
  });

  it('takes the URN from a "URN: …" title when nothing else on the page gives one', () => {
    const page = parseProviderPage('<h1>URN: sc123456</h1>', 'https://reports.ofsted.gov.uk/old-link?id=1', FILES);
    assert.equal(page.provider.name, null);
    assert.equal(page.provider.urn, 'SC123456');
  });

  it('keeps a real name, the subheading URN and the address line apart', () => {
    const html = `<main><div class="title-block"><h1 class="heading--title">Derby</h1>
      <p class="title-block__subheading">URN: 80459</p>
      <p class="title-block__address">The Council House, Corporation Street, Derby, DE1 2FS</p></div></main>`;
    const page = parseProviderPage(html, 'https://reports.ofsted.gov.uk/provider/44/80459', FILES);
    assert.equal(page.provider.name, 'Derby');
    assert.equal(page.provider.urn, '80459');
    assert.equal(page.provider.category, '44');
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
        <a href="https://files.ofsted.gov.uk/v1/file/1">Full inspection, pdf - 01 May 2024</a></li></ol>`;
    const page = parseProviderPage(html, 'https://reports.ofsted.gov.uk/provider/CARE/SC111111', FILES);
    assert.equal(page.provider.providerType, "Children's home");
    assert.equal(page.reports[0]?.publishedAt, '2024-05-01');
    assert.equal(page.reports[0]?.itemDate, null);
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
