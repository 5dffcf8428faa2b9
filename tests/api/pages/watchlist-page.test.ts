import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { paginate } from '../../../src/api/pages/pagination.js';
import { watchlistChoices, watchlistFilterFrom, watchlistQuery } from '../../../src/api/pages/watchlist-filter.js';
import { renderWatchlistPage } from '../../../src/api/pages/watchlist-page.js';
import type { Grade } from '../../../src/ofsted/vocabulary.js';
import type { ProviderSummary } from '../../../src/store/store.js';

function summary(urn: string, o: Partial<ProviderSummary> & { grade?: Grade } = {}): ProviderSummary {
  const { grade, ...rest } = o;
  return {
    urn, name: "Children's home", category: 'CARE', providerType: "Children's home", localAuthority: 'Derby', owner: 'Derby City Council',
    url: '', firstScrapedAt: '2019-09-30T06:00:00.000Z', lastScrapedAt: '2019-11-27T06:00:00.000Z', closedAt: null, watched: true,
    latestGraded: grade ? { kind: 'childrens-home-full', inspectionStart: '2019-10-29', inspectionEnd: '2019-10-30', overall: grade, fileId: `f-${urn}` } : null,
    lastInspection: grade ? { kind: 'childrens-home-full', inspectionStart: '2019-10-29', fileId: `f-${urn}` } : null,
    lastChange: null,
    ...rest,
  };
}

const DERBY_HOMES = [
  summary('SC036243', {
    grade: 'inadequate',
    lastChange: { type: 'rating-declined', at: '2019-11-27T06:00:00.000Z', from: 'good', to: 'inadequate', inspectionDate: '2019-10-29', backfill: false },
  }),
  summary('SC036109', {
    grade: 'requires-improvement',
    lastInspection: { kind: 'childrens-home-interim', inspectionStart: '2019-06-01', fileId: 'x' },
    lastChange: { type: 'rating-improved', at: '2018-04-01T06:00:00.000Z', from: 'inadequate', to: 'requires-improvement', inspectionDate: '2018-03-13', backfill: true },
  }),
  summary('SC488596', { grade: 'outstanding', localAuthority: 'Derbyshire' }),
  summary('SC999001', { name: '<script>alert(1)</script>', owner: 'Tom & Jerry\'s "Homes"', localAuthority: 'Nottingham', grade: 'good' }),
  summary('SC777777', { name: null, owner: null, localAuthority: null, providerType: null, firstScrapedAt: null, lastScrapedAt: null }),
  summary('SC555555', { watched: false, grade: 'inadequate', owner: 'Other Ltd' }),
];

const CHOICES = watchlistChoices({ owners: ['Derby City Council', 'Tom & Jerry\'s "Homes"'], localAuthorities: ['Derby', 'Derbyshire', 'Nottingham'] }, ['inadequate', 'good']);

/**
 * The page as the route renders it: the store has already filtered and cut the list (tests/store/
 * list-queries.test.ts checks that), so `keep` stands for the filter here.
 */
function render(query: Record<string, string> = {}, summaries = DERBY_HOMES, keep: (s: ProviderSummary) => boolean = () => true): cheerio.CheerioAPI {
  const filter = watchlistFilterFrom(query);
  const watched = summaries.filter((s) => s.watched);
  return cheerio.load(renderWatchlistPage({ watched: watched.length, slice: paginate(watched.filter(keep), filter.page), choices: CHOICES, filter }));
}

function urns($: cheerio.CheerioAPI): string[] {
  return $('tbody tr td:first-child a').map((_i, el) => $(el).attr('href')!.replace('/providers/', '')).get();
}

describe('the watchlist filter', () => {
  it('reads the form leniently: unknown grades and sorts are no filter, blanks are absent', () => {
    assert.deepEqual(watchlistFilterFrom({ q: ' oak ', grade: 'brilliant', sort: 'sideways', page: '3' }), { q: 'oak', sort: 'urn', page: 3 });
    assert.deepEqual(watchlistFilterFrom({ grade: 'none', sort: 'grade', owner: '  ' }), { grade: 'none', sort: 'grade', page: 1 });
  });

  it('asks the store for the stored spellings of an owner or local authority, compared as subscriptions compare names', () => {
    const names = { owners: ['Derby City Council', 'DERBY  city council', 'Tom & Jerry’s "Homes"', 'Derby'], localAuthorities: ['Derby', 'Derbyshire'] };
    const query = watchlistQuery(watchlistFilterFrom({ owner: ' derby city COUNCIL', la: 'derby', q: 'Oak  House', grade: 'good', sort: 'name', page: '2' }), names, 100, 100);
    assert.deepEqual(query, {
      sort: 'name',
      offset: 100,
      limit: 100,
      text: 'oak house',
      owners: ['Derby City Council', 'DERBY  city council'],
      localAuthorities: ['Derby'],
      grade: 'good',
    });
    assert.deepEqual(watchlistQuery(watchlistFilterFrom({ owner: "Tom & Jerry's \"Homes\"" }), names, 0, 100).owners, ['Tom & Jerry’s "Homes"']);
    assert.deepEqual(watchlistQuery(watchlistFilterFrom({ owner: 'Nobody' }), names, 0, 100).owners, [], 'no spelling: matches nothing');
  });

  it('offers the grades stored and "not graded", and each owner and local authority once however it is spelt', () => {
    const choices = watchlistChoices({ owners: ['Derby City Council', 'DERBY CITY COUNCIL', 'Other Ltd'], localAuthorities: ['Nottingham', 'Derby', 'derby'] }, ['inadequate', 'outstanding']);
    assert.deepEqual(choices.grades, ['outstanding', 'inadequate', 'none']);
    assert.deepEqual(choices.localAuthorities, ['Derby', 'Nottingham']);
    assert.deepEqual(choices.owners, ['DERBY CITY COUNCIL', 'Other Ltd']);
  });
});

describe('the watchlist page', () => {
  it('lists each watched provider with name and URN linking to its page, type, LA, owner link, badge, last inspection', () => {
    const $ = render();
    const row = $('tbody tr').filter((_i, el) => $(el).text().includes('SC036243')).first();
    assert.equal(row.find('td').first().find('a').attr('href'), '/providers/SC036243');
    assert.equal(row.find('td').first().find('a').text(), "Children's home");
    assert.equal(row.find('a[href^="/owners/"]').attr('href'), '/owners/Derby%20City%20Council');
    assert.equal(row.find('.badge').attr('class'), 'badge inadequate');
    assert.equal(row.find('.badge').text(), 'Inadequate');
    assert.match(row.text(), /29 Oct 2019/);
    assert.match(row.text(), /Children's home.*Derby/s);
  });

  it('shows the direction of the last change with its grades and date', () => {
    const $ = render();
    const declined = $('tbody tr').filter((_i, el) => $(el).text().includes('SC036243')).find('.move');
    assert.equal(declined.attr('class'), 'move down');
    assert.match(declined.parent().text(), /▼ declined Good → Inadequate \(29 Oct 2019\)/);
    const improved = $('tbody tr').filter((_i, el) => $(el).text().includes('SC036109')).find('.move');
    assert.equal(improved.attr('class'), 'move up');
    assert.match(improved.parent().text(), /▲ improved Inadequate → Requires improvement to be good/);
  });

  it('says how many are watched and how many match', () => {
    assert.match(render().text(), /5 providers watched\./);
    assert.match(render({ owner: 'Derby City Council' }, DERBY_HOMES, (s) => s.owner === 'Derby City Council').text(), /5 providers watched; 3 match these filters\./);
    assert.match(render({ q: 'nothing like this' }, DERBY_HOMES, () => false).text(), /No watched provider matches these filters/);
  });

  it('renders scraped names and owners as text, never as markup', () => {
    const watched = DERBY_HOMES.filter((s) => s.watched);
    const html = renderWatchlistPage({ watched: 5, slice: paginate([], 1), choices: CHOICES, filter: watchlistFilterFrom({ q: '"><script>x</script>' }) });
    assert.doesNotMatch(html, /<script>/);
    const all = renderWatchlistPage({ watched: 5, slice: paginate(watched, 1), choices: CHOICES, filter: watchlistFilterFrom({}) });
    assert.doesNotMatch(all, /<script>/);
    const $ = cheerio.load(all);
    assert.equal($('a[href="/providers/SC999001"]').text(), '<script>alert(1)</script>');
    assert.equal($('script').length, 0);
    assert.equal($('a[href="/owners/Tom%20%26%20Jerry\'s%20%22Homes%22"]').text(), 'Tom & Jerry\'s "Homes"');
  });

  it('marks a provider watched but never scraped', () => {
    const $ = render({ grade: 'none' }, DERBY_HOMES, (s) => !s.latestGraded);
    assert.deepEqual(urns($), ['SC777777']);
    assert.match($('tbody').text(), /not scraped yet/);
    assert.equal($('tbody .badge').text(), 'not graded');
  });

  it('keeps the filters in the form it shows again', () => {
    const $ = render({ q: 'derby', grade: 'good', la: 'Derby', owner: 'Derby City Council', sort: 'grade' });
    assert.equal($('form.filters').attr('method'), 'get');
    assert.equal($('input[name="q"]').val(), 'derby');
    assert.equal($('input[name="owner"]').val(), 'Derby City Council');
    assert.equal($('select[name="grade"] option[selected]').val(), 'good');
    assert.equal($('select[name="la"] option[selected]').val(), 'Derby');
    assert.equal($('select[name="sort"] option[selected]').val(), 'grade');
  });

  it('pages 100 at a time with links that keep the filters', () => {
    const many = Array.from({ length: 250 }, (_, i) => summary(`SC${String(100000 + i)}`, { grade: i % 2 ? 'good' : 'inadequate' }));
    const good = (s: ProviderSummary) => s.latestGraded?.overall === 'good';
    const $ = render({ grade: 'good', page: '2' }, many, good);
    assert.equal($('tbody tr').length, 25);
    assert.match($.text(), /250 providers watched; 125 match these filters; showing 101–125\./);
    assert.equal($('nav.pager a[rel="prev"]').attr('href'), '/watchlist?grade=good');
    const first = render({ grade: 'good' }, many, good);
    assert.equal(first('tbody tr').length, 100);
    assert.equal(first('nav.pager a[rel="next"]').attr('href'), '/watchlist?grade=good&page=2');
  });

  it('explains how to start when nothing is watched', () => {
    const $ = render({}, [summary('SC555555', { watched: false })]);
    assert.equal($('table').length, 0);
    assert.match($('.notice').text(), /Nothing watched yet: ofsted-monitor watch add <URN>/);
  });
});
