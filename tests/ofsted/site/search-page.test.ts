import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { looksLikeChallenge, looksLikeScriptShell } from '../../../src/ofsted/site/page-detectors.js';
import { SearchPageShapeError } from '../../../src/ofsted/site/search-page-shape-error.js';
import { buildSearchUrl, parseSearchPage, parseSearchResults } from '../../../src/ofsted/site/search-page.js';

// The real /search page saved in 2023 (see fixtures/real/SOURCES.md).
const REAL = readFileSync(
  new URL('../../../fixtures/real/html/search_results_folkestone_primary_2023-11.html', import.meta.url),
  'utf8',
);
const PAGE_URL = 'https://reports.ofsted.gov.uk/search?q=&location=Folkestone%2C+UK&rows=1000';

describe('parseSearchResults on the real Folkestone search page', () => {
  const results = parseSearchResults(REAL, PAGE_URL);

  it('finds all 61 results', () => {
    assert.equal(results.length, 61);
  });

  it('reads URN, category, absolute URL, name and category label of each result', () => {
    assert.deepEqual(results[0], {
      urn: '139309',
      category: '21',
      url: 'https://reports.ofsted.gov.uk/provider/21/139309',
      name: 'Christ Church Cep Academy, Folkestone',
      categoryLabel: 'Primary',
      latestReportDate: '2023-01-23',
      rating: 'Good',
    });
    const beacon = results.find((r) => r.urn === '119044');
    assert.deepEqual(beacon, {
      urn: '119044',
      category: '25',
      url: 'https://reports.ofsted.gov.uk/provider/25/119044',
      name: 'The Beacon Folkestone',
      categoryLabel: 'Special School',
      latestReportDate: '2020-03-09',
      rating: 'Outstanding',
    });
  });

  it('decodes entities and trims names', () => {
    assert.ok(results.some((r) => r.name === "St Eanswythe's Church of England Primary School"));
    assert.ok(results.some((r) => r.name === 'Folkestone Primary'));
  });

  it('covers every category the page links to, including an SC URN filed under category 1', () => {
    assert.deepEqual([...new Set(results.map((r) => r.category))].sort(), ['1', '21', '25', '27']);
    assert.equal(results.find((r) => r.urn === 'SC023666')?.categoryLabel, 'Boarding School');
  });

  it('is not mistaken for a script shell or a challenge', () => {
    assert.equal(looksLikeScriptShell(REAL), false);
    assert.equal(looksLikeChallenge(REAL), false);
  });
});

describe('parseSearchResults tolerance', () => {
  it('falls back to provider links when the result classes change', () => {
    const renamed = REAL.replaceAll('search-result', 'result-card').replaceAll('results-list', 'cards');
    assert.ok(!renamed.includes('search-result'));
    const results = parseSearchResults(renamed, PAGE_URL);
    assert.equal(results.length, 61);
    assert.equal(results[0]?.categoryLabel, 'Primary');
  });

  it('returns [] for a "0 results" page', () => {
    const html =
      '<main><h2><strong class="results-count js-results-count">0</strong><strong> results</strong></h2>' +
      '<p><a href="/provider/21/139309">Recently viewed: Christ Church</a></p><ul class="results-list"></ul></main>';
    assert.deepEqual(parseSearchResults(html, PAGE_URL), []);
  });

  it('returns [] for "0 results" wording without the count class', () => {
    const html = '<main><h2>0 results</h2><a href="/provider/CARE/SC036243">Last viewed</a></main>';
    assert.deepEqual(parseSearchResults(html, PAGE_URL), []);
  });

  it('keeps a URN it cannot validate rather than dropping the result', () => {
    const html = '<ul><li class="search-result"><h3><a href="/provider/CARE/RP523142">Agency</a></h3></li></ul>';
    assert.deepEqual(parseSearchResults(html, PAGE_URL), [
      {
        urn: 'RP523142',
        category: 'CARE',
        url: 'https://reports.ofsted.gov.uk/provider/CARE/RP523142',
        name: 'Agency',
        categoryLabel: null,
        latestReportDate: null,
        rating: null,
      },
    ]);
  });
});

describe('parseSearchPage on the real Folkestone search page', () => {
  it('reads every result with its date, the stated count and no next page', () => {
    const page = parseSearchPage(REAL, PAGE_URL);
    assert.equal(page.total, 61);
    assert.equal(page.results.length, 61);
    assert.equal(page.nextPageUrl, null);
    assert.ok(page.results.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.latestReportDate ?? '')));
    // Stella Maris shows no Rating line: a result without a rating is still readable.
    const stella = page.results.find((r) => r.urn === '141629');
    assert.equal(stella?.rating, null);
    assert.equal(stella?.latestReportDate, '2023-09-15');
    assert.equal(page.results.find((r) => r.urn === 'SC023666')?.latestReportDate, '2022-11-08');
  });

  it('resolves a.pagination__next against the page URL', () => {
    const paged = REAL.replace(
      '<ul class="results-list list-unstyled">',
      '<nav class="pagination"><a class="pagination__next" href="/search?level_1_types=1&amp;start=61&amp;rows=61">Next</a></nav><ul class="results-list list-unstyled">',
    ).replaceAll('js-results-count">61<', 'js-results-count">130<');
    const page = parseSearchPage(paged, 'https://reports.ofsted.gov.uk/search?level_1_types=1&start=0&rows=61');
    assert.equal(page.total, 130);
    assert.equal(page.nextPageUrl, 'https://reports.ofsted.gov.uk/search?level_1_types=1&start=61&rows=61');
  });
});

describe('parseSearchPage shape check', () => {
  const throwsShape = (html: string, pattern: RegExp, url = PAGE_URL): void => {
    assert.throws(() => parseSearchPage(html, url), (err: unknown) => {
      assert.ok(err instanceof SearchPageShapeError, String(err));
      assert.equal(err.exitCode, 4);
      assert.match(err.message, pattern);
      return true;
    });
  };

  it('throws when the result classes change, where the lenient reader would fall back', () => {
    const renamed = REAL.replaceAll('search-result', 'result-card').replaceAll('results-list', 'cards');
    throwsShape(renamed, /lists results 1-0 of a stated 61/);
  });

  it('throws when the count is gone', () => {
    throwsShape(REAL.replaceAll('results-count js-results-count', 'total'), /states no result count/);
  });

  it('throws when a result has no latest report date, or one it cannot read', () => {
    throwsShape(REAL.replace('<li>Latest report: <strong><time>23 January 2023</time></strong></li>', ''), /139309 without its latest report date/);
    throwsShape(REAL.replace('<time>23 January 2023</time>', '<time>sometime</time>'), /unreadable latest report date for 139309/);
    // A listing that is not a date-window search may accept undated results.
    const undated = REAL.replace('<li>Latest report: <strong><time>23 January 2023</time></strong></li>', '');
    assert.equal(parseSearchPage(undated, PAGE_URL, { requireDates: false }).results[0]?.latestReportDate, null);
  });

  it('throws when a result has no provider link or its URN line disagrees', () => {
    throwsShape(REAL.replace('<a href="/provider/21/139309">', '<a href="/schools/139309">'), /result 1 without a provider link/);
    throwsShape(REAL.replace('URN: <strong>139309</strong>', 'URN: <strong>139310</strong>'), /139309 with URN line "139310"/);
  });

  it('throws when the count disagrees with what the page lists', () => {
    throwsShape(REAL.replaceAll('js-results-count">61<', 'js-results-count">62<'), /results 1-61 of a stated 62 and links no next page/);
    throwsShape(REAL.replaceAll('js-results-count">61<', 'js-results-count">60<'), /lists 61 results but states 60/);
  });

  it('accepts an empty page past the end, and a 0-results page', () => {
    const none =
      '<main><h2><strong class="results-count js-results-count">0</strong><strong> results</strong></h2>' +
      '<p class="search-results__none">Sorry, no results were found</p></main>';
    assert.deepEqual(parseSearchPage(none, PAGE_URL), { results: [], total: 0, nextPageUrl: null });
    const shrunk = none.replace('>0<', '>40<');
    assert.equal(parseSearchPage(shrunk, 'https://reports.ofsted.gov.uk/search?start=100&rows=100').total, 40);
  });
});

describe('buildSearchUrl', () => {
  const site = { reportsOrigin: 'https://reports.ofsted.gov.uk/' };

  it("writes the real form for children's homes in a date window, newest first", () => {
    assert.equal(
      buildSearchUrl(site, { category: 'childrens-homes', from: '2025-03-01', to: '2025-03-07' }),
      'https://reports.ofsted.gov.uk/search?q=&location=&radius=&level_1_types=3&level_2_types=11' +
        '&latest_report_date_start=01-03-2025&latest_report_date_end=07-03-2025&start=0&rows=100&sort=date&order=desc',
    );
  });

  it('caps rows at 100 and writes list filters with []', () => {
    const url = new URL(
      buildSearchUrl(site, { category: 'schools', start: 200, rows: 1000, status: ['open'], localAuthorities: [886] }),
    );
    assert.equal(url.searchParams.get('rows'), '100');
    assert.equal(url.searchParams.get('start'), '200');
    assert.deepEqual(url.searchParams.getAll('level_2_types[]'), ['1', '2']);
    assert.deepEqual(url.searchParams.getAll('status[]'), ['1']);
    assert.deepEqual(url.searchParams.getAll('local_authority[]'), ['886']);
    assert.equal(url.searchParams.get('latest_report_date_start'), '');
  });

  it('uses the evidence codes for LA children\'s services and early years, and refuses a non-ISO date', () => {
    const la = new URL(buildSearchUrl(site, { category: 'la-childrens-services' })).searchParams;
    assert.equal(la.get('level_2_types'), '12');
    const ey = new URL(buildSearchUrl(site, { category: 'early-years' })).searchParams;
    assert.deepEqual([ey.get('level_1_types'), ey.get('level_2_types')], ['2', '7']);
    assert.throws(() => buildSearchUrl(site, { category: 'childrens-homes', from: '01-03-2025' }), TypeError);
  });
});
