import type { ChangeEvent } from '../../ofsted/types.js';
import { EVENT_TYPES, type EventType } from '../../ofsted/vocabulary.js';
import type { ProviderRecord } from '../../store/store.js';
import { EVENT_TYPE_LABEL, fromToText, summaryText } from './event-text.js';
import { eventsParams, type EventsFilter } from './events-filter.js';
import { escapeHtml, page, safeHref, shortDay, type PageOptions } from './layout.js';
import { providerHref } from './page-links.js';
import { hrefWith } from './query-values.js';

function typeHtml(type: EventType): string {
  const label = escapeHtml(EVENT_TYPE_LABEL[type]);
  if (type.endsWith('-declined')) return `<span class="move down">▼ ${label}</span>`;
  if (type.endsWith('-improved')) return `<span class="move up">▲ ${label}</span>`;
  return `<strong>${label}</strong>`;
}

/** One page of events, cut in the store by insertion order (a cursor, not a page number). */
export interface EventsSlice {
  /** Newest first. */
  items: ChangeEvent[];
  /** Events matching the filter, on every page; counted up to `countedUpTo`, above it only "more than". */
  total: number;
  /** @defaultValue no limit */
  countedUpTo?: number;
  /** The `after` of the "Newer" link (the first item's seq); null on the newest page. */
  newerThan: number | null;
  /** The `before` of the "Older" link (the last item's seq); null on the oldest page. */
  olderThan: number | null;
}

export const EMPTY_EVENTS: EventsSlice = { items: [], total: 0, newerThan: null, olderThan: null };

export interface EventsPageInput {
  /** The page of events to show. */
  slice: EventsSlice;
  filter: EventsFilter;
  /** Lines saying which filter values could not be used. */
  problems?: string[];
  /** Values as typed, shown again in the form when they were rejected. */
  typed?: { urn?: string; since?: string };
  /** Names for the provider column, by URN. */
  providers: ReadonlyMap<string, Pick<ProviderRecord, 'name'>>;
  /** PDF address of each report the page's events name, by fileId. */
  reportUrls: ReadonlyMap<string, string>;
  feeds?: PageOptions['feeds'];
}

function option(value: string, label: string, selected: string | undefined): string {
  return `<option value="${escapeHtml(value)}"${value === (selected ?? '') ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}

function filterForm(input: EventsPageInput): string {
  const { filter } = input;
  const types = EVENT_TYPES.map((t) => option(t, EVENT_TYPE_LABEL[t], filter.type)).join('');
  const urn = input.typed?.urn ?? filter.urn ?? '';
  const since = input.typed?.since ?? filter.since ?? '';
  const backfill = filter.backfill ? 'yes' : 'no';
  return (
    '<form class="filters" method="get" action="/events" role="search">' +
    `<label>Type<select name="type">${option('', 'Any', filter.type)}${types}</select></label>` +
    `<label>URN<input type="text" name="urn" value="${escapeHtml(urn)}" size="10" autocapitalize="characters"></label>` +
    `<label>Owner<input type="text" name="owner" value="${escapeHtml(filter.owner ?? '')}"></label>` +
    `<label>Since<input type="date" name="since" value="${escapeHtml(since)}"></label>` +
    `<label>Baseline history<select name="backfill">${option('no', 'Leave out', backfill)}${option('yes', 'Include', backfill)}</select></label>` +
    '<button type="submit">Filter</button> <a href="/events">Clear</a></form>'
  );
}

function row(e: ChangeEvent, input: EventsPageInput): string {
  const name = input.providers.get(e.urn)?.name;
  const href = escapeHtml(providerHref(e.urn));
  const provider = name
    ? `<a href="${href}">${escapeHtml(name)}</a><div class="small muted">${escapeHtml(e.urn)}</div>`
    : `<a href="${href}">${escapeHtml(e.urn)}</a>`;
  const pdf = e.fileId ? safeHref(input.reportUrls.get(e.fileId)) : null;
  const baseline = e.backfill ? ' <span class="small muted">(baseline)</span>' : '';
  return (
    `<tr><td class="day">${shortDay(e.at)}</td><td>${provider}</td>` +
    `<td>${typeHtml(e.type)}${baseline}<div>${escapeHtml(summaryText(e))}</div></td>` +
    `<td class="hide-narrow">${escapeHtml(fromToText(e))}</td>` +
    `<td class="hide-narrow day">${shortDay(e.inspectionDate)}</td>` +
    `<td>${pdf ? `<a href="${escapeHtml(pdf)}">PDF</a>` : ''}</td></tr>`
  );
}

/** Newest / Newer / Older links that keep the filters; nothing when one page holds everything. */
function pager(filter: EventsFilter, slice: EventsSlice): string {
  if (slice.newerThan === null && slice.olderThan === null) return '';
  const params = eventsParams(filter);
  const link = (extra: Record<string, number>, text: string, rel?: string) =>
    `<a href="${escapeHtml(hrefWith('/events', { ...params, ...extra }))}"${rel ? ` rel="${rel}"` : ''}>${text}</a>`;
  const parts: string[] = [];
  if (slice.newerThan !== null) parts.push(link({}, '« Newest'), link({ after: slice.newerThan }, '‹ Newer', 'prev'));
  if (slice.olderThan !== null) parts.push(link({ before: slice.olderThan }, 'Older ›', 'next'));
  return `<nav class="pager" aria-label="Pages">${parts.join('')}</nav>`;
}

/** `GET /events`: filtered change events, newest first, one page of them, as a whole document. */
export function renderEventsPage(input: EventsPageInput): string {
  const { slice, filter } = input;
  const problems = input.problems?.length
    ? `<div class="notice error"><p>${input.problems.map(escapeHtml).join('<br>')}</p></div>`
    : '';
  const filtered = Boolean(filter.type || filter.urn || filter.owner || filter.since);
  const many = slice.countedUpTo !== undefined && slice.total > slice.countedUpTo;
  const count = slice.total
    ? `<p>${many ? `More than ${slice.countedUpTo!.toLocaleString('en-GB')}` : slice.total.toLocaleString('en-GB')} ${slice.total === 1 ? 'event' : 'events'}` +
      (filter.backfill ? '' : ' (baseline history left out)') +
      '.</p>'
    : '';
  const empty = filtered || input.problems?.length
    ? '<div class="notice"><p>No events match these filters.</p></div>'
    : '<div class="notice"><p>No change events yet. They appear when a scrape finds a new report or a change of rating.' +
      (filter.backfill ? '' : ' <a href="/events?backfill=yes">Include baseline history</a>.') +
      '</p></div>';
  const table = slice.items.length
    ? '<div class="table-wrap"><table><thead><tr><th scope="col">Raised</th><th scope="col">Provider</th><th scope="col">Event</th>' +
      '<th scope="col" class="hide-narrow">From → to</th><th scope="col" class="hide-narrow">Inspected</th><th scope="col">Report</th></tr></thead>' +
      `<tbody>${slice.items.map((e) => row(e, input)).join('')}</tbody></table></div>`
    : empty;
  const feeds = '<p class="small"><a href="/feeds/events.atom">Atom feed</a> · <a href="/feeds/events.rss">RSS feed</a></p>';
  return page({
    title: 'Events',
    body: `<h1>Events</h1>${filterForm(input)}${problems}${count}${table}${pager(filter, slice)}${feeds}`,
    feeds: input.feeds,
  });
}
