// Reads reports.ofsted.gov.uk/search result pages (REAL-EVIDENCE §2): ul.results-list > li.search-result,
// each with a title link to /provider/<category>/<URN>, "Category:", "Rating:", "Latest report:" and "URN:"
// lines; the page states its result count and links the next page with a.pagination__next.
// parseSearchResults is lenient (a URN lookup falls back to any provider link); parseSearchPage is strict,
// for discovery, where reading less than the page lists would lose reports.
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { parseDate } from '../dates.js';
import { normaliseUrn } from '../urn.js';
import { providerPathOf } from './file-url.js';
import { loadHtml, type HtmlSource } from './html-document.js';
import { labelledValues, valueFor } from './labelled-values.js';
import { cleanText } from './page-text.js';
import { SearchPageShapeError } from './search-page-shape-error.js';
import type { SiteOptions } from './site-options.js';

export interface SearchResult {
  urn: string;
  /** Site category path segment, e.g. "21" or "CARE". */
  category: string;
  /** Absolute provider page URL. */
  url: string;
  name: string;
  /** "Category: …" as the result shows it ("Primary", "Children's home"); null when it shows none. */
  categoryLabel: string | null;
  /** ISO publication date of the provider's latest report ("Latest report: …"); null when it shows none. */
  latestReportDate: string | null;
  /** "Rating: …" as the result shows it ("Good"); null when it shows none (many results have none). */
  rating: string | null;
}

/** One results page, read strictly. */
export interface SearchPage {
  results: SearchResult[];
  /** The result count the page states, for the whole search (all pages). */
  total: number;
  /** Absolute URL of the next page (a.pagination__next); null on the last page. */
  nextPageUrl: string | null;
}

/** Every provider a search results page lists, in page order, once each. */
export function parseSearchResults(source: HtmlSource, pageUrl: string): SearchResult[] {
  const $ = loadHtml(source);
  $('script, style, template').remove();
  if (saysNoResults($)) return [];

  let links = $('li.search-result')
    .toArray()
    .map((li) => $(li).find('a[href*="/provider/"]').first())
    .filter((a) => a.length > 0);
  if (links.length === 0) {
    links = $('a[href*="/provider/"]')
      .toArray()
      .map((a) => $(a))
      .filter((a) => a.closest('header, footer, nav').length === 0);
  }

  const results = new Map<string, SearchResult>();
  for (const a of links) {
    const result = resultOf($, a, pageUrl);
    if (result && !results.has(result.url)) results.set(result.url, result);
  }
  return [...results.values()];
}

function resultOf($: CheerioAPI, a: Cheerio<Element>, pageUrl: string): SearchResult | null {
  let url: URL;
  try {
    url = new URL(a.attr('href') ?? '', pageUrl);
  } catch {
    return null;
  }
  url.hash = '';
  const path = providerPathOf(url.href);
  if (!path) return null;
  const item = a.closest('li.search-result, li, tr, article');
  const pairs = item.length ? labelledValues($, item) : [];
  const latest = valueFor(pairs, ['latest report']);
  return {
    urn: normaliseUrn(path.urn) ?? path.urn.toUpperCase(),
    category: path.category,
    url: url.href,
    name: cleanText(a.text()),
    categoryLabel: valueFor(pairs, ['category', 'provider type', 'type'])?.value ?? null,
    latestReportDate: latest ? parseDate(latest.value) : null,
    rating: valueFor(pairs, ['rating'])?.value || null,
  };
}

export interface ParseSearchPageOptions {
  /**
   * Every result must show its latest report's date: true for a date-window search, where a result
   * without one cannot be placed in the window. @defaultValue true
   */
  requireDates?: boolean;
}

/**
 * A results page read strictly: every `li.search-result` must yield a provider link whose URN matches its
 * "URN:" line and a readable "Latest report" date (when required), and the stated count must agree with
 * what the page lists at its `start` and whether it links a next page. Anything else throws
 * SearchPageShapeError: a changed page must never read as "nothing new".
 */
export function parseSearchPage(source: HtmlSource, pageUrl: string, options: ParseSearchPageOptions = {}): SearchPage {
  const requireDates = options.requireDates ?? true;
  const $ = loadHtml(source);
  $('script, style, template').remove();
  const fail = (why: string): never => {
    throw new SearchPageShapeError(`Ofsted search page ${pageUrl} ${why}; the search page no longer has the expected shape`);
  };

  const total = statedCount($);
  if (total === null) fail('states no result count');
  const items = $('ul.results-list > li.search-result').toArray();
  const results: SearchResult[] = [];
  const seen = new Set<string>();
  items.forEach((li, i) => {
    const a = $(li).find('h3 a[href]').first();
    const result = a.length ? resultOf($, a, pageUrl) : null;
    if (!result) return fail(`lists result ${i + 1} without a provider link`);
    const pairs = labelledValues($, $(li));
    const urnLine = valueFor(pairs, ['urn'])?.value;
    if (!urnLine || (normaliseUrn(urnLine) ?? urnLine.toUpperCase()) !== result.urn) {
      return fail(`lists ${result.urn} with URN line ${JSON.stringify(urnLine ?? null)}`);
    }
    const latest = valueFor(pairs, ['latest report']);
    if (latest && !result.latestReportDate) return fail(`shows an unreadable latest report date for ${result.urn} (${JSON.stringify(latest.value)})`);
    if (!latest && requireDates) return fail(`lists ${result.urn} without its latest report date`);
    if (!seen.has(result.urn)) results.push(result);
    seen.add(result.urn);
  });

  const next = $('a.pagination__next[href]').first().attr('href');
  let nextPageUrl: string | null = null;
  if (next !== undefined) {
    try {
      nextPageUrl = new URL(next, pageUrl).href;
    } catch {
      fail(`links a next page it cannot resolve (${JSON.stringify(next)})`);
    }
  }

  const start = startOf(pageUrl);
  const listed = items.length;
  const count = total ?? 0;
  if (listed > count) fail(`lists ${listed} results but states ${count}`);
  if (nextPageUrl !== null && (listed === 0 || start + listed >= count)) {
    fail(`links a next page although results ${start + 1}-${start + listed} reach its stated ${count}`);
  }
  // Past the end (the list shrank between pages) is an empty last page, not a changed one.
  if (nextPageUrl === null && start + listed !== count && !(listed === 0 && start >= count)) {
    fail(`lists results ${start + 1}-${start + listed} of a stated ${count} and links no next page`);
  }
  return { results, total: count, nextPageUrl };
}

/** The count in `.results-count` ("61", "5,612"); null when the page states none. */
function statedCount($: CheerioAPI): number | null {
  const el = $('.results-count, .js-results-count').first();
  if (el.length) {
    const text = cleanText(el.text()).replace(/,/g, '');
    return /^\d+$/.test(text) ? Number(text) : null;
  }
  // No count element: only a page that says it found nothing is readable.
  return $('ul.results-list, li.search-result').length === 0 && /\bno results were found\b/i.test(cleanText($('main').text()))
    ? 0
    : null;
}

function startOf(pageUrl: string): number {
  try {
    const n = Number.parseInt(new URL(pageUrl).searchParams.get('start') ?? '0', 10);
    return Number.isFinite(n) && n > 0 ? n : 0;
  } catch {
    return 0;
  }
}

/** Our watch categories as the search's type codes (REAL-EVIDENCE §2; primary/secondary from the saved page). */
export const SEARCH_CATEGORY_CODES = {
  'childrens-homes': { level1: 3, level2: [11] },
  'la-childrens-services': { level1: 3, level2: [12] },
  schools: { level1: 1, level2: [1, 2] },
  'early-years': { level1: 2, level2: [7] },
} as const satisfies Record<string, { level1: number; level2: readonly number[] }>;

export type SearchCategory = keyof typeof SEARCH_CATEGORY_CODES;

/** The most rows a search page returns (since February 2025, REAL-EVIDENCE §2). */
export const MAX_SEARCH_ROWS = 100;

export interface SearchQuery {
  category: SearchCategory;
  /** ISO dates, inclusive, on the latest report's publication date; either may be left open. */
  from?: string;
  to?: string;
  /** @defaultValue 0 */
  start?: number;
  /** Capped at 100. @defaultValue 100 */
  rows?: number;
  /** Real local_authority[] codes (e.g. 886 Kent). */
  localAuthorities?: readonly number[];
  /** @defaultValue every status (a provider that closed after its report still counts) */
  status?: ReadonlyArray<'open' | 'closed'>;
}

const STATUS_CODES = { open: 1, closed: 2 } as const;

/** ISO "2025-03-07" to the search's "07-03-2025". */
function dmy(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new TypeError(`search dates must be ISO (YYYY-MM-DD), got ${JSON.stringify(iso)}`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/**
 * The search URL for one page of a category's providers whose latest report was published in the window,
 * newest first, in the real site's form:
 * `/search?q=&location=&radius=&level_1_types=3&level_2_types=11&latest_report_date_start=DD-MM-YYYY&…&start=0&rows=100&sort=date&order=desc`.
 */
export function buildSearchUrl(site: Pick<SiteOptions, 'reportsOrigin'>, query: SearchQuery): string {
  const codes = SEARCH_CATEGORY_CODES[query.category];
  if (!codes) throw new TypeError(`unknown search category ${JSON.stringify(query.category)}`);
  const rows = Math.min(Math.max(1, Math.trunc(query.rows ?? MAX_SEARCH_ROWS)), MAX_SEARCH_ROWS);
  const start = Math.max(0, Math.trunc(query.start ?? 0));
  const params = new URLSearchParams({ q: '', location: '', radius: '', level_1_types: String(codes.level1) });
  if (codes.level2.length === 1) params.append('level_2_types', String(codes.level2[0]));
  else codes.level2.forEach((c) => params.append('level_2_types[]', String(c)));
  params.append('latest_report_date_start', query.from ? dmy(query.from) : '');
  params.append('latest_report_date_end', query.to ? dmy(query.to) : '');
  for (const s of query.status ?? []) params.append('status[]', String(STATUS_CODES[s]));
  for (const la of query.localAuthorities ?? []) params.append('local_authority[]', String(la));
  params.append('start', String(start));
  params.append('rows', String(rows));
  params.append('sort', 'date');
  params.append('order', 'desc');
  return `${site.reportsOrigin.replace(/\/+$/, '')}/search?${params.toString()}`;
}

/** "0 results" in the count heading; checked so a chrome link is never mistaken for a result. */
function saysNoResults($: CheerioAPI): boolean {
  const count = $('.results-count, .js-results-count').first();
  if (count.length) return cleanText(count.text()) === '0';
  return /\b(?:0|no) results/i.test(cleanText($('main').text() || $('body').text()));
}

/** A local authority's name reduced for matching: "Bournemouth, Christchurch & Poole" = "… and Poole". */
export function localAuthorityKey(name: string): string {
  return name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z]+/g, ' ').trim();
}

/**
 * The search's own local_authority[] codes (e.g. 886 Kent), read from the filter the results page offers
 * (`select[name="local_authority[]"]`), keyed by localAuthorityKey. Empty when the page offers none.
 */
export function readLocalAuthorityCodes(source: HtmlSource): Map<string, number> {
  const $ = loadHtml(source);
  const codes = new Map<string, number>();
  $('select[name="local_authority[]"] option').each((_, el) => {
    const value = $(el).attr('value') ?? '';
    const label = cleanText($(el).text());
    if (/^\d+$/.test(value) && label) codes.set(localAuthorityKey(label), Number(value));
  });
  return codes;
}

/**
 * Which search category covers a provider, from what its page says (its provider type, or the site
 * category for LAs and childcare); null when the search has no code for it (special schools, fostering
 * agencies…): discovery cannot see those, the full sweep still reads them.
 */
export function searchCategoryOf(p: { providerType: string | null; category: string }): SearchCategory | null {
  const type = p.providerType ?? '';
  if (/children's home/i.test(type)) return 'childrens-homes';
  if (p.category === '44' || /^local authority children's services$/i.test(type)) return 'la-childrens-services';
  if (/^(?:primary|secondary)$/i.test(type)) return 'schools';
  if (p.category === '16' || /^(?:childminder|childcare|nursery|early years)/i.test(type)) return 'early-years';
  return null;
}
