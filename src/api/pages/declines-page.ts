// `GET /`: the declines view, the dashboard's landing page. What got worse, newest first: a journalist's
// first question, which the events page buries under "report published".
import type { ChangeEvent } from '../../ofsted/types.js';
import { html, type Html } from '../../render/html.js';
import { EVENT_TYPE_LABEL, fromToText } from './event-text.js';
import { eventFilterForm, exportLinks, type EventFilterChoices } from './event-filter-form.js';
import { eventsParams, sinceDay } from './events-filter.js';
import { countText, cursorPager, eventMarks, followScopes, problemsNotice, providerCell, type EventsPageInput } from './events-page.js';
import { renderFollowForms } from './follow-forms.js';
import { page, safeHref, shortDay } from './layout.js';
import { hrefWith } from './query-values.js';

/** The events page's input, its type always "any decline", with what the declines rows add. */
export interface DeclinesPageInput extends EventsPageInput {
  /** Publication date of each report, by fileId. */
  published: ReadonlyMap<string, string | null>;
  choices: EventFilterChoices;
  /** For "since 3 Nov 2026" when a period is chosen. */
  now: Date;
}

function row(e: ChangeEvent, input: DeclinesPageInput): Html {
  const pdf = e.fileId ? safeHref(input.reportUrls.get(e.fileId)) : null;
  const p = input.providers.get(e.urn);
  return html`<tr><td data-label="Provider">${providerCell(e.urn, p ? { name: p.name } : undefined)}</td>
<td data-label="Local authority">${p?.localAuthority ?? ''}</td><td data-label="Owner">${p?.owner ?? ''}</td>
<td data-label="Decline"><span class="move down">▼ ${EVENT_TYPE_LABEL[e.type]}</span>${eventMarks(e)}<div>${fromToText(e)}</div></td>
<td class="day" data-label="Inspected">${shortDay(e.inspectionDate)}</td><td class="day" data-label="Published">${shortDay(e.fileId ? input.published.get(e.fileId) : null)}</td>
<td data-label="Report">${pdf ? html`<a href="${pdf}">Report (PDF)</a>` : null}</td></tr>`;
}

export function renderDeclinesPage(input: DeclinesPageInput): string {
  const { slice, filter } = input;
  const since = sinceDay(filter, input.now);
  const scope = since ? html` raised since ${shortDay(since)}` : html` raised at any time`;
  const count = html`<p class="count">${countText(slice, 'decline', 'declines')}${scope}${filter.backfill ? '' : ' (baseline history left out)'}.</p>`;
  const table = slice.items.length
    ? html`<div class="table-wrap"><table class="stack declines"><thead><tr><th scope="col">Provider</th><th scope="col">Local authority</th><th scope="col">Owner</th>
<th scope="col">From → to</th><th scope="col">Inspected</th><th scope="col">Published</th><th scope="col">Report</th></tr></thead>
<tbody>${slice.items.map((e) => row(e, input))}</tbody></table></div>`
    : html`<div class="notice"><p>No declines match these filters.${filter.period !== 'all' && !filter.since ? html` <a href="${hrefWith('/', { ...eventsParams(filter), period: 'all' })}">Look at any time</a>.` : null}</p></div>`;
  const follow = input.follow ? renderFollowForms({ ...input.follow, scopes: followScopes(filter), back: hrefWith('/', eventsParams(filter)) }) : null;
  const form = eventFilterForm({ action: '/', filter, choices: input.choices, withType: false, ...(input.typed ? { typed: input.typed } : {}) });
  const eventsLink = hrefWith('/events', { ...eventsParams(filter), type: 'enforcement' });
  return page({
    title: 'Declines',
    current: '/',
    body: html`<h1>What got worse</h1>
<p class="lead">Rating, judgement and interim declines, newest first. Enforcement notices are not counted here: see <a href="${eventsLink}">enforcement events</a>.</p>
${form}${problemsNotice(input.problems)}${count}${table}${cursorPager('/', filter, slice)}${exportLinks(filter)}${follow}`,
    feeds: input.feeds,
  });
}
