// The provider page (/providers/<URN>): who it is, its timeline, its managers, every report, and the
// re-scrape button. Pure: data in, a whole HTML document out.
import { formatDateRange, formatTimestamp } from '../../alerts/render/format-dates.js';
import { trusted } from '../../render/html.js';
import { capitalise, kindLabel } from '../../alerts/render/labels.js';
import type { HistoryEntry, ProviderRecord, StoredReport } from '../../store/store.js';
import { jobIsPending, renderJobNotice, type JobLookup } from './job-notice.js';
import { escapeHtml, gradeBadge, page, safeHref, shortDay } from './layout.js';
import { managerSpans } from './manager-history.js';
import { ownerHref, providerHref } from './page-links.js';
import { reportAnchor } from './report-anchor.js';
import { pdfLink, renderReportSection } from './report-section.js';
import { renderScrapeForm, type ScrapeFormView } from './scrape-form.js';
import { entryOutcome, renderTimelineChart, timelineLayout, timelineSummary } from './timeline-chart.js';

export interface ProviderPageView {
  urn: string;
  /** null when the URN is watched (or being fetched) but nothing is stored yet. */
  provider: ProviderRecord | null;
  watched: boolean;
  /** Oldest first, as store.history gives it. */
  history: readonly HistoryEntry[];
  /** Stored reports that could not be read (no parsed form), shown with their error. */
  unreadable: readonly StoredReport[];
  /** The re-scrape this page was sent back to after the form (?job=<id>), when there is one. */
  job: JobLookup | null;
  form: Omit<ScrapeFormView, 'urn'>;
}

/** How often the page reloads while its re-scrape is pending (seconds). */
export const JOB_REFRESH_SECONDS = 2;

/** The newest inspection with an overall grade: what the watchlist's badge shows too. */
export function latestGraded(history: readonly HistoryEntry[]): HistoryEntry | null {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.overall) return history[i]!;
  return null;
}

function displayName(view: Pick<ProviderPageView, 'urn' | 'provider'>): string {
  return view.provider?.name?.trim() || `Provider ${view.urn}`;
}

function fact(label: string, html: string): string {
  return html ? `<dt>${escapeHtml(label)}</dt><dd>${html}</dd>` : '';
}

function header(view: ProviderPageView): string {
  const p = view.provider;
  const latest = latestGraded(view.history);
  const latestHtml = latest
    ? `${gradeBadge(latest.overall)} <span class="small muted">${escapeHtml(kindLabel(latest.kind))}, ${shortDay(latest.inspectionStart)}</span>`
    : String(gradeBadge(null));
  const ofsted = safeHref(p?.url);
  const facts =
    fact('URN', escapeHtml(view.urn)) +
    fact('Type', escapeHtml(p?.providerType ?? '')) +
    fact('Local authority', escapeHtml(p?.localAuthority ?? '')) +
    fact('Owner', p?.owner ? `<a href="${escapeHtml(ownerHref(p.owner))}">${escapeHtml(p.owner)}</a>` : '') +
    fact('Latest overall grade', latestHtml) +
    fact('Last scraped', p?.lastScrapedAt ? escapeHtml(formatTimestamp(p.lastScrapedAt)) : '<span class="muted">never</span>') +
    fact('Closed', p?.closedAt ? `no longer listed by Ofsted since ${shortDay(p.closedAt)}` : '') +
    fact('Watched', view.watched ? 'yes, checked on every sweep' : 'no') +
    fact('On Ofsted', ofsted ? `<a href="${escapeHtml(ofsted)}">provider page</a>` : '');
  return `<h1>${escapeHtml(displayName(view))} <span class="muted small">${escapeHtml(view.urn)}</span></h1><div class="card"><dl class="facts">${facts}</dl></div>`;
}

/** The chart's numbers as a table, for screen readers and anyone who wants the figures. */
function timelineTable(history: readonly HistoryEntry[]): string {
  const rows = [...history]
    .reverse()
    .map(
      (h) =>
        `<tr><td>${escapeHtml(formatDateRange(h.inspectionStart, h.inspectionEnd) ?? 'date unknown')}</td>` +
        `<td><a href="#${reportAnchor(h.fileId)}">${escapeHtml(capitalise(kindLabel(h.kind)))}</a></td>` +
        `<td>${escapeHtml(entryOutcome(h) || '–')}</td></tr>`,
    )
    .join('');
  return (
    '<details class="chart-data"><summary>The timeline as a table</summary><div class="table-wrap"><table>' +
    `<thead><tr><th>Inspection</th><th>Kind</th><th>Outcome</th></tr></thead><tbody>${rows}</tbody></table></div></details>`
  );
}

/** A key to the markers the chart actually shows. */
function legend(history: readonly HistoryEntry[]): string {
  const marks = timelineLayout(history).marks;
  const has = (test: (m: (typeof marks)[number]) => boolean) => marks.some(test);
  const items = [
    has((m) => m.lane === 'graded') ? '<li><span class="key graded">●</span> graded inspection (the line joins them)</li>' : '',
    has((m) => m.outcome === 'improved') ? '<li><span class="key interim-improved">▲</span> interim: improved</li>' : '',
    has((m) => m.lane === 'interim' && m.outcome !== 'improved' && m.outcome !== 'declined')
      ? '<li><span class="key interim-sustained">◆</span> interim: sustained</li>'
      : '',
    has((m) => m.outcome === 'declined') ? '<li><span class="key interim-declined">▼</span> interim: declined</li>' : '',
    has((m) => m.lane === 'visit') ? '<li><span class="key visit">■</span> visit or ungraded report</li>' : '',
  ].join('');
  return items ? `<ul class="legend small muted">${items}</ul>` : '';
}

function timeline(view: ProviderPageView): string {
  if (view.history.length === 0) return '<h2>Timeline</h2><p class="muted">No inspection stored yet.</p>';
  const chart = renderTimelineChart(view.history, { title: `Inspections of ${displayName(view)} (${view.urn})`, idPrefix: 'timeline' });
  return `<h2>Timeline</h2><figure class="chart">${chart}<figcaption class="small">${escapeHtml(timelineSummary(view.history))}</figcaption></figure>${legend(view.history)}${timelineTable(view.history)}`;
}

function managers(history: readonly HistoryEntry[]): string {
  const spans = managerSpans(history);
  if (spans.length === 0) return '<h2>Registered managers</h2><p class="muted">No report names a registered manager.</p>';
  const items = spans
    .slice()
    .reverse()
    .map((s) => {
      const dates = s.from === s.to ? shortDay(s.from) : `${shortDay(s.from)} – ${shortDay(s.to)}`;
      return `<li><strong>${escapeHtml(s.name)}</strong>, ${dates} <span class="small muted">(named in ${s.reports} report${s.reports === 1 ? '' : 's'})</span></li>`;
    })
    .join('');
  return `<h2>Registered managers</h2><p class="small muted">As named in each report, newest first; dates are the inspections that named them.</p><ul class="plain managers">${items}</ul>`;
}

function reports(view: ProviderPageView): string {
  const sections = [...view.history].reverse().map(renderReportSection).join('');
  const unreadable = view.unreadable.length
    ? '<h3>Reports that could not be read</h3><ul class="plain unreadable">' +
      view.unreadable
        .map((r) => `<li>${escapeHtml(r.title)} ${r.publishedAt ? `<span class="small muted">(${shortDay(r.publishedAt)})</span>` : ''} · ${pdfLink(r.url)}${r.error ? `<br><span class="small muted">${escapeHtml(r.error)}</span>` : ''}</li>`)
        .join('') +
      '</ul>'
    : '';
  if (!sections && !unreadable) return '';
  return `<h2>Reports</h2>${sections}${unreadable}`;
}

function downloads(urn: string): string {
  const base = providerHref(urn);
  return (
    `<p class="small">History as <a href="${escapeHtml(base)}/history.csv">CSV</a> · events as ` +
    `<a href="${escapeHtml(base)}/events.atom">Atom</a> or <a href="${escapeHtml(base)}/events.rss">RSS</a> · ` +
    `<a href="/events?urn=${encodeURIComponent(urn)}">events page</a></p>`
  );
}

/** The whole provider page; reloads itself every 2 seconds while its re-scrape job is pending. */
export function renderProviderPage(view: ProviderPageView): string {
  const pending = view.job !== null && 'found' in view.job && jobIsPending(view.job.found.state);
  const nothingYet = view.provider === null && view.history.length === 0;
  const body =
    '<p class="small muted"><a href="/">Watchlist</a> › provider</p>' +
    header(view) +
    (view.job ? renderJobNotice(view.job) : '') +
    (nothingYet ? '<p class="notice">Nothing is stored for this provider yet: re-scrape to fetch its page and reports.</p>' : '') +
    `<section class="card rescrape" aria-label="Re-scrape"><h2>Re-scrape</h2>${renderScrapeForm({ urn: view.urn, ...view.form })}</section>` +
    timeline(view) +
    (view.history.length ? managers(view.history) : '') +
    reports(view) +
    downloads(view.urn);
  const name = displayName(view);
  return page({
    title: `${name} (${view.urn})`,
    body: trusted(body), // until this page is written with html``
    ...(pending ? { refreshSeconds: JOB_REFRESH_SECONDS } : {}),
    feeds: [
      { href: `${providerHref(view.urn)}/events.atom`, title: `Events for ${name}`, type: 'atom' },
      { href: `${providerHref(view.urn)}/events.rss`, title: `Events for ${name}`, type: 'rss' },
    ],
  });
}

/** 404: nothing stored for the URN and it is not watched; offers the form so it can be fetched. */
export function renderProviderNotFound(urn: string, form: Omit<ScrapeFormView, 'urn'>): string {
  return page({
    title: `${urn}: not known yet`,
    body: trusted(
      `<h1>Nothing stored for ${escapeHtml(urn)}</h1>` +
      `<div class="notice"><p>This provider has never been scraped and is not on the watchlist. Re-scrape to fetch its Ofsted page and reports now.</p></div>` +
      `<section class="card rescrape" aria-label="Re-scrape"><h2>Fetch ${escapeHtml(urn)}</h2>${renderScrapeForm({ urn, ...form, label: 'Fetch it now' })}</section>` +
      '<p><a href="/watchlist">Back to the watchlist</a></p>',
    ),
  });
}
