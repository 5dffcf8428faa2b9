import { kindLabel } from '../../alerts/render/labels.js';
import { GRADE_LABEL, type Grade } from '../../ofsted/vocabulary.js';
import { html, trusted, type Html } from '../../render/html.js';
import type { ProviderSummary, WatchScope } from '../../store/store.js';
import { lastChangeHtml } from './change-direction.js';
import { option } from './event-filter-form.js';
import { gradeBadge, page, shortDay, type PageOptions } from './layout.js';
import { ownerHref, providerHref } from './page-links.js';
import { renderFollowForms, type FollowFormsView } from './follow-forms.js';
import { pagerHtml, type PageSlice } from './pagination.js';
import { hrefWith } from './query-values.js';
import { renderSweepForm, type ScrapeFormView } from './scrape-form.js';
import { watchlistParams, type WatchlistChoices, type WatchlistFilter, type WatchlistSort } from './watchlist-filter.js';

export const WATCHLIST_PATH = '/watchlist';

const SORT_LABEL: Readonly<Record<WatchlistSort, string>> = {
  urn: 'URN',
  name: 'Name',
  grade: 'Grade, worst first',
  inspected: 'Latest inspection first',
  declined: 'Most recent decline first',
};

function filterForm(filter: WatchlistFilter, choices: WatchlistChoices): Html {
  const grades = choices.grades.map((g) => option(g, g === 'none' ? 'Not graded' : GRADE_LABEL[g as Grade], filter.grade));
  // Keep a chosen LA selectable even when its spelling differs from the listed one.
  const laExtra = filter.la && !choices.localAuthorities.includes(filter.la) ? option(filter.la, filter.la, filter.la) : null;
  const sorts = (Object.keys(SORT_LABEL) as WatchlistSort[]).map((s) => option(s, SORT_LABEL[s], filter.sort));
  const latest = filter.declined ? 'declined' : '';
  return html`<form class="filters" method="get" action="${WATCHLIST_PATH}" role="search">
<label>Search<input type="search" name="q" value="${filter.q ?? ''}" placeholder="URN, name, owner, LA"></label>
<label>Owner<input type="text" name="owner" list="owners" value="${filter.owner ?? ''}"></label><datalist id="owners">${choices.owners.map((o) => html`<option value="${o}"></option>`)}</datalist>
<label>Local authority<select name="la">${option('', 'Any', filter.la)}${laExtra}${choices.localAuthorities.map((la) => option(la, la, filter.la))}</select></label>
<label>Grade<select name="grade">${option('', 'Any', filter.grade)}${grades}</select></label>
<label>Latest change<select name="latest">${option('', 'Any', latest)}${option('declined', 'A decline', latest)}</select></label>
<label>Sort<select name="sort">${sorts}</select></label>
<button type="submit">Filter</button> <a href="${WATCHLIST_PATH}">Clear</a></form>`;
}

// change-direction.ts still returns markup as a string (it escapes what it takes); String() keeps this working once it returns Html.
const lastChange = (s: ProviderSummary): Html => trusted(String(lastChangeHtml(s.lastChange)));

function row(s: ProviderSummary): Html {
  const href = providerHref(s.urn);
  const name = s.name
    ? html`<a href="${href}">${s.name}</a><div class="small muted">${s.urn}</div>`
    : html`<a href="${href}">${s.urn}</a><div class="small muted">not scraped yet</div>`;
  const closed = s.closedAt ? html`<div class="small muted">no longer listed since ${shortDay(s.closedAt)}</div>` : null;
  const owner = s.owner ? html`<a href="${ownerHref(s.owner)}">${s.owner}</a>` : html`<span class="muted">–</span>`;
  const last = s.lastInspection
    ? html`${shortDay(s.lastInspection.inspectionStart)}<div class="small muted">${kindLabel(s.lastInspection.kind)}</div>`
    : html`<span class="muted">–</span>`;
  return html`<tr><td data-label="Provider">${name}${closed}</td><td data-label="Type">${s.providerType ?? ''}</td>
<td data-label="Local authority">${s.localAuthority ?? ''}</td><td data-label="Owner">${owner}</td><td data-label="Latest grade">${gradeBadge(s.latestGraded?.overall)}</td>
<td class="day" data-label="Last inspection">${last}</td><td data-label="Last change">${lastChange(s)}</td></tr>`;
}

function emptyState(): Html {
  return html`<div class="notice"><p>Nothing watched yet: <code>ofsted-monitor watch add &lt;URN&gt;</code> (or <code>ofsted-monitor watch import &lt;file.csv&gt;</code> for many), then the daemon sweeps them.</p></div>`;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

export interface WatchlistPageInput {
  /** How many providers are watched. */
  watched: number;
  /** The page of watched providers the filter keeps, as the store cut it. */
  slice: PageSlice<ProviderSummary>;
  /** What the form's selects offer. */
  choices: WatchlistChoices;
  filter: WatchlistFilter;
  feeds?: PageOptions['feeds'];
  /** The watched scopes (`watch add --category`), listed above the providers. */
  scopes?: readonly WatchScope[];
  /** The "Sweep now" form; left out, no form. */
  sweepForm?: Pick<ScrapeFormView, 'tokenConfigured' | 'hasSession'>;
  /** The discovery job "Sweep now" just queued (`?sweep=<job id>`), told in a notice. */
  sweepJobId?: string;
  /** The subscribe forms for a chosen owner or local authority; left out, none. */
  follow?: Omit<FollowFormsView, 'scopes' | 'back'>;
}

function scopeText(s: WatchScope): Html {
  const la = s.localAuthority !== null ? html` in ${s.localAuthority}` : null;
  const owner = s.owner !== null ? html` owned by <a href="${ownerHref(s.owner)}">${s.owner}</a>` : null;
  const state = s.baselinedAt === null ? html`first pass pending` : html`listed ${shortDay(s.baselinedAt)}`;
  return html`<li><strong>${s.category}</strong>${la}${owner} <span class="small muted">(${state})</span></li>`;
}

/** The scopes list, the "Sweep now" form and the notice of a sweep just queued; nothing when none applies. */
function scopesSection(input: WatchlistPageInput): Html | null {
  const scopes = input.scopes ?? [];
  const notice = input.sweepJobId
    ? html`<div class="notice job" role="status"><p>Discovery queued as job <code>${input.sweepJobId}</code>: new reports appear here as its providers are read.</p></div>`
    : null;
  const list = scopes.length ? html`<h2>Watched scopes</h2><ul class="scopes">${scopes.map(scopeText)}</ul>` : null;
  const form = input.sweepForm ? renderSweepForm(input.sweepForm) : null;
  if (!notice && !list && !form) return null;
  return html`${notice}<section class="card scopes" aria-label="Watched scopes">${list}${form}</section>`;
}

/** `GET /watchlist`: one page of the watched providers the filter keeps, as a whole document. */
export function renderWatchlistPage(input: WatchlistPageInput): string {
  const { watched, slice, filter } = input;
  const title = 'Watchlist';
  const links = html`<p class="small"><a href="/history.csv">Download every watched provider's inspections (CSV)</a> · <a href="/feeds/events.atom">Atom feed</a> · <a href="/feeds/events.rss">RSS feed</a></p>`;
  if (watched === 0) {
    return page({ title, current: WATCHLIST_PATH, body: html`<h1>${title}</h1>${scopesSection(input)}${emptyState()}`, feeds: input.feeds });
  }
  const filtered = Boolean(filter.q || filter.owner || filter.la || filter.grade || filter.declined);
  const count = html`<p>${plural(watched, 'provider watched', 'providers watched')}${filtered ? `; ${plural(slice.total, 'matches', 'match')} these filters` : ''}${
    slice.total > 0 && slice.pages > 1 ? `; showing ${slice.from.toLocaleString('en-GB')}–${slice.to.toLocaleString('en-GB')}` : ''
  }.</p>`;
  const table = slice.total
    ? html`<div class="table-wrap"><table class="stack"><thead><tr><th scope="col">Provider</th><th scope="col">Type</th><th scope="col">Local authority</th>
<th scope="col">Owner</th><th scope="col">Latest grade</th><th scope="col">Last inspection</th><th scope="col">Last change</th></tr></thead>
<tbody>${slice.items.map(row)}</tbody></table></div>`
    : html`<div class="notice"><p>No watched provider matches these filters. <a href="${WATCHLIST_PATH}">Show them all</a>.</p></div>`;
  const scopes = [...(filter.la ? [{ la: filter.la }] : []), ...(filter.owner ? [{ owner: filter.owner }] : [])];
  const follow = input.follow ? renderFollowForms({ ...input.follow, scopes, back: hrefWith(WATCHLIST_PATH, watchlistParams(filter)) }) : null;
  return page({
    title,
    current: WATCHLIST_PATH,
    body: html`<h1>${title}</h1>${scopesSection(input)}${filterForm(filter, input.choices)}${count}${table}${pagerHtml(WATCHLIST_PATH, watchlistParams(filter), slice)}${links}${follow}`,
    feeds: input.feeds,
  });
}
