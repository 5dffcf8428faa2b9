// Tell a real page from the two things a plain GET can get instead: a JavaScript shell that builds the
// page in the browser, or a bot challenge. Either way the caller should try the browser fallback.
// The tests read the document without changing it, so the page parser can use the same one afterwards.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { looksLikeFileHref } from './file-url.js';
import { loadHtml, type HtmlSource } from './html-document.js';
import { labelledValues } from './labelled-values.js';
import { cleanText } from './page-text.js';

const CHALLENGE_WORDING =
  /checking your browser|just a moment|enable javascript and cookies|verify(?:ing)? you are (?:a )?human|attention required/i;

const CODE = new Set(['script', 'style', 'template']);
// A shell's <noscript> is not content; a challenge's is where it says "enable JavaScript and cookies".
const CODE_AND_NOSCRIPT = new Set([...CODE, 'noscript']);

export type PageKind = 'content' | 'script-shell' | 'challenge';

/**
 * What a fetched page is. A report link or URN label means content whatever else the page says, so the
 * daily case (a provider page with reports) is settled by one pass over its links.
 */
export function classifyPage(source: HtmlSource): PageKind {
  const $ = loadHtml(source);
  if (hasReportLinks($) || hasUrnLabel($)) return 'content';
  if (CHALLENGE_WORDING.test(cleanText(`${$('title').text()} ${textWithout($('body').toArray(), CODE)}`))) return 'challenge';
  if (cleanText($('h1').first().text())) return 'content';
  if ($('noscript').length > 0) return 'script-shell';
  const hasScripts = $('body script').length > 0;
  return hasScripts && cleanText(textWithout($('body').toArray(), CODE_AND_NOSCRIPT)) === '' ? 'script-shell' : 'content';
}

/** No title/URN/report links, and either a <noscript> or a body whose only content is scripts. */
export function looksLikeScriptShell(source: HtmlSource): boolean {
  return classifyPage(source) === 'script-shell';
}

/**
 * Challenge wording ("Checking your browser", "Just a moment", "enable JavaScript and cookies") and no
 * URN or report links. Unlike the shell test an h1 is allowed: challenge pages often carry one.
 */
export function looksLikeChallenge(source: HtmlSource): boolean {
  return classifyPage(source) === 'challenge';
}

function hasReportLinks($: CheerioAPI): boolean {
  return $('a[href]').toArray().some((a) => looksLikeFileHref(a.attribs['href'] ?? ''));
}

function hasUrnLabel($: CheerioAPI): boolean {
  return labelledValues($).some((p) => p.key === 'urn' || p.key === 'unique reference number');
}

/** Text of the nodes leaving out the content of elements named in `skip`. */
function textWithout(nodes: readonly AnyNode[], skip: ReadonlySet<string>): string {
  let text = '';
  for (const n of nodes) {
    if (n.nodeType === 3 && 'data' in n) text += `${n.data} `;
    else if ('children' in n && !('name' in n && skip.has(n.name))) text += textWithout(n.children, skip);
  }
  return text;
}
