import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { filterWatchlist, watchlistChoices, watchlistFilterFrom } from '../../../src/api/pages/watchlist-filter.js';
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

function render(query: Record<string, string> = {}, summaries = DERBY_HOMES): cheerio.CheerioAPI {
  return cheerio.load(renderWatchlistPage({ summaries, filter: watchlistFilterFrom(query) }));
}

function urns($: cheerio.CheerioAPI): string[] {
  return $('tbody tr td:first-child a').map((_i, el) => $(el).attr('href')!.replace('/providers/', '')).get();
}

describe('the watchlist filter', () => {
  const urnsOf = (query: Record<string, string>) => filterWatchlist(DERBY_HOMES, watchlistFilterFrom(query)).map((s) => s.urn);

  it('keeps watched providers only, by URN', () => {
    assert.deepEqual(urnsOf({}), ['SC036109', 'SC036243', 'SC488596', 'SC777777', 'SC999001']);
  });

  it('finds free text in the URN, name, owner or local authority, whatever its case', () => {
    assert.deepEqual(urnsOf({ q: 'sc0362' }), ['SC036243']);
    assert.deepEqual(urnsOf({ q: 'DERBYSHIRE' }), ['SC488596']);
    assert.deepEqual(urnsOf({ q: 'jerry' }), ['SC999001']);
    assert.deepEqual(urnsOf({ q: '<script>' }), ['SC999001']);
  });

  it('matches owner and local authority as whole names, ignoring case, spacing and apostrophe style', () => {
    assert.deepEqual(urnsOf({ owner: ' derby  city COUNCIL' }), ['SC036109', 'SC036243', 'SC488596']);
    assert.deepEqual(urnsOf({ owner: 'Tom & Jerry’s "Homes"' }), ['SC999001']);
    assert.deepEqual(urnsOf({ owner: 'Derby' }), []);
    assert.deepEqual(urnsOf({ la: 'derby' }), ['SC036109', 'SC036243']);
  });

  it('filters by latest grade, "none" for providers never graded, and combines every filter', () => {
    assert.deepEqual(urnsOf({ grade: 'inadequate' }), ['SC036243']);
    assert.deepEqual(urnsOf({ grade: 'none' }), ['SC777777']);
    assert.deepEqual(urnsOf({ grade: 'outstanding', owner: 'Derby City Council', la: 'Derbyshire', q: '488' }), ['SC488596']);
    assert.deepEqual(urnsOf({ grade: 'outstanding', la: 'Derby' }), []);
    assert.deepEqual(urnsOf({ grade: 'brilliant' }).length, 5, 'an unknown grade is no filter');
  });

  it('sorts worst grade first, or latest inspection first, on request', () => {
    assert.deepEqual(urnsOf({ sort: 'grade' }), ['SC036243', 'SC036109', 'SC999001', 'SC488596', 'SC777777']);
    assert.deepEqual(urnsOf({ sort: 'inspected' }).slice(0, 1), ['SC036243']);
    assert.deepEqual(urnsOf({ sort: 'inspected' }).at(-1), 'SC777777');
  });

  it('offers the grades and local authorities present among watched providers', () => {
    const choices = watchlistChoices(DERBY_HOMES);
    assert.deepEqual(choices.grades, ['outstanding', 'good', 'requires-improvement', 'inadequate', 'none']);
    assert.deepEqual(choices.localAuthorities, ['Derby', 'Derbyshire', 'Nottingham']);
    assert.deepEqual(choices.owners, ['Derby City Council', 'Tom & Jerry\'s "Homes"']);
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
    assert.match(render({ owner: 'Derby City Council' }).text(), /5 providers watched; 3 match these filters\./);
    assert.match(render({ q: 'nothing like this' }).text(), /No watched provider matches these filters/);
  });

  it('renders scraped names and owners as text, never as markup', () => {
    const html = renderWatchlistPage({ summaries: DERBY_HOMES, filter: watchlistFilterFrom({ q: '"><script>x</script>' }) });
    assert.doesNotMatch(html, /<script>/);
    const all = renderWatchlistPage({ summaries: DERBY_HOMES, filter: watchlistFilterFrom({}) });
    assert.doesNotMatch(all, /<script>/);
    assert.match(all, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    const $ = cheerio.load(all);
    assert.equal($('a[href="/providers/SC999001"]').text(), '<script>alert(1)</script>');
    assert.equal($('script').length, 0);
    assert.equal($('a[href="/owners/Tom%20%26%20Jerry\'s%20%22Homes%22"]').text(), 'Tom & Jerry\'s "Homes"');
  });

  it('marks a provider watched but never scraped', () => {
    const $ = render({ grade: 'none' });
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
    const $ = render({ grade: 'good', page: '2' }, many);
    assert.equal($('tbody tr').length, 25);
    assert.match($.text(), /250 providers watched; 125 match these filters; showing 101–125\./);
    assert.equal($('nav.pager a[rel="prev"]').attr('href'), '/?grade=good');
    const first = render({ grade: 'good' }, many);
    assert.equal(first('tbody tr').length, 100);
    assert.equal(first('nav.pager a[rel="next"]').attr('href'), '/?grade=good&page=2');
  });

  it('explains how to start when nothing is watched', () => {
    const $ = render({}, [summary('SC555555', { watched: false })]);
    assert.equal($('table').length, 0);
    assert.match($('.notice').text(), /Nothing watched yet: ofsted-monitor watch add <URN>/);
  });
});
