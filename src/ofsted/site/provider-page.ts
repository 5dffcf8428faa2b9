// Reads a provider page (reports.ofsted.gov.uk/provider/<category>/<URN>) into a ProviderPage.
// Tolerant where Ofsted's layout has moved (report links are found by their /v1/file/<id> href, details
// by label text, so a change of class names or of list/table/dl layout loses nothing), strict where a
// misreading would be silent: each report's publication date must come from its link's own
// "<Title>, pdf - <DD Month YYYY>" text, and any other date only from the report's own timeline item.
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { PageShapeError } from '../../errors.js';
import type { ProviderPage, ReportLink } from '../types.js';
import { normaliseUrn } from '../urn.js';
import { providerPathOf, reportFileOf } from './file-url.js';
import { loadHtml, type HtmlSource } from './html-document.js';
import { labelledValues, PAGE_CHROME, valueFor, type LabelledValue } from './labelled-values.js';
import { cleanText } from './page-text.js';
import { publicationText } from './publication-text.js';
import { parseDate } from '../dates.js';

export { looksLikeChallenge, looksLikeScriptShell } from './page-detectors.js';

/** Label wordings per field, preferred first. */
const LABELS = {
  urn: ['urn', 'unique reference number'],
  providerType: ['provider type', 'type of provider', 'type', 'provider category', 'category'],
  localAuthority: ['local authority', 'local authority area'],
  owner: ['registered provider', 'organisation which owns the provider', 'owner', 'provider owner', 'owned by'],
} as const;

/** Class names screen-reader-only text has gone by; Ofsted uses "nonvisual". */
const HIDDEN_TEXT = '.nonvisual, .visually-hidden, .govuk-visually-hidden, .sr-only, .screen-reader-text';

/** Timeline items that are events, not reports: the provider opening or being registered. */
const NOT_A_REPORT = /\btimeline__day--(?:opened|registered)\b/;

/** An anonymised children's home is titled by its URN ("URN: SC123456"): that is no name. */
const URN_TITLE = /^urn\s*:\s*(\S+)$/i;

/**
 * Parse a provider page (its HTML, or the document already loaded, which this changes: scripts are
 * dropped). Throws PageShapeError when the page has no title, URN or report link, and when a report's
 * links carry no "<Title>, pdf - <date>" text: the page has changed shape, and reading on would take
 * some other date for the publication date.
 */
export function parseProviderPage(source: HtmlSource, pageUrl: string, filesOrigin: string): ProviderPage {
  const $ = loadHtml(source);
  $('script, style, template').remove();
  const files = new URL(filesOrigin).origin;
  const fromUrl = providerPathOf(pageUrl);
  const who = fromUrl?.urn ?? pageUrl;

  const found = reportLinks($, files, who);
  const untrusted = new Set([...found.items, ...nonReportItems($)]);
  const pairs = labelledValues($, undefined, PAGE_CHROME).filter((p) => trustedPair($, p, untrusted));

  const heading = pageHeading($);
  const titleUrn = heading ? URN_TITLE.exec(heading)?.[1] ?? null : null;
  const name = titleUrn ? null : heading;
  const urnPair = valueFor(pairs, LABELS.urn);
  if (!heading && !urnPair && found.reports.length === 0) {
    throw new PageShapeError(`provider page for ${who} no longer has the expected shape (no title, URN or report links)`);
  }

  const urn =
    (urnPair && normaliseUrn(urnPair.value)) ??
    (titleUrn && normaliseUrn(titleUrn)) ??
    (fromUrl && normaliseUrn(fromUrl.urn)) ??
    urnPair?.value ??
    fromUrl?.urn ??
    '';
  return {
    provider: {
      urn,
      name,
      category: fromUrl?.category ?? '',
      providerType: valueFor(pairs, LABELS.providerType)?.value ?? null,
      localAuthority: valueFor(pairs, LABELS.localAuthority)?.value ?? null,
      owner: valueFor(pairs, LABELS.owner)?.value ?? null,
      url: pageUrl,
    },
    reports: found.reports,
  };
}

/**
 * True when a page read without a browser shows anything of a provider (a title, a URN label or a report
 * link). A page with scripts and none of these is a shell to render, whatever chrome surrounds it.
 */
export function hasProviderContent(source: HtmlSource, filesOrigin: string): boolean {
  const $ = loadHtml(source);
  if (cleanText(firstHeading($).text())) return true;
  const files = new URL(filesOrigin).origin;
  if ($('a[href]').toArray().some((a) => reportFileOf(a.attribs['href'] ?? '', files))) return true;
  return valueFor(labelledValues($, undefined, PAGE_CHROME), LABELS.urn) !== null;
}

function firstHeading($: CheerioAPI): Cheerio<Element> {
  return $('main h1').first().length ? $('main h1').first() : $('h1').first();
}

function pageHeading($: CheerioAPI): string | null {
  return cleanText(firstHeading($).text()) || null;
}

function nonReportItems($: CheerioAPI): Element[] {
  return $('li[class], tr[class]')
    .toArray()
    .filter((el) => NOT_A_REPORT.test(el.attribs['class'] ?? ''));
}

/** Skip pairs inside report rows and event items: their "Type: Full inspection" is not the provider's type. */
function trustedPair($: CheerioAPI, pair: LabelledValue, untrusted: Set<AnyNode>): boolean {
  for (let n: AnyNode | null = pair.element; n; n = n.parent) {
    if ('name' in n && (n.name === 'li' || n.name === 'tr')) {
      if (untrusted.has(n)) return false;
      break;
    }
  }
  return $(pair.element).find('a[href*="/v1/file/"]').length === 0;
}

/** One report file as the page links it, possibly from several anchors (text link + icon). */
interface LinkedFile {
  fileId: string;
  url: string;
  /** Every text each anchor offers (hidden span, visible text, aria-label, title), in document order. */
  texts: string[];
  /** The list items or rows holding its anchors. */
  items: Set<Element>;
}

function reportLinks($: CheerioAPI, filesOrigin: string, who: string): { reports: ReportLink[]; items: Element[] } {
  const byId = new Map<string, LinkedFile>();
  $('a[href]').each((_, el) => {
    const file = reportFileOf(el.attribs['href'] ?? '', filesOrigin);
    if (!file) return;
    const a = $(el);
    const item = a.closest('li, tr').get(0) as Element | undefined;
    if (item && NOT_A_REPORT.test(item.attribs['class'] ?? '')) return;
    const seen = byId.get(file.fileId) ?? { ...file, texts: [], items: new Set<Element>() };
    byId.set(file.fileId, seen);
    seen.texts.push(...linkTexts($, a));
    if (item) seen.items.add(item);
  });

  // Which items hold which files: an item shared by several reports has no date of any one of them.
  const filesPerItem = new Map<Element, number>();
  for (const f of byId.values()) for (const item of f.items) filesPerItem.set(item, (filesPerItem.get(item) ?? 0) + 1);

  const read = [...byId.values()].map((f) => ({ f, hidden: f.texts.map(publicationText).find((p) => p !== null) ?? null }));
  // No link in the "<title>, pdf - <date>" form at all: the page has changed shape, and any date found now
  // would be a guess. One odd link among many keeps its report, with no publication date.
  const odd = read.find((r) => !r.hidden);
  if (odd && read.every((r) => !r.hidden)) {
    throw new PageShapeError(
      `provider page for ${who} lists report ${odd.f.fileId} without the "<title>, pdf - <date>" text that gives its ` +
        `publication date (found: ${JSON.stringify(odd.f.texts[0] ?? '')}); the page no longer has the expected shape`,
    );
  }
  const reports = read.map(({ f, hidden }): ReportLink => {
    const own = ownItem(f.items);
    const itemDate = own && filesPerItem.get(own) === 1 ? ownDate($, own) : null;
    const title = hidden?.title ?? (f.texts.reduce((best, t) => (t.length > best.length ? t : best), '') || `report ${f.fileId}`);
    return { fileId: f.fileId, url: f.url, title, publishedAt: hidden?.publishedAt ?? null, itemDate };
  });
  return { reports, items: [...filesPerItem.keys()] };
}

/** The report's own item: its only one, else its only timeline item (a "latest report" box links it too). */
function ownItem(items: Set<Element>): Element | null {
  if (items.size === 1) return [...items][0]!;
  const timeline = [...items].filter((el) => /\btimeline__day\b/.test(el.attribs['class'] ?? ''));
  return timeline.length === 1 ? timeline[0]! : null;
}

/** The anchor's hidden (screen-reader) texts, visible text, aria-label and title, cleaned, non-empty. */
function linkTexts($: CheerioAPI, a: Cheerio<Element>): string[] {
  const hidden = a.find(HIDDEN_TEXT);
  const visible = a.clone();
  visible.find(HIDDEN_TEXT).remove();
  return [
    ...hidden.toArray().map((h) => $(h).text()),
    visible.text(),
    a.attr('aria-label') ?? '',
    a.attr('title') ?? '',
  ]
    .map(cleanText)
    .filter(Boolean);
}

/**
 * The date of a report's own item: the `<time>` of its `.timeline__date`, else its only `<time>`.
 * Null when the item has none, or several that disagree: nothing outside the item is ever consulted.
 */
function ownDate($: CheerioAPI, item: Element): string | null {
  const scope = $(item);
  const marked = scope.find('.timeline__date time');
  const times = (marked.length ? marked : scope.find('time')).toArray();
  // Real tags are bare (<time>23 January 2023</time>); a datetime attribute, where there is one, is exact.
  const dates = new Set(times.map((t) => parseDate(t.attribs['datetime'] ?? '') ?? parseDate($(t).text())));
  if (dates.size !== 1) return null;
  return [...dates][0] ?? null;
}
