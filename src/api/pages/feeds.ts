import type { FeedItem } from './feed-items.js';
import { xmlText } from './xml-text.js';

/** What a feed says about itself; every URL absolute. */
export interface FeedMeta {
  /** Stable id (a tag URI). */
  id: string;
  title: string;
  /** Where this feed itself is served. */
  selfUrl: string;
  /** The HTML page showing the same events. */
  pageUrl: string;
  /** For `updated` when the feed has no entries (an empty feed still needs one). */
  now: string;
  /** The page of older entries (RFC 5005 paged feed), when there is one. */
  nextUrl?: string;
}

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';
export const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';

/** Newest entry's time, so an unchanged feed is byte for byte the same (readers and caches compare). */
function updated(meta: FeedMeta, items: readonly FeedItem[]): string {
  return items.reduce((latest, i) => (i.at > latest ? i.at : latest), items.length ? '' : meta.now);
}

function isoUtc(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toISOString();
}

/** An Atom 1.0 document (RFC 4287). */
export function atomFeed(meta: FeedMeta, items: readonly FeedItem[]): string {
  const entries = items.map(
    (i) =>
      '<entry>' +
      `<id>${xmlText(i.id)}</id>` +
      `<title type="text">${xmlText(i.title)}</title>` +
      `<link rel="alternate" type="text/html" href="${xmlText(i.link)}"/>` +
      `<updated>${xmlText(isoUtc(i.at))}</updated>` +
      `<published>${xmlText(isoUtc(i.at))}</published>` +
      `<category term="${xmlText(i.category)}"/>` +
      `<summary type="text">${xmlText(i.text)}</summary>` +
      `<content type="html">${xmlText(i.html)}</content>` +
      '</entry>',
  );
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">' +
    `<id>${xmlText(meta.id)}</id>` +
    `<title type="text">${xmlText(meta.title)}</title>` +
    `<updated>${xmlText(isoUtc(updated(meta, items)))}</updated>` +
    `<link rel="self" type="application/atom+xml" href="${xmlText(meta.selfUrl)}"/>` +
    `<link rel="alternate" type="text/html" href="${xmlText(meta.pageUrl)}"/>` +
    (meta.nextUrl ? `<link rel="next" type="application/atom+xml" href="${xmlText(meta.nextUrl)}"/>` : '') +
    '<author><name>ofsted-monitor</name></author>' +
    '<generator>ofsted-monitor</generator>' +
    `${entries.join('')}</feed>\n`
  );
}

/** RFC 822 date as RSS wants it ("Tue, 29 Oct 2019 06:00:00 GMT"). */
function rfc822(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toUTCString();
}

/** An RSS 2.0 document, with an atom:link to itself as the RSS Advisory Board recommends. */
export function rssFeed(meta: FeedMeta, items: readonly FeedItem[]): string {
  const entries = items.map(
    (i) =>
      '<item>' +
      `<title>${xmlText(i.title)}</title>` +
      `<link>${xmlText(i.link)}</link>` +
      `<guid isPermaLink="false">${xmlText(i.id)}</guid>` +
      `<pubDate>${xmlText(rfc822(i.at))}</pubDate>` +
      `<category>${xmlText(i.category)}</category>` +
      `<description>${xmlText(i.html)}</description>` +
      '</item>',
  );
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>' +
    `<title>${xmlText(meta.title)}</title>` +
    `<link>${xmlText(meta.pageUrl)}</link>` +
    `<description>${xmlText(`${meta.title}: change events found by ofsted-monitor`)}</description>` +
    '<language>en-gb</language>' +
    `<lastBuildDate>${xmlText(rfc822(updated(meta, items)))}</lastBuildDate>` +
    `<atom:link rel="self" type="application/rss+xml" href="${xmlText(meta.selfUrl)}"/>` +
    (meta.nextUrl ? `<atom:link rel="next" type="application/rss+xml" href="${xmlText(meta.nextUrl)}"/>` : '') +
    '<generator>ofsted-monitor</generator>' +
    `${entries.join('')}</channel></rss>\n`
  );
}
