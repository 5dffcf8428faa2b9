// The owner portfolio (/owners/<name>): every home of one owner, the share rated good or better over
// time, and registered managers moving between the homes. Pure: data in, a whole HTML document out.
import { capitalise, kindLabel } from '../../alerts/render/labels.js';
import { trusted } from '../../render/html.js';
import type { ProviderSummary } from '../../store/store.js';
import { lastChangeHtml } from './change-direction.js';
import { escapeHtml, gradeBadge, page, shortDay } from './layout.js';
import type { ManagerMove } from './manager-moves.js';
import { ownerHref, providerHref } from './page-links.js';
import { percent, portfolioSummary, renderPortfolioChart, shareText } from './portfolio-chart.js';
import type { PortfolioChange, PortfolioStep } from './portfolio-share.js';

export interface OwnerPageView {
  /** The owner's name as the providers' pages print it. */
  owner: string;
  homes: readonly ProviderSummary[];
  steps: readonly PortfolioStep[];
  moves: readonly ManagerMove[];
}

function homeName(urn: string, name: string | null): string {
  return `<a href="${escapeHtml(providerHref(urn))}">${escapeHtml(name?.trim() || urn)}</a> <span class="small muted">${escapeHtml(urn)}</span>`;
}

function headline(steps: readonly PortfolioStep[]): string {
  const last = steps.at(-1);
  if (!last) return '<div class="notice"><p>No home of this owner has a graded inspection stored yet.</p></div>';
  const all = last.graded > 0 && last.goodOrBetter === last.graded;
  return (
    `<div class="notice${all ? '' : ' error'} share-now"><p><strong>${all ? 'All graded homes are good or better' : 'Not all homes are good or better'}</strong>: ` +
    `${escapeHtml(shareText(last))}, as of the inspection of ${shortDay(last.date)}.</p></div>`
  );
}

function changeText(c: PortfolioChange): string {
  return `${homeName(c.urn, c.name)} ${c.grade ? `→ ${gradeBadge(c.grade)}` : '<span class="muted">closed</span>'}`;
}

function shareTable(steps: readonly PortfolioStep[]): string {
  if (steps.length === 0) return '';
  const rows = steps
    .map(
      (s) =>
        `<tr><td>${shortDay(s.date)}</td><td>${s.graded}</td><td>${s.goodOrBetter}</td><td>${percent(s.share)}</td>` +
        `<td class="hide-narrow">${s.changes.map(changeText).join('<br>')}</td></tr>`,
    )
    .join('');
  // A large owner has hundreds of dates: the table then starts folded, the chart above says the same.
  const open = steps.length <= 12 ? ' open' : '';
  return (
    `<details class="chart-data"${open}><summary>The share as a table (${steps.length} date${steps.length === 1 ? '' : 's'})</summary>` +
    '<div class="table-wrap"><table class="share"><thead><tr><th>Inspection date</th><th>Homes graded</th><th>Good or better</th><th>Share</th>' +
    `<th class="hide-narrow">What changed</th></tr></thead><tbody>${rows}</tbody></table></div></details>`
  );
}

function homesTable(homes: readonly ProviderSummary[]): string {
  const rows = homes
    .map((h) => {
      const last = h.lastInspection ? `${escapeHtml(capitalise(kindLabel(h.lastInspection.kind)))}, ${shortDay(h.lastInspection.inspectionStart)}` : '<span class="muted">–</span>';
      const closed = h.closedAt ? ` <span class="small muted">closed ${shortDay(h.closedAt)}</span>` : '';
      return (
        `<tr><td>${homeName(h.urn, h.name)}${closed}</td><td class="hide-narrow">${escapeHtml(h.providerType ?? '')}</td>` +
        `<td class="hide-narrow">${escapeHtml(h.localAuthority ?? '')}</td><td>${gradeBadge(h.latestGraded?.overall)}</td>` +
        `<td>${last}</td><td>${lastChangeHtml(h.lastChange)}</td></tr>`
      );
    })
    .join('');
  return (
    '<div class="table-wrap"><table class="homes"><thead><tr><th>Provider</th><th class="hide-narrow">Type</th><th class="hide-narrow">Local authority</th>' +
    `<th>Latest grade</th><th>Last inspection</th><th>Last change</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

/** "Jane Smith: Oak House (until 8 Jan 2019) → Elm House (from 10 Sep 2019)". */
export function moveHtml(m: ManagerMove): string {
  return (
    `<strong>${escapeHtml(m.name)}</strong>: ${homeName(m.from.urn, m.from.name)} (until ${shortDay(m.from.until)}) → ` +
    `${homeName(m.to.urn, m.to.name)} (from ${shortDay(m.to.since)})`
  );
}

function moves(list: readonly ManagerMove[]): string {
  const intro = '<p class="small muted">A registered manager named in one home\'s report and later in another\'s. Dates are the inspections that named them.</p>';
  if (list.length === 0) return `${intro}<p class="muted">No manager moved between these homes, as far as the stored reports show.</p>`;
  return `${intro}<ul class="plain moves">${list.map((m) => `<li>${moveHtml(m)}</li>`).join('')}</ul>`;
}

export function renderOwnerPage(view: OwnerPageView): string {
  const watched = view.homes.filter((h) => h.watched).length;
  const base = ownerHref(view.owner);
  const body =
    '<p class="small muted"><a href="/">Watchlist</a> › owner</p>' +
    `<h1>${escapeHtml(view.owner)}</h1>` +
    `<p class="muted">${view.homes.length} provider${view.homes.length === 1 ? '' : 's'} on record, ${watched} watched.</p>` +
    headline(view.steps) +
    '<h2>Homes rated good or better over time</h2>' +
    `<figure class="chart">${renderPortfolioChart(view.steps, { title: `Share of ${view.owner}'s homes rated good or outstanding` })}` +
    `<figcaption class="small">${escapeHtml(portfolioSummary(view.steps))} The dashed line is 100%: every graded home good or outstanding. ` +
    'Each home counts from its first graded inspection, with its latest overall grade; a local authority\'s own inspection is not counted.</figcaption></figure>' +
    shareTable(view.steps) +
    '<h2>Providers</h2>' +
    homesTable(view.homes) +
    '<h2>Registered managers moving between homes</h2>' +
    moves(view.moves) +
    `<p class="small">History as <a href="${escapeHtml(base)}/history.csv">CSV</a> · events as ` +
    `<a href="${escapeHtml(base)}/events.atom">Atom</a> or <a href="${escapeHtml(base)}/events.rss">RSS</a></p>`;
  return page({
    title: view.owner,
    body: trusted(body), // until this page is written with html``
    feeds: [
      { href: `${base}/events.atom`, title: `Events for ${view.owner}`, type: 'atom' },
      { href: `${base}/events.rss`, title: `Events for ${view.owner}`, type: 'rss' },
    ],
  });
}

