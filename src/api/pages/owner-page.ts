// The owner portfolio (/owners/<name>): every home of one owner, the share rated good or better over
// time, and registered managers moving between the homes. Pure: data in, a whole HTML document out.
import { capitalise, kindLabel } from '../../alerts/render/labels.js';
import type { ProviderSummary } from '../../store/store.js';
import { lastChangeHtml } from './change-direction.js';
import { html, joinHtml, type Html } from '../../render/html.js';
import { gradeBadge, page, shortDay } from './layout.js';
import type { ManagerMove } from './manager-moves.js';
import { ownerHref, providerHref } from './page-links.js';
import { changeText, percent, portfolioSummary, renderPortfolioChart, shareText } from './portfolio-chart.js';
import { changeDirection, type PortfolioChange, type PortfolioStep } from './portfolio-share.js';

export interface OwnerPageView {
  /** The owner's name as the providers' pages print it. */
  owner: string;
  homes: readonly ProviderSummary[];
  steps: readonly PortfolioStep[];
  moves: readonly ManagerMove[];
}

function homeName(urn: string, name: string | null): Html {
  return html`<a href="${providerHref(urn)}">${name?.trim() || urn}</a> <span class="small muted">${urn}</span>`;
}

function headline(steps: readonly PortfolioStep[]): Html {
  const last = steps.at(-1);
  if (!last) return html`<div class="notice"><p>No home of this owner has a graded inspection stored yet.</p></div>`;
  const all = last.graded > 0 && last.goodOrBetter === last.graded;
  return html`<div class="notice${all ? '' : ' error'} share-now"><p><strong>${all ? 'All graded homes are good or better' : 'Not all homes are good or better'}</strong>: ${shareText(last)}, as of the inspection of ${shortDay(last.date)}.</p></div>`;
}

function changeHtml(c: PortfolioChange): Html {
  return html`${homeName(c.urn, c.name)} ${c.grade ? html`→ ${gradeBadge(c.grade)}` : html`<span class="muted">closed</span>`}`;
}

function shareTable(steps: readonly PortfolioStep[]): Html | null {
  if (steps.length === 0) return null;
  const rows = steps.map(
    (s) =>
      html`<tr><td>${shortDay(s.date)}</td><td>${s.graded}</td><td>${s.goodOrBetter}</td><td>${percent(s.share)}</td><td class="hide-narrow">${joinHtml(s.changes.map(changeHtml), html`<br>`)}</td></tr>`,
  );
  // A large owner has hundreds of dates: the table then starts folded, the chart above says the same.
  const open = steps.length <= 12;
  return html`<details class="chart-data"${open ? html` open` : null}><summary>The share as a table (${steps.length} date${steps.length === 1 ? '' : 's'})</summary><div class="table-wrap"><table class="share"><thead><tr><th>Inspection date</th><th>Homes graded</th><th>Good or better</th><th>Share</th><th class="hide-narrow">What changed</th></tr></thead><tbody>${rows}</tbody></table></div></details>`;
}

/** Most recent declines and improvements listed under the chart; the table holds every change. */
const MOVES_LISTED = 20;

/**
 * The chart's key, and the homes behind its triangles in words, newest first:
 * "▼ SC036243 Oak House: Good → Inadequate, 29 Oct 2019" (the same shapes as the chart's markers).
 */
function chartKey(steps: readonly PortfolioStep[]): Html | null {
  if (steps.length === 0) return null;
  const moved = steps
    .flatMap((s) => s.changes.map((c) => ({ date: s.date, c, way: changeDirection(c) })))
    .filter((m) => m.way === 'declined' || m.way === 'improved')
    .reverse();
  const items = moved.slice(0, MOVES_LISTED).map(
    ({ date, c, way }) =>
      html`<li class="step-${way}"><span class="key ${way}">${way === 'declined' ? '▼' : '▲'}</span> <a href="${providerHref(c.urn)}">${changeText(c)}</a>, ${shortDay(date)}</li>`,
  );
  const more = moved.length > MOVES_LISTED ? html`<p class="small muted">${moved.length - MOVES_LISTED} earlier changes are in the table below.</p>` : null;
  return html`<ul class="legend small muted"><li><span class="key declined">▼</span> a home declined</li><li><span class="key improved">▲</span> a home improved</li><li><span class="key other">●</span> a home first graded, graded the same again, or closed</li><li><span class="key homes">▮</span> homes graded (right-hand scale)</li></ul>${
    items.length ? html`<h3>Which home moved the line</h3><ul class="plain chart-moves">${items}</ul>${more}` : null
  }`;
}

function homesTable(homes: readonly ProviderSummary[]): Html {
  const rows = homes.map((h) => {
    const last = h.lastInspection
      ? html`${capitalise(kindLabel(h.lastInspection.kind))}, ${shortDay(h.lastInspection.inspectionStart)}`
      : html`<span class="muted">–</span>`;
    const closed = h.closedAt ? html` <span class="small muted">closed ${shortDay(h.closedAt)}</span>` : null;
    return html`<tr><td>${homeName(h.urn, h.name)}${closed}</td><td class="hide-narrow">${h.providerType ?? ''}</td><td class="hide-narrow">${h.localAuthority ?? ''}</td><td>${gradeBadge(h.latestGraded?.overall)}</td><td>${last}</td><td>${lastChangeHtml(h.lastChange)}</td></tr>`;
  });
  return html`<div class="table-wrap"><table class="homes"><thead><tr><th>Provider</th><th class="hide-narrow">Type</th><th class="hide-narrow">Local authority</th><th>Latest grade</th><th>Last inspection</th><th>Last change</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** "Jane Smith: Oak House (until 8 Jan 2019) → Elm House (from 10 Sep 2019)". */
export function moveHtml(m: ManagerMove): Html {
  return html`<strong>${m.name}</strong>: ${homeName(m.from.urn, m.from.name)} (until ${shortDay(m.from.until)}) → ${homeName(m.to.urn, m.to.name)} (from ${shortDay(m.to.since)})`;
}

function moves(list: readonly ManagerMove[]): Html {
  const intro = html`<p class="small muted">A registered manager named in one home's report and later in another's. Dates are the inspections that named them.</p>`;
  if (list.length === 0) return html`${intro}<p class="muted">No manager moved between these homes, as far as the stored reports show.</p>`;
  return html`${intro}<ul class="plain moves">${list.map((m) => html`<li>${moveHtml(m)}</li>`)}</ul>`;
}

export function renderOwnerPage(view: OwnerPageView): string {
  const watched = view.homes.filter((h) => h.watched).length;
  const base = ownerHref(view.owner);
  const chart = renderPortfolioChart(view.steps, { title: `Share of ${view.owner}'s homes rated good or outstanding` });
  const body = html`<p class="small muted"><a href="/watchlist">Watchlist</a> › owner</p><h1>${view.owner}</h1><p class="muted">${view.homes.length} provider${view.homes.length === 1 ? '' : 's'} on record, ${watched} watched.</p>${headline(view.steps)}<h2>Homes rated good or better over time</h2><figure class="chart"><div class="chart-scroll">${chart}</div><figcaption class="small">${portfolioSummary(view.steps)} The dashed line is 100%: every graded home good or outstanding. Each home counts from its first graded inspection, with its latest overall grade; a local authority's own inspection is not counted.</figcaption></figure>${chartKey(view.steps)}${shareTable(view.steps)}<h2>Providers</h2>${homesTable(view.homes)}<h2>Registered managers moving between homes</h2>${moves(view.moves)}<p class="small">History as <a href="${base}/history.csv">CSV</a> · events as <a href="${base}/events.atom">Atom</a> or <a href="${base}/events.rss">RSS</a></p>`;
  return page({
    title: view.owner,
    body,
    feeds: [
      { href: `${base}/events.atom`, title: `Events for ${view.owner}`, type: 'atom' },
      { href: `${base}/events.rss`, title: `Events for ${view.owner}`, type: 'rss' },
    ],
  });
}
