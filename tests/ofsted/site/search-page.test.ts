import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { looksLikeChallenge, looksLikeScriptShell } from '../../../src/ofsted/site/page-detectors.js';
import { parseSearchResults } from '../../../src/ofsted/site/search-page.js';

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
    });
    const beacon = results.find((r) => r.urn === '119044');
    assert.deepEqual(beacon, {
      urn: '119044',
      category: '25',
      url: 'https://reports.ofsted.gov.uk/provider/25/119044',
      name: 'The Beacon Folkestone',
      categoryLabel: 'Special School',
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
      },
    ]);
  });
});
