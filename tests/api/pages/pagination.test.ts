import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { pageNumbers, pagerHtml, paginate } from '../../../src/api/pages/pagination.js';
import { hrefWith, queryPage, queryText } from '../../../src/api/pages/query-values.js';

describe('paginate', () => {
  const items = Array.from({ length: 250 }, (_, i) => i + 1);

  it('cuts pages of 100 and says which items are shown', () => {
    const second = paginate(items, 2);
    assert.equal(second.items.length, 100);
    assert.equal(second.items[0], 101);
    assert.deepEqual([second.page, second.pages, second.total, second.from, second.to], [2, 3, 250, 101, 200]);
    const last = paginate(items, 3);
    assert.deepEqual([last.items.length, last.from, last.to], [50, 201, 250]);
  });

  it('shows the last page for a page past the end, and one empty page for nothing', () => {
    assert.equal(paginate(items, 99).page, 3);
    const none = paginate([], 4);
    assert.deepEqual([none.page, none.pages, none.total, none.from, none.to, none.items.length], [1, 1, 0, 0, 0, 0]);
  });

  it('links the first, the last and two pages either side of the current one', () => {
    assert.deepEqual(pageNumbers(1, 1), [1]);
    assert.deepEqual(pageNumbers(1, 3), [1, 2, 3]);
    assert.deepEqual(pageNumbers(10, 56), [1, 'gap', 8, 9, 10, 11, 12, 'gap', 56]);
    assert.deepEqual(pageNumbers(2, 56), [1, 2, 3, 4, 'gap', 56]);
  });
});

describe('pager links', () => {
  it('keep every filter, drop empty ones, and escape them', () => {
    const slice = paginate(Array.from({ length: 350 }), 2);
    const $ = cheerio.load(String(pagerHtml('/', { q: 'a&b "c"', grade: 'good', owner: undefined }, slice)));
    const hrefs = $('a').map((_i, el) => $(el).attr('href')).get();
    assert.deepEqual(hrefs, ['/?q=a%26b+%22c%22&grade=good', '/?q=a%26b+%22c%22&grade=good', '/?q=a%26b+%22c%22&grade=good&page=3', '/?q=a%26b+%22c%22&grade=good&page=4', '/?q=a%26b+%22c%22&grade=good&page=3']);
    assert.equal($('[aria-current="page"]').text(), '2');
    assert.equal($('a[rel="next"]').attr('href'), '/?q=a%26b+%22c%22&grade=good&page=3');
  });

  it('are left out when everything fits on one page', () => {
    assert.equal(String(pagerHtml('/', {}, paginate([1, 2, 3], 1))), '');
  });
});

describe('query values', () => {
  it('take the first of a repeated parameter, trimmed, and treat blanks as absent', () => {
    assert.equal(queryText({ q: ['  derby ', 'x'] }, 'q'), 'derby');
    assert.equal(queryText({ q: '   ' }, 'q'), undefined);
    assert.equal(queryText({}, 'q'), undefined);
    assert.equal(queryText(undefined, 'q'), undefined);
    assert.equal(queryText({ q: 'x'.repeat(500) }, 'q')?.length, 200);
  });

  it('read the page leniently', () => {
    assert.equal(queryPage({ page: '3' }), 3);
    for (const page of ['0', '-1', 'two', '1e3', '']) assert.equal(queryPage({ page }), 1, page);
  });

  it('build links without empty parameters or page 1', () => {
    assert.equal(hrefWith('/events', { type: '', page: 1, urn: undefined }), '/events');
    assert.equal(hrefWith('/events', { urn: 'SC036243', page: 2 }), '/events?urn=SC036243&page=2');
  });
});
