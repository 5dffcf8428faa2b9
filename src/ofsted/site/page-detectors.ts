// Tell a real page from the two things a plain GET can get instead: a JavaScript shell that builds the
// page in the browser, or a bot challenge. Either way the caller should try the browser fallback.
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { looksLikeFileHref } from './file-url.js';
import { labelledValues } from './labelled-values.js';
import { cleanText } from './page-text.js';

const CHALLENGE_WORDING =
  /checking your browser|just a moment|enable javascript and cookies|verify(?:ing)? you are (?:a )?human|attention required/i;

/** True when the document has content we can read: a titled h1, a URN label or a report link. */
function hasProviderContent($: CheerioAPI): boolean {
  if (cleanText($('h1').first().text())) return true;
  if ($('a[href]').toArray().some((a) => looksLikeFileHref($(a).attr('href') ?? ''))) return true;
  return labelledValues($).some((p) => p.key === 'urn' || p.key === 'unique reference number');
}

/** No title/URN/report links, and either a <noscript> or a body whose only content is scripts. */
export function looksLikeScriptShell(html: string): boolean {
  const $ = cheerio.load(html);
  if (hasProviderContent($)) return false;
  if ($('noscript').length > 0) return true;
  const hasScripts = $('body script').length > 0;
  $('script, style, template, noscript').remove();
  return hasScripts && cleanText($('body').text()) === '';
}

/**
 * Challenge wording ("Checking your browser", "Just a moment", "enable JavaScript and cookies") and no
 * URN or report links. Unlike the shell test an h1 is allowed: challenge pages often carry one.
 */
export function looksLikeChallenge(html: string): boolean {
  const $ = cheerio.load(html);
  const hasUrn = labelledValues($).some((p) => p.key === 'urn' || p.key === 'unique reference number');
  const hasReports = $('a[href]').toArray().some((a) => looksLikeFileHref($(a).attr('href') ?? ''));
  if (hasUrn || hasReports) return false;
  $('script, style, template').remove();
  return CHALLENGE_WORDING.test(cleanText(`${$('title').text()} ${$('body').text()}`));
}
