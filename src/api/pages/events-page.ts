import type { ChangeEvent } from '../../ofsted/types.js';
import type { EventType } from '../../ofsted/vocabulary.js';
import { html, type Html } from '../../render/html.js';
import type { ProviderRecord } from '../../store/store.js';
import { EVENT_TYPE_LABEL, fromToText, summaryText } from './event-text.js';
import { eventFilterForm, exportLinks, type EventFilterChoices } from './event-filter-form.js';
import { eventsParams, type EventsFilter } from './events-filter.js';
import { renderFollowForms, type FollowFormsView } from './follow-forms.js';
import { page, safeHref, shortDay, type PageOptions } from './layout.js';
import { ownerHref, providerHref } from './page-links.js';
import { hrefWith } from './query-values.js';

export function typeHtml(type: EventType): Html {
  const label = EVENT_TYPE_LABEL[type];
  if (type.endsWith('-declined')) return html`<span class="move down">▼ ${label}</span>`;
  if (type.endsWith('-improved')) return html`<span class="move up">▲ ${label}</span>`;
  return html`<strong>${label}</strong>`;
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

export type ListedProvider = Pick<ProviderRecord, 'name'> & Partial<Pick<ProviderRecord, 'localAuthority' | 'owner'>>;

export interface EventsPageInput {
  /** The page of events to show. */
  slice: EventsSlice;
  filter: EventsFilter;
  /** Lines saying which filter values could not be used. */
  problems?: string[];
  /** Values as typed, shown again in the form when they were rejected. */
  typed?: { urn?: string; since?: string };
  /** Names for the provider column, by URN. */
  providers: ReadonlyMap<string, ListedProvider>;
  /** PDF address of each report the page's events name, by fileId. */
  reportUrls: ReadonlyMap<string, string>;
  /** What the filter form's selects offer. @defaultValue none listed */
  choices?: EventFilterChoices;
  /** The watch and subscribe forms; left out, none. */
  follow?: Omit<FollowFormsView, 'scopes' | 'back'>;
  feeds?: PageOptions['feeds'];
}

/** Name and URN linked to the provider's page, with its local authority and owner underneath. */
export function providerCell(urn: string, p: ListedProvider | undefined): Html {
  const name = p?.name ? html`<a href="${providerHref(urn)}">${p.name}</a><div class="small muted">${urn}</div>` : html`<a href="${providerHref(urn)}">${urn}</a>`;
  const where = p?.localAuthority ? html`<div class="small">${p.localAuthority}</div>` : null;
  const owner = p?.owner ? html`<div class="small"><a href="${ownerHref(p.owner)}">${p.owner}</a></div>` : null;
  return html`${name}${where}${owner}`;
}

/** "(no longer stands)" for an event a later-arriving report superseded; "(baseline)" for first-scrape history. */
export function eventMarks(e: ChangeEvent): Html {
  return html`${e.backfill ? html` <span class="small muted">(baseline)</span>` : null}${e.supersededBy ? html` <span class="small muted">(no longer stands: an earlier report arrived late)</span>` : null}`;
}

function row(e: ChangeEvent, input: EventsPageInput): Html {
  const pdf = e.fileId ? safeHref(input.reportUrls.get(e.fileId)) : null;
  return html`<tr><td class="day" data-label="Raised">${shortDay(e.at)}</td><td data-label="Provider">${providerCell(e.urn, input.providers.get(e.urn))}</td>
<td data-label="Event">${typeHtml(e.type)}${eventMarks(e)}<div>${summaryText(e)}</div></td>
<td data-label="From → to">${fromToText(e)}</td><td class="day" data-label="Inspected">${shortDay(e.inspectionDate)}</td>
<td data-label="Report">${pdf ? html`<a href="${pdf}">PDF</a>` : null} <a class="small" href="/events/${encodeURIComponent(e.id)}/email">email</a></td></tr>`;
}

/** Newest / Newer / Older links that keep the filters; nothing when one page holds everything. */
export function cursorPager(path: string, filter: EventsFilter, slice: EventsSlice): Html | null {
  if (slice.newerThan === null && slice.olderThan === null) return null;
  const params = eventsParams(filter);
  const link = (extra: Record<string, number>, text: string, rel?: string) =>
    html`<a href="${hrefWith(path, { ...params, ...extra })}"${rel ? html` rel="${rel}"` : null}>${text}</a>`;
  const parts: Html[] = [];
  if (slice.newerThan !== null) parts.push(link({}, '« Newest'), link({ after: slice.newerThan }, '‹ Newer', 'prev'));
  if (slice.olderThan !== null) parts.push(link({ before: slice.olderThan }, 'Older ›', 'next'));
  return html`<nav class="pager" aria-label="Pages">${parts}</nav>`;
}

/** "12 events", "More than 1,000 events". */
export function countText(slice: EventsSlice, one: string, many: string): string {
  const more = slice.countedUpTo !== undefined && slice.total > slice.countedUpTo;
  return `${more ? `More than ${slice.countedUpTo!.toLocaleString('en-GB')}` : slice.total.toLocaleString('en-GB')} ${slice.total === 1 ? one : many}`;
}

export function problemsNotice(problems: readonly string[] | undefined): Html | null {
  return problems?.length ? html`<div class="notice error" role="alert"><p>${problems.map((p, i) => html`${i ? html`<br>` : null}${p}`)}</p></div>` : null;
}

/** The provider, LA and owner a filter names: what the follow forms offer to watch or subscribe to. */
export function followScopes(filter: EventsFilter): ({ urn: string } | { la: string } | { owner: string })[] {
  return [
    ...(filter.urn ? [{ urn: filter.urn }] : []),
    ...(filter.la ? [{ la: filter.la }] : []),
    ...(filter.owner ? [{ owner: filter.owner }] : []),
  ];
}

/** `GET /events`: filtered change events, newest first, one page of them, as a whole document. */
export function renderEventsPage(input: EventsPageInput): string {
  const { slice, filter } = input;
  const filtered = Boolean(filter.type || filter.urn || filter.owner || filter.la || filter.providerType || filter.since || (filter.period && filter.period !== 'all'));
  const count = slice.total ? html`<p>${countText(slice, 'event', 'events')}${filter.backfill ? '' : ' (baseline history left out)'}.</p>` : null;
  const empty =
    filtered || input.problems?.length
      ? html`<div class="notice"><p>No events match these filters.</p></div>`
      : html`<div class="notice"><p>No change events yet. They appear when a scrape finds a new report or a change of rating.${filter.backfill ? null : html` <a href="/events?backfill=yes">Include baseline history</a>.`}</p></div>`;
  const table = slice.items.length
    ? html`<div class="table-wrap"><table class="stack"><thead><tr><th scope="col">Raised</th><th scope="col">Provider</th><th scope="col">Event</th>
<th scope="col">From → to</th><th scope="col">Inspected</th><th scope="col">Report</th></tr></thead><tbody>${slice.items.map((e) => row(e, input))}</tbody></table></div>`
    : empty;
  const follow = input.follow ? renderFollowForms({ ...input.follow, scopes: followScopes(filter), back: hrefWith('/events', eventsParams(filter)) }) : null;
  const form = eventFilterForm({ action: '/events', filter, choices: input.choices ?? { localAuthorities: [], owners: [], providerTypes: [] }, withType: true, ...(input.typed ? { typed: input.typed } : {}) });
  return page({
    title: 'Events',
    current: '/events',
    body: html`<h1>Events</h1>${form}${problemsNotice(input.problems)}${count}${table}${cursorPager('/events', filter, slice)}${exportLinks(filter)}${follow}`,
    feeds: input.feeds,
  });
}
