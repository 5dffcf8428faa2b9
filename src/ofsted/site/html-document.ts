// One way to load a page for every reader of it, so a page fetched once is parsed once.
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';

/** A parsed page, or its HTML still to parse. Readers take either, so a caller that has one passes it on. */
export type HtmlSource = string | CheerioAPI;

/**
 * Parse HTML with htmlparser2 in HTML mode rather than cheerio's default parse5: about three times
 * faster, and we read pages by links and label text, which never needs parse5's spec-exact tree repair.
 */
export function loadHtml(source: HtmlSource): CheerioAPI {
  if (typeof source !== 'string') return source;
  return cheerio.load(source, { xml: { xmlMode: false, decodeEntities: true } });
}
