import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { eventsFilterFrom, eventsStoreFilter } from '../../../src/api/pages/events-filter.js';
import { fromToText, summaryText } from '../../../src/api/pages/event-text.js';
import { EMPTY_EVENTS, renderEventsPage, type EventsSlice } from '../../../src/api/pages/events-page.js';
import type { ChangeEvent } from '../../../src/ofsted/types.js';

function event(id: string, o: Partial<ChangeEvent> = {}): ChangeEvent {
  const urn = o.urn ?? 'SC036243';
  return { id, urn, type: 'report-published', at: '2019-11-27T06:00:00.000Z', inspectionDate: null, from: null, to: null, fileId: null, summary: `${urn}: event ${id}`, backfill: false, ...o };
}

// Oldest first, as the store lists them.
const EVENTS = [
  event('baseline', { at: '2019-09-30T06:00:00.000Z', backfill: true, to: 'good', inspectionDate: '2019-01-08' }),
  event('other-owner', { urn: 'SC999001', at: '2019-10-01T06:00:00.000Z' }),
  event('published', { to: 'inadequate', fileId: '10541604', inspectionDate: '2019-10-29' }),
  event('declined', { type: 'rating-declined', from: 'good', to: 'inadequate', fileId: '10541604', inspectionDate: '2019-10-29', summary: 'SC036243: Good → Inadequate & worse <b>x</b>' }),
];

const OWNERS = new Map([
  ['SC036243', { owner: 'Derby City Council', name: "Children's home" }],
  ['SC999001', { owner: 'Other Ltd', name: '<script>alert(1)</script>' }],
]);

/** A page of these events as the store gives it (newest first); the filtering itself is the store's. */
function sliceOf(events: readonly ChangeEvent[], o: Partial<EventsSlice> = {}): EventsSlice {
  return { items: [...events].reverse(), total: events.length, newerThan: null, olderThan: null, ...o };
}

describe('the events filter', () => {
  it('asks the store for the events the form names, without the baseline history unless asked', () => {
    assert.deepEqual(eventsStoreFilter(eventsFilterFrom({}).filter, {}, new Date('2019-12-01T00:00:00Z')), { backfill: false });
    assert.deepEqual(eventsStoreFilter(eventsFilterFrom({ backfill: 'yes', type: 'rating-declined', urn: ' sc999001 ', since: '2019-10-02' }).filter, {}, new Date('2019-12-01T00:00:00Z')), {
      backfill: true,
      type: 'rating-declined',
      urn: 'SC999001',
      since: '2019-10-02',
    });
  });

  it('narrows to the owner by the stored spellings of its name, and to nothing when none is stored', () => {
    const { filter } = eventsFilterFrom({ owner: 'derby city council' });
    assert.deepEqual(eventsStoreFilter(filter, { owners: ['Derby City Council', 'DERBY CITY COUNCIL'] }, new Date('2019-12-01T00:00:00Z')).owners, ['Derby City Council', 'DERBY CITY COUNCIL']);
    assert.deepEqual(eventsStoreFilter(filter, { owners: [] }, new Date('2019-12-01T00:00:00Z')).owners, []);
  });

  it('reads the paging links: before wins over after, anything not a number is the newest page', () => {
    assert.equal(eventsFilterFrom({ before: '120' }).filter.before, 120);
    assert.equal(eventsFilterFrom({ after: '7' }).filter.after, 7);
    assert.deepEqual([eventsFilterFrom({ before: '5', after: '9' }).filter.before, eventsFilterFrom({ before: '5', after: '9' }).filter.after], [5, undefined]);
    for (const before of ['-1', 'x', '1e3', '']) assert.equal(eventsFilterFrom({ before }).filter.before, undefined, before);
  });

  it('reports a malformed URN, date or type instead of quietly matching everything', () => {
    const parsed = eventsFilterFrom({ urn: 'NOTAURN', since: 'yesterday', type: 'nonsense' });
    assert.equal(parsed.problems.length, 3);
    assert.match(parsed.problems.join('\n'), /unknown event type/);
    assert.match(parsed.problems.join('\n'), /not a URN: "NOTAURN"/);
    assert.match(parsed.problems.join('\n'), /since needs a date/);
    assert.deepEqual(parsed.typed, { urn: 'NOTAURN', since: 'yesterday' });
    assert.deepEqual(eventsFilterFrom({ since: '2019-02-30x' }).problems.length, 1);
  });
});

describe('the events page', () => {
  function render(query: Record<string, string> = {}, reportUrls = new Map([['10541604', 'https://files.ofsted.gov.uk/v1/file/10541604']])) {
    const { filter, problems, typed } = eventsFilterFrom(query);
    const kept = EVENTS.filter((e) => filter.backfill || !e.backfill);
    const slice = problems.length ? EMPTY_EVENTS : sliceOf(kept);
    return renderEventsPage({ slice, filter, problems, typed, providers: OWNERS, reportUrls });
  }

  it('shows each event with its provider link, summary, from → to, inspection date and PDF link', () => {
    const $ = cheerio.load(render());
    const row = $('tbody tr').first();
    assert.equal(row.find('a[href="/providers/SC036243"]').text(), "Children's home");
    assert.equal(row.find('.move').attr('class'), 'move down');
    assert.match(row.text(), /Good → Inadequate & worse <b>x<\/b>/);
    assert.match(row.text(), /29 Oct 2019/);
    assert.equal(row.find('a:contains("PDF")').attr('href'), 'https://files.ofsted.gov.uk/v1/file/10541604');
    assert.match($.text(), /3 events \(baseline history left out\)\./);
  });

  it('renders scraped text as text', () => {
    const html = render();
    assert.doesNotMatch(html, /<script>|<b>x/);
    const $ = cheerio.load(html);
    assert.equal($('a[href="/providers/SC999001"]').first().text(), '<script>alert(1)</script>');
    assert.match($('tbody').text(), /Inadequate & worse <b>x<\/b>/);
  });

  it('never links a PDF address that is not http(s)', () => {
    const $ = cheerio.load(render({}, new Map([['10541604', 'javascript:alert(1)']])));
    assert.equal($('a:contains("PDF")').length, 0);
  });

  it('marks baseline history when it is included', () => {
    const $ = cheerio.load(render({ backfill: 'yes' }));
    assert.match($('tbody tr').last().text(), /\(baseline\)/);
    assert.equal($('select[name="backfill"] option[selected]').val(), 'yes');
  });

  it('shows the problems and the values as typed, and no events, for a bad filter', () => {
    const $ = cheerio.load(render({ urn: '<b>bad</b>' }));
    assert.match($('.notice.error').text(), /not a URN: "<b>bad<\/b>"/);
    assert.equal($('input[name="urn"]').val(), '<b>bad</b>');
    assert.equal($('tbody tr').length, 0);
    assert.match($.text(), /No events match these filters/);
  });

  it('says when there are no events at all, offering the baseline history', () => {
    const $ = cheerio.load(renderEventsPage({ slice: EMPTY_EVENTS, filter: eventsFilterFrom({}).filter, providers: new Map(), reportUrls: new Map() }));
    assert.match($('.notice').text(), /No change events yet/);
    assert.equal($('.notice a').attr('href'), '/events?backfill=yes');
  });

  it('pages by cursor with links that keep the filters: older, and newer and newest once past the first page', () => {
    const many = Array.from({ length: 100 }, (_, i) => event(`e${i}`, { type: 'rating-declined' }));
    const { filter } = eventsFilterFrom({ type: 'rating-declined', owner: 'Derby City Council' });
    const first = cheerio.load(renderEventsPage({ slice: sliceOf(many, { total: 250, olderThan: 151 }), filter, providers: OWNERS, reportUrls: new Map() }));
    assert.equal(first('tbody tr').length, 100);
    assert.match(first.text(), /250 events \(baseline history left out\)\./);
    assert.equal(first('nav.pager a[rel="next"]').attr('href'), '/events?type=rating-declined&owner=Derby+City+Council&before=151');
    assert.equal(first('nav.pager a').length, 1);
    const middle = cheerio.load(renderEventsPage({ slice: sliceOf(many, { total: 250, newerThan: 250, olderThan: 151 }), filter, providers: OWNERS, reportUrls: new Map() }));
    assert.equal(middle('nav.pager a[rel="prev"]').attr('href'), '/events?type=rating-declined&owner=Derby+City+Council&after=250');
    assert.equal(middle('nav.pager a').first().attr('href'), '/events?type=rating-declined&owner=Derby+City+Council');
    assert.equal(cheerio.load(render())('nav.pager').length, 0, 'no pager when one page holds everything');
    const counted = cheerio.load(renderEventsPage({ slice: sliceOf(many, { total: 1_001, countedUpTo: 1_000, olderThan: 5 }), filter, providers: OWNERS, reportUrls: new Map() }));
    assert.match(counted.text(), /More than 1,000 events \(baseline history left out\)\./);
  });

  it('words from → to and summaries for every kind of value', () => {
    assert.equal(fromToText({ from: 'good', to: 'requires-improvement' }), 'Good → Requires improvement to be good');
    assert.equal(fromToText({ from: null, to: 'declined' }), 'to Declined in effectiveness');
    assert.equal(fromToText({ from: 'Ann Smith', to: 'Bob Jones' }), 'Ann Smith → Bob Jones');
    assert.equal(fromToText({ from: null, to: null }), '');
    assert.equal(summaryText({ urn: 'SC036243', summary: 'SC036243: x' }), 'x');
    assert.equal(summaryText({ urn: 'SC036243', summary: 'other' }), 'other');
  });
});
