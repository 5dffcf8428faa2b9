// Reads reports.ofsted.gov.uk/search result pages: ul.results-list > li.search-result, each with a title
// link to /provider/<category>/<URN> and "Category: <strong>…</strong>". Falls back to any provider link
// when the classes change.
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { normaliseUrn } from '../urn.js';
import { providerPathOf } from './file-url.js';
import { loadHtml, type HtmlSource } from './html-document.js';
import { labelledValues, valueFor } from './labelled-values.js';
import { cleanText } from './page-text.js';

export interface SearchResult {
  urn: string;
  /** Site category path segment, e.g. "21" or "CARE". */
  category: string;
  /** Absolute provider page URL. */
  url: string;
  name: string;
  /** "Category: …" as the result shows it ("Primary", "Children's home"); null when it shows none. */
  categoryLabel: string | null;
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
  const category = item.length ? valueFor(labelledValues($, item), ['category', 'provider type', 'type']) : null;
  return {
    urn: normaliseUrn(path.urn) ?? path.urn.toUpperCase(),
    category: path.category,
    url: url.href,
    name: cleanText(a.text()),
    categoryLabel: category?.value ?? null,
  };
}

/** "0 results" in the count heading; checked so a chrome link is never mistaken for a result. */
function saysNoResults($: CheerioAPI): boolean {
  const count = $('.results-count, .js-results-count').first();
  if (count.length) return cleanText(count.text()) === '0';
  return /\b(?:0|no) results/i.test(cleanText($('main').text() || $('body').text()));
}
