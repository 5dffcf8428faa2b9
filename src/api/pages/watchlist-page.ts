import { kindLabel } from '../../alerts/render/labels.js';
import { GRADE_LABEL, type Grade } from '../../ofsted/vocabulary.js';
import type { ProviderSummary, WatchScope } from '../../store/store.js';
import { lastChangeHtml } from './change-direction.js';
import { escapeHtml, gradeBadge, page, shortDay, type PageOptions } from './layout.js';
import { ownerHref, providerHref } from './page-links.js';
import { pagerHtml, type PageSlice } from './pagination.js';
import { renderSweepForm, type ScrapeFormView } from './scrape-form.js';
import { watchlistParams, type WatchlistChoices, type WatchlistFilter, type WatchlistSort } from './watchlist-filter.js';

const SORT_LABEL: Readonly<Record<WatchlistSort, string>> = {
  urn: 'URN',
  name: 'Name',
  grade: 'Grade, worst first',
  inspected: 'Latest inspection first',
};

function option(value: string, label: string, selected: string | undefined): string {
  return `<option value="${escapeHtml(value)}"${value === (selected ?? '') ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}

function filterForm(filter: WatchlistFilter, choices: WatchlistChoices): string {
  const grades = choices.grades.map((g) => option(g, g === 'none' ? 'Not graded' : GRADE_LABEL[g as Grade], filter.grade)).join('');
  const las = choices.localAuthorities.map((la) => option(la, la, filter.la)).join('');
  // Keep a chosen LA selectable even when its spelling differs from the listed one.
  const laKnown = !filter.la || choices.localAuthorities.includes(filter.la);
  const owners = choices.owners.map((o) => `<option value="${escapeHtml(o)}"></option>`).join('');
  const sorts = (Object.keys(SORT_LABEL) as WatchlistSort[]).map((s) => option(s, SORT_LABEL[s], filter.sort)).join('');
  return (
    '<form class="filters" method="get" action="/" role="search">' +
    `<label>Search<input type="search" name="q" value="${escapeHtml(filter.q ?? '')}" placeholder="URN, name, owner, LA"></label>` +
    `<label>Owner<input type="text" name="owner" list="owners" value="${escapeHtml(filter.owner ?? '')}"></label>` +
    `<datalist id="owners">${owners}</datalist>` +
    `<label>Local authority<select name="la">${option('', 'Any', filter.la)}${laKnown ? '' : option(filter.la ?? '', filter.la ?? '', filter.la)}${las}</select></label>` +
    `<label>Grade<select name="grade">${option('', 'Any', filter.grade)}${grades}</select></label>` +
    `<label>Sort<select name="sort">${sorts}</select></label>` +
    '<button type="submit">Filter</button> <a href="/">Clear</a>' +
    '</form>'
  );
}

function row(s: ProviderSummary): string {
  const href = escapeHtml(providerHref(s.urn));
  const name = s.name
    ? `<a href="${href}">${escapeHtml(s.name)}</a><div class="small muted">${escapeHtml(s.urn)}</div>`
    : `<a href="${href}">${escapeHtml(s.urn)}</a><div class="small muted">not scraped yet</div>`;
  const closed = s.closedAt ? `<div class="small muted">no longer listed since ${shortDay(s.closedAt)}</div>` : '';
  const owner = s.owner ? `<a href="${escapeHtml(ownerHref(s.owner))}">${escapeHtml(s.owner)}</a>` : '<span class="muted">–</span>';
  const last = s.lastInspection
    ? `${shortDay(s.lastInspection.inspectionStart)}<div class="small muted">${escapeHtml(kindLabel(s.lastInspection.kind))}</div>`
    : '<span class="muted">–</span>';
  return (
    `<tr><td>${name}${closed}</td>` +
    `<td class="hide-narrow">${escapeHtml(s.providerType ?? '')}</td>` +
    `<td class="hide-narrow">${escapeHtml(s.localAuthority ?? '')}</td>` +
    `<td>${owner}</td><td>${gradeBadge(s.latestGraded?.overall)}</td><td class="day">${last}</td><td>${lastChangeHtml(s.lastChange)}</td></tr>`
  );
}

function emptyState(): string {
  return (
    '<div class="notice"><p>Nothing watched yet: <code>ofsted-monitor watch add &lt;URN&gt;</code> ' +
    '(or <code>ofsted-monitor watch import &lt;file.csv&gt;</code> for many), then the daemon sweeps them.</p></div>'
  );
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
}

function scopeText(s: WatchScope): string {
  const parts = [`<strong>${escapeHtml(s.category)}</strong>`];
  if (s.localAuthority !== null) parts.push(`in ${escapeHtml(s.localAuthority)}`);
  if (s.owner !== null) parts.push(`owned by <a href="${escapeHtml(ownerHref(s.owner))}">${escapeHtml(s.owner)}</a>`);
  const state = s.baselinedAt === null ? 'first pass pending' : `listed ${shortDay(s.baselinedAt)}`;
  return `<li>${parts.join(' ')} <span class="small muted">(${state})</span></li>`;
}

/** The scopes list, the "Sweep now" form and the notice of a sweep just queued; empty when none applies. */
function scopesSection(input: WatchlistPageInput): string {
  const scopes = input.scopes ?? [];
  const notice = input.sweepJobId
    ? `<div class="notice job" role="status"><p>Discovery queued as job <code>${escapeHtml(input.sweepJobId)}</code>: ` +
      'new reports appear here as its providers are read.</p></div>'
    : '';
  const list = scopes.length
    ? `<h2>Watched scopes</h2><ul class="scopes">${scopes.map(scopeText).join('')}</ul>`
    : '';
  const form = input.sweepForm ? renderSweepForm(input.sweepForm) : '';
  if (!notice && !list && !form) return '';
  return `${notice}<section class="card scopes" aria-label="Watched scopes">${list}${form}</section>`;
}

/** `GET /`: one page of the watched providers the filter keeps, as a whole document. */
export function renderWatchlistPage(input: WatchlistPageInput): string {
  const { watched, slice, filter } = input;
  const title = 'Watchlist';
  const csv = `<p class="small"><a href="/history.csv">Download every watched provider's inspections (CSV)</a> · ` +
    '<a href="/feeds/events.atom">Atom feed</a> · <a href="/feeds/events.rss">RSS feed</a></p>';
  if (watched === 0) {
    return page({ title, body: `<h1>${title}</h1>${scopesSection(input)}${emptyState()}`, feeds: input.feeds });
  }
  const params = watchlistParams(filter);
  const filtered = Boolean(filter.q || filter.owner || filter.la || filter.grade);
  const count =
    `<p>${plural(watched, 'provider watched', 'providers watched')}` +
    (filtered ? `; ${plural(slice.total, 'matches', 'match')} these filters` : '') +
    (slice.total > 0 && slice.pages > 1 ? `; showing ${slice.from.toLocaleString('en-GB')}–${slice.to.toLocaleString('en-GB')}` : '') +
    '.</p>';
  const table = slice.total
    ? '<div class="table-wrap"><table><thead><tr><th scope="col">Provider</th><th scope="col" class="hide-narrow">Type</th>' +
      '<th scope="col" class="hide-narrow">Local authority</th><th scope="col">Owner</th><th scope="col">Latest grade</th>' +
      '<th scope="col">Last inspection</th><th scope="col">Last change</th></tr></thead>' +
      `<tbody>${slice.items.map(row).join('')}</tbody></table></div>`
    : `<div class="notice"><p>No watched provider matches these filters. <a href="/">Show them all</a>.</p></div>`;
  return page({
    title,
    body: `<h1>${title}</h1>${scopesSection(input)}${filterForm(filter, input.choices)}${count}${table}${pagerHtml('/', params, slice)}${csv}`,
    feeds: input.feeds,
  });
}
