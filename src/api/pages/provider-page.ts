// The provider page (/providers/<URN>): who it is, its timeline, its managers, every report, and the
// re-scrape button. Pure: data in, a whole HTML document out.
import { formatDateRange, formatTimestamp } from '../../alerts/render/format-dates.js';
import { capitalise, kindLabel } from '../../alerts/render/labels.js';
import type { HistoryEntry, ProviderRecord, StoredReport } from '../../store/store.js';
import { jobIsPending, renderJobNotice, type JobLookup } from './job-notice.js';
import type { ChangeEvent } from '../../ofsted/types.js';
import { html, type Html } from '../../render/html.js';
import { emailPreviewHref } from './email-preview-links.js';
import { EVENT_TYPE_LABEL, fromToText, summaryText } from './event-text.js';
import { gradeBadge, page, safeHref, shortDay } from './layout.js';
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
  /** The provider's latest events, newest first (a few: the events page has them all). */
  events: readonly ChangeEvent[];
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

function fact(label: string, value: Html | string | null): Html | null {
  return value && String(value) ? html`<dt>${label}</dt><dd>${value}</dd>` : null;
}

function header(view: ProviderPageView): Html {
  const p = view.provider;
  const latest = latestGraded(view.history);
  const latestHtml = latest
    ? html`${gradeBadge(latest.overall)} <span class="small muted">${kindLabel(latest.kind)}, ${shortDay(latest.inspectionStart)}</span>`
    : gradeBadge(null);
  const ofsted = safeHref(p?.url);
  return html`<h1>${displayName(view)} <span class="muted small">${view.urn}</span></h1><div class="card"><dl class="facts">${[
    fact('URN', view.urn),
    fact('Type', p?.providerType ?? null),
    fact('Local authority', p?.localAuthority ?? null),
    fact('Owner', p?.owner ? html`<a href="${ownerHref(p.owner)}">${p.owner}</a>` : null),
    fact('Latest overall grade', latestHtml),
    fact('Last scraped', p?.lastScrapedAt ? formatTimestamp(p.lastScrapedAt) : html`<span class="muted">never</span>`),
    fact('Closed', p?.closedAt ? html`no longer listed by Ofsted since ${shortDay(p.closedAt)}` : null),
    fact('Watched', view.watched ? 'yes, checked on every sweep' : 'no'),
    fact('On Ofsted', ofsted ? html`<a href="${ofsted}">provider page</a>` : null),
  ]}</dl></div>`;
}

/** The chart's numbers as a table, for screen readers and anyone who wants the figures. */
function timelineTable(history: readonly HistoryEntry[]): Html {
  const rows = [...history]
    .reverse()
    .map(
      (h) =>
        html`<tr><td>${formatDateRange(h.inspectionStart, h.inspectionEnd) ?? 'date unknown'}</td><td><a href="#${reportAnchor(h.fileId)}">${capitalise(kindLabel(h.kind))}</a></td><td>${entryOutcome(h) || '–'}</td></tr>`,
    );
  return html`<details class="chart-data"><summary>The timeline as a table</summary><div class="table-wrap"><table><thead><tr><th>Inspection</th><th>Kind</th><th>Outcome</th></tr></thead><tbody>${rows}</tbody></table></div></details>`;
}

/** A key to the markers the chart actually shows. */
function legend(history: readonly HistoryEntry[]): Html | null {
  const marks = timelineLayout(history).marks;
  const has = (test: (m: (typeof marks)[number]) => boolean) => marks.some(test);
  const items = [
    has((m) => m.lane === 'graded') && html`<li><span class="key graded">●</span> graded inspection (the line joins them)</li>`,
    has((m) => m.outcome === 'improved') && html`<li><span class="key interim-improved">▲</span> interim: improved</li>`,
    has((m) => m.lane === 'interim' && m.outcome !== 'improved' && m.outcome !== 'declined') &&
      html`<li><span class="key interim-sustained">◆</span> interim: sustained</li>`,
    has((m) => m.outcome === 'declined') && html`<li><span class="key interim-declined">▼</span> interim: declined</li>`,
    has((m) => m.lane === 'visit') && html`<li><span class="key visit">■</span> visit or ungraded report</li>`,
  ].filter((i): i is Html => i !== false);
  return items.length ? html`<ul class="legend small muted">${items}</ul>` : null;
}

function timeline(view: ProviderPageView): Html {
  if (view.history.length === 0) return html`<h2>Timeline</h2><p class="muted">No inspection stored yet.</p>`;
  const chart = renderTimelineChart(view.history, { title: `Inspections of ${displayName(view)} (${view.urn})`, idPrefix: 'timeline' });
  // The scroll box starts at its right end on a phone (site.css), where the latest inspection is.
  return html`<h2>Timeline</h2><figure class="chart"><div class="chart-scroll">${chart}</div><figcaption class="small">${timelineSummary(view.history)}</figcaption></figure>${legend(view.history)}${timelineTable(view.history)}`;
}

function managers(history: readonly HistoryEntry[]): Html {
  const spans = managerSpans(history);
  if (spans.length === 0) return html`<h2>Registered managers</h2><p class="muted">No report names a registered manager.</p>`;
  const items = spans
    .slice()
    .reverse()
    .map((s) => {
      const dates = s.from === s.to ? shortDay(s.from) : html`${shortDay(s.from)} – ${shortDay(s.to)}`;
      return html`<li><strong>${s.name}</strong>, ${dates} <span class="small muted">(named in ${s.reports} report${s.reports === 1 ? '' : 's'})</span></li>`;
    });
  return html`<h2>Registered managers</h2><p class="small muted">As named in each report, newest first; dates are the inspections that named them.</p><ul class="plain managers">${items}</ul>`;
}

/** The provider's latest events, each with the alert email it sends (previewed, never sent from here). */
function recentEvents(view: ProviderPageView): Html | null {
  if (view.events.length === 0) return null;
  const rows = view.events.map(
    (e) =>
      html`<tr><td>${shortDay(e.at)}</td><td>${EVENT_TYPE_LABEL[e.type] ?? e.type}${e.backfill ? html` <span class="small muted">(history)</span>` : null}</td><td>${fromToText(e) || summaryText(e)}</td><td><a href="${emailPreviewHref(e.id)}">email</a></td></tr>`,
  );
  return html`<h2>Latest events</h2><div class="table-wrap"><table class="events"><thead><tr><th>Raised</th><th>Event</th><th>Change</th><th>Alert</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function reports(view: ProviderPageView): Html | null {
  const sections = [...view.history].reverse().map(renderReportSection);
  const unreadable = view.unreadable.length
    ? html`<h3>Reports that could not be read</h3><ul class="plain unreadable">${view.unreadable.map(
        (r) =>
          html`<li>${r.title} ${r.publishedAt ? html`<span class="small muted">(${shortDay(r.publishedAt)})</span>` : null} · ${pdfLink(r.url)}${r.error ? html`<br><span class="small muted">${r.error}</span>` : null}</li>`,
      )}</ul>`
    : null;
  if (sections.length === 0 && !unreadable) return null;
  return html`<h2>Reports</h2>${sections}${unreadable}`;
}

function downloads(urn: string): Html {
  const base = providerHref(urn);
  return html`<p class="small">History as <a href="${base}/history.csv">CSV</a> · events as <a href="${base}/events.atom">Atom</a> or <a href="${base}/events.rss">RSS</a> · <a href="/events?urn=${encodeURIComponent(urn)}">events page</a></p>`;
}

/** The whole provider page; reloads itself every 2 seconds while its re-scrape job is pending. */
export function renderProviderPage(view: ProviderPageView): string {
  const pending = view.job !== null && 'found' in view.job && jobIsPending(view.job.found.state);
  const nothingYet = view.provider === null && view.history.length === 0;
  const body = html`<p class="small muted"><a href="/watchlist">Watchlist</a> › provider</p>${header(view)}${view.job ? renderJobNotice(view.job) : null}${
    nothingYet ? html`<p class="notice">Nothing is stored for this provider yet: re-scrape to fetch its page and reports.</p>` : null
  }<section class="card rescrape" aria-label="Re-scrape"><h2>Re-scrape</h2>${renderScrapeForm({ urn: view.urn, ...view.form })}</section>${timeline(view)}${
    view.history.length ? managers(view.history) : null
  }${recentEvents(view)}${reports(view)}${downloads(view.urn)}`;
  const name = displayName(view);
  return page({
    title: `${name} (${view.urn})`,
    body,
    ...(pending ? { refreshSeconds: JOB_REFRESH_SECONDS } : {}),
    feeds: [
      { href: `${providerHref(view.urn)}/events.atom`, title: `Events for ${name}`, type: 'atom' },
      { href: `${providerHref(view.urn)}/events.rss`, title: `Events for ${name}`, type: 'rss' },
    ],
  });
}

/** 404: nothing stored for the URN and it is not watched; offers the form so it can be fetched. */
export function renderProviderNotFound(urn: string, form: Omit<ScrapeFormView, 'urn'>): string {
  const body = html`<h1>Nothing stored for ${urn}</h1><div class="notice"><p>This provider has never been scraped and is not on the watchlist. Re-scrape to fetch its Ofsted page and reports now.</p></div><section class="card rescrape" aria-label="Re-scrape"><h2>Fetch ${urn}</h2>${renderScrapeForm({ urn, ...form, label: 'Fetch it now' })}</section><p><a href="/watchlist">Back to the watchlist</a></p>`;
  return page({ title: `${urn}: not known yet`, body });
}
