// The frame every dashboard page shares: escaped title, navigation, the stylesheet, no script.
import { escapeHtml, safeHref } from '../../alerts/render/escape-html.js';
import { formatDay } from '../../alerts/render/format-dates.js';
import { GRADE_LABEL, type Grade } from '../../ofsted/vocabulary.js';

export { escapeHtml, safeHref };

/** Pages: styles from /assets only, forms post back here, nothing else (no script at all). */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const SITE_CSS_PATH = '/assets/site.css';

export interface PageOptions {
  /** Plain text; escaped here. */
  title: string;
  /** Trusted HTML: the page's renderer escaped everything it took from data. */
  body: string;
  /** Reload after this many seconds (e.g. while a re-scrape runs); works without JavaScript. */
  refreshSeconds?: number;
  /** Feeds to advertise in <head>: Atom or RSS URLs with a title. */
  feeds?: { href: string; title: string; type: 'atom' | 'rss' }[];
}

/** A whole HTML document. */
export function page(o: PageOptions): string {
  const feeds = (o.feeds ?? [])
    .map((f) => `<link rel="alternate" type="application/${f.type}+xml" title="${escapeHtml(f.title)}" href="${escapeHtml(f.href)}">`)
    .join('');
  const refresh = o.refreshSeconds ? `<meta http-equiv="refresh" content="${Math.max(1, Math.round(o.refreshSeconds))}">` : '';
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(o.title)} · ofsted-monitor</title>${refresh}` +
    `<link rel="stylesheet" href="${SITE_CSS_PATH}">${feeds}</head><body>` +
    '<header class="site"><a class="brand" href="/">ofsted-monitor</a>' +
    '<a href="/">Watchlist</a><a href="/events">Events</a><a href="/docs">API</a></header>' +
    `<main>${o.body}</main></body></html>`
  );
}

/** A grade as a coloured badge; "not graded" for none. */
export function gradeBadge(grade: Grade | null | undefined): string {
  if (!grade) return '<span class="badge none">not graded</span>';
  return `<span class="badge ${grade}">${escapeHtml(GRADE_LABEL[grade])}</span>`;
}

/** "29 Oct 2019" for an ISO date or timestamp (the same wording as the alert emails); "" for none. */
export function shortDay(iso: string | null | undefined): string {
  return iso ? escapeHtml(formatDay(iso.slice(0, 10))) : '';
}
