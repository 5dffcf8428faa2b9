import type { FeedItem } from './feed-items.js';
import { html, type Html } from '../../render/html.js';
import { xmlClean as x } from './xml-text.js';

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

/** The XML declaration and a document written with the html tag, whose escapes (&amp; &lt; &#39; &#x2F;…) are XML's too. */
function xmlDocument(root: Html): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${root}\n`;
}

/** An Atom 1.0 document (RFC 4287). */
export function atomFeed(meta: FeedMeta, items: readonly FeedItem[]): string {
  const entries = items.map(
    (i) =>
      html`<entry><id>${x(i.id)}</id><title type="text">${x(i.title)}</title><link rel="alternate" type="text/html" href="${x(i.link)}"/><updated>${x(isoUtc(i.at))}</updated><published>${x(isoUtc(i.at))}</published><category term="${x(i.category)}"/><summary type="text">${x(i.text)}</summary><content type="html">${x(i.html)}</content></entry>`,
  );
  const next = meta.nextUrl ? html`<link rel="next" type="application/atom+xml" href="${x(meta.nextUrl)}"/>` : null;
  return xmlDocument(
    html`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB"><id>${x(meta.id)}</id><title type="text">${x(meta.title)}</title><updated>${x(isoUtc(updated(meta, items)))}</updated><link rel="self" type="application/atom+xml" href="${x(meta.selfUrl)}"/><link rel="alternate" type="text/html" href="${x(meta.pageUrl)}"/>${next}<author><name>ofsted-monitor</name></author><generator>ofsted-monitor</generator>${entries}</feed>`,
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
      html`<item><title>${x(i.title)}</title><link>${x(i.link)}</link><guid isPermaLink="false">${x(i.id)}</guid><pubDate>${x(rfc822(i.at))}</pubDate><category>${x(i.category)}</category><description>${x(i.html)}</description></item>`,
  );
  const next = meta.nextUrl ? html`<atom:link rel="next" type="application/rss+xml" href="${x(meta.nextUrl)}"/>` : null;
  return xmlDocument(
    html`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>${x(meta.title)}</title><link>${x(meta.pageUrl)}</link><description>${x(`${meta.title}: change events found by ofsted-monitor`)}</description><language>en-gb</language><lastBuildDate>${x(rfc822(updated(meta, items)))}</lastBuildDate><atom:link rel="self" type="application/rss+xml" href="${x(meta.selfUrl)}"/>${next}<generator>ofsted-monitor</generator>${entries}</channel></rss>`,
  );
}
