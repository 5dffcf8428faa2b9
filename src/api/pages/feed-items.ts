import type { ChangeEvent, ProviderInfo } from '../../ofsted/types.js';
import { EVENT_TYPE_LABEL, fromToText, summaryText } from './event-text.js';
import { formatDay } from '../../alerts/render/format-dates.js';
import { html } from '../../render/html.js';
import { safeHref } from './layout.js';
import { providerHref } from './page-links.js';

/** Entries per feed document: readers poll often; older ones are on the next page (RFC 5005 rel="next"). */
export const FEED_LIMIT = 100;

/**
 * Tag URIs (RFC 4151) name feeds and entries. The authority is fixed, not the host the daemon is
 * reached on, so an entry keeps its id when PUBLIC_URL changes and a reader never shows it twice.
 */
const TAG = 'tag:ofsted-monitor,2025:';

/** A tag URI for this path; anything outside the URI's allowed characters is percent-encoded. */
export function tagUri(path: string): string {
  // TextEncoder rather than encodeURIComponent: a lone surrogate becomes U+FFFD instead of throwing.
  return TAG + path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu, (c) =>
    [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** One entry of a feed, ready for Atom or RSS. */
export interface FeedItem {
  id: string;
  title: string;
  /** Absolute link to the provider's page. */
  link: string;
  /** ISO timestamp the event was raised. */
  at: string;
  /** The event type (a category readers can filter on). */
  category: string;
  /** Plain-text description. */
  text: string;
  /** The same as HTML (escaped here), with links. */
  html: string;
}

export interface FeedItemContext {
  /** Absolute origin (and path prefix) of the dashboard, without a trailing slash. */
  baseUrl: string;
  providers: ReadonlyMap<string, Pick<ProviderInfo, 'name'>>;
  /** PDF address of each report, by fileId. */
  reportUrls: ReadonlyMap<string, string>;
}

/** The feed entry of one change event. */
export function feedItem(e: ChangeEvent, ctx: FeedItemContext): FeedItem {
  const name = ctx.providers.get(e.urn)?.name ?? null;
  const who = name ? `${name} (${e.urn})` : e.urn;
  const summary = summaryText(e);
  const moved = fromToText(e);
  const inspected = e.inspectionDate ? formatDay(e.inspectionDate.slice(0, 10)) : '';
  const pdf = e.fileId ? safeHref(ctx.reportUrls.get(e.fileId)) : null;
  const link = `${ctx.baseUrl}${providerHref(e.urn)}`;
  // A feed reader keeps entries it has shown: a superseded one says so, as the events page does.
  const stale = e.supersededBy ? 'No longer stands: an earlier inspection\'s report arrived late and came between the two reports this compared.' : null;
  const lines = [
    summary,
    stale,
    moved ? `${EVENT_TYPE_LABEL[e.type]}: ${moved}.` : null,
    inspected ? `Inspected ${inspected}.` : null,
    pdf ? `Report: ${pdf}` : null,
  ].filter((l): l is string => l !== null);
  const body = html`<p><a href="${link}">${who}</a>: ${summary}</p>${stale ? html`<p><strong>${stale}</strong></p>` : null}${moved ? html`<p>${EVENT_TYPE_LABEL[e.type]}: ${moved}.</p>` : null}${
    inspected ? html`<p>Inspected ${inspected}.</p>` : null
  }${pdf ? html`<p><a href="${pdf}">Read the report (PDF)</a></p>` : null}`;
  return {
    id: tagUri(`event/${e.id}`),
    title: `${who}: ${summary}${stale ? ' (no longer stands)' : ''}`,
    link,
    at: e.at,
    category: e.type,
    text: lines.join('\n'),
    html: String(body),
  };
}
