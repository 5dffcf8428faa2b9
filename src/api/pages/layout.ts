// The frame every dashboard page shares: escaped title, navigation, the stylesheet, no script.
import { safeHref } from '../../alerts/render/escape-html.js';
import { formatDay } from '../../alerts/render/format-dates.js';
import { GRADE_LABEL, type Grade } from '../../ofsted/vocabulary.js';
import { html, type Html } from '../../render/html.js';

export { safeHref };

/** Pages: styles from /assets only, forms post back here, nothing else (no script at all). */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const SITE_CSS_PATH = '/assets/site.css';

/** The navigation, in order; `/` is the declines view, the landing page. */
const NAV: readonly { href: string; label: string }[] = [
  { href: '/', label: 'Declines' },
  { href: '/watchlist', label: 'Watchlist' },
  { href: '/events', label: 'Events' },
  { href: '/sweeps', label: 'Sweeps' },
  { href: '/docs', label: 'API' },
];

export interface PageOptions {
  /** Plain text; escaped here. */
  title: string;
  /** The page's content, written with html``. */
  body: Html;
  /** Reload after this many seconds (e.g. while a re-scrape runs); works without JavaScript. */
  refreshSeconds?: number;
  /** Feeds to advertise in <head>: Atom or RSS URLs with a title. */
  feeds?: { href: string; title: string; type: 'atom' | 'rss' }[] | undefined;
  /** The navigation entry to mark as the current page (its href). */
  current?: string;
}

/** A whole HTML document. */
export function page(o: PageOptions): string {
  const feeds = (o.feeds ?? []).map((f) => html`<link rel="alternate" type="application/${f.type}+xml" title="${f.title}" href="${f.href}">`);
  const refresh = o.refreshSeconds ? html`<meta http-equiv="refresh" content="${Math.max(1, Math.round(o.refreshSeconds))}">` : null;
  const nav = NAV.map((n) => html`<a href="${n.href}"${n.href === o.current ? html` aria-current="page"` : null}>${n.label}</a>`);
  return String(html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ofsted-monitor</title>${refresh}<link rel="stylesheet" href="${SITE_CSS_PATH}">${feeds}</head><body>
<header class="site"><a class="brand" href="/">ofsted-monitor</a><nav class="site" aria-label="Dashboard">${nav}</nav></header>
<main>${o.body}</main></body></html>`);
}

/** A grade as a coloured badge; "not graded" for none. */
export function gradeBadge(grade: Grade | null | undefined): Html {
  if (!grade) return html`<span class="badge none">not graded</span>`;
  return html`<span class="badge ${grade}">${GRADE_LABEL[grade]}</span>`;
}

/** "29 Oct 2019" for an ISO date or timestamp (the same wording as the alert emails); nothing for none. */
export function shortDay(iso: string | null | undefined): Html {
  return html`${iso ? formatDay(iso.slice(0, 10)) : ''}`;
}
