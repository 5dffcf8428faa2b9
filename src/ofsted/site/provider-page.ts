// Reads a provider page (reports.ofsted.gov.uk/provider/<category>/<URN>) into a ProviderPage.
// Tolerant by design: report links are found by their /v1/file/<id> href and details by label text,
// so a change of class names or of list/table/dl layout does not silently lose data.
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { PageShapeError } from '../../errors.js';
import type { ProviderPage, ReportLink } from '../types.js';
import { normaliseUrn } from '../urn.js';
import { providerPathOf, reportFileOf } from './file-url.js';
import { loadHtml, type HtmlSource } from './html-document.js';
import { labelledValues, PAGE_CHROME, valueFor, type LabelledValue } from './labelled-values.js';
import { parseDate } from '../dates.js';
import { cleanText } from './page-text.js';

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

/**
 * Parse a provider page (its HTML, or the document already loaded, which this changes: scripts are
 * dropped). Throws PageShapeError when there is no title, no URN label and no report link.
 */
export function parseProviderPage(source: HtmlSource, pageUrl: string, filesOrigin: string): ProviderPage {
  const $ = loadHtml(source);
  $('script, style, template').remove();
  const files = new URL(filesOrigin).origin;
  const fromUrl = providerPathOf(pageUrl);

  const reports = reportLinks($, files);
  const reportItems = new Set(reports.flatMap((r) => (r.item ? [r.item] : [])));
  const pairs = labelledValues($, undefined, PAGE_CHROME).filter((p) => trustedPair($, p, reportItems));

  const name = pageTitle($);
  const urnPair = valueFor(pairs, LABELS.urn);
  if (!name && !urnPair && reports.length === 0) {
    throw new PageShapeError(
      `provider page for ${fromUrl?.urn ?? pageUrl} no longer has the expected shape (no title, URN or report links)`,
    );
  }

  const urn =
    (urnPair && normaliseUrn(urnPair.value)) ??
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
    reports: reports.map((r) => r.link),
  };
}

function pageTitle($: CheerioAPI): string | null {
  const h1 = $('main h1').first().length ? $('main h1').first() : $('h1').first();
  const text = cleanText(h1.text());
  return text || null;
}

/** Skip pairs inside report rows: their "Type: Full inspection" is not the provider's type. (Chrome is left out already.) */
function trustedPair($: CheerioAPI, pair: LabelledValue, reportItems: Set<AnyNode>): boolean {
  for (let n: AnyNode | null = pair.element; n; n = n.parent) {
    if ('name' in n && (n.name === 'li' || n.name === 'tr')) {
      if (reportItems.has(n)) return false;
      break;
    }
  }
  return $(pair.element).find('a[href*="/v1/file/"]').length === 0;
}

interface FoundReport {
  link: ReportLink;
  /** The list item or row holding the link, if any. */
  item: AnyNode | undefined;
}

function reportLinks($: CheerioAPI, filesOrigin: string): FoundReport[] {
  const byId = new Map<string, FoundReport>();
  $('a[href]').each((_, el) => {
    const file = reportFileOf($(el).attr('href') ?? '', filesOrigin);
    if (!file) return;
    const a = $(el);
    const title = linkTitle($, a) || `report ${file.fileId}`;
    const date = reportDate($, a, title);
    const seen = byId.get(file.fileId);
    if (!seen) {
      byId.set(file.fileId, { link: { fileId: file.fileId, url: file.url, title, date }, item: a.closest('li, tr').get(0) });
      return;
    }
    // The same file linked twice (icon + text, say): keep the fuller title and any date found.
    if (title.length > seen.link.title.length) seen.link.title = title;
    seen.link.date ??= date;
  });
  return [...byId.values()];
}

/** The fuller of the link's hidden (screen-reader) text, visible text, aria-label and title. */
function linkTitle($: CheerioAPI, a: Cheerio<Element>): string {
  const hidden = a.find(HIDDEN_TEXT);
  const visible = a.clone();
  visible.find(HIDDEN_TEXT).remove();
  const candidates = [
    ...hidden.toArray().map((h) => $(h).text()),
    visible.text(),
    a.attr('aria-label') ?? '',
    a.attr('title') ?? '',
  ].map(cleanText);
  return candidates.reduce((best, c) => (c.length > best.length ? c : best), '');
}

/**
 * The date the page shows for a report: a <time> in its list item/row, else date text in that item
 * (outside the link, whose title usually names the inspection date instead), else the nearest <time>
 * further up (a date heading over several reports), else a date in the link's own title.
 */
function reportDate($: CheerioAPI, a: Cheerio<Element>, title: string): string | null {
  const item = a.closest('li, tr');
  const container = item.length ? item : a.parent();
  const link = a.get(0)!;
  if (container.find('time').length) return nearestTime($, container, link);
  const outside = parseDate(textOutside(container.contents().toArray(), link));
  if (outside) return outside;
  for (let up = container.parent(); up.length; up = up.parent()) {
    if (up.find('time').length) return nearestTime($, up, link);
  }
  return parseDate(title);
}

/** Within `scope`, the last <time> before the link in document order, else the first after it. */
function nearestTime($: CheerioAPI, scope: Cheerio<AnyNode>, link: Element): string | null {
  let before: Element | undefined;
  let after: Element | undefined;
  let passed = false;
  scope.find('time, a').each((_, el) => {
    if (el === link) passed = true;
    else if (el.tagName === 'time') {
      if (!passed) before = el;
      else after ??= el;
    }
  });
  const chosen = before ?? after;
  if (!chosen) return null;
  const t = $(chosen);
  return parseDate(t.attr('datetime') ?? '') ?? parseDate(t.text());
}

function textOutside(nodes: AnyNode[], skip: Element): string {
  let text = '';
  for (const n of nodes) {
    if (n === skip) continue;
    if (n.nodeType === 3 && 'data' in n) text += ` ${n.data}`;
    else if ('children' in n) text += textOutside(n.children, skip);
  }
  return text;
}
