// Checks a generated PDF with poppler's pdftotext: every labelled fact must really be in its text, it must
// stay small, and a requirements table meant to break across pages must do so with its header repeated.

import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

export const MAX_PDF_BYTES = 150 * 1024;

/** Quotes, dashes and spaces folded so that a fact matches however the PDF renders it. */
export function normalise(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00A0\u2000-\u200B\u202F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  return text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
}

/** The text with running header/footer lines and bare page numbers removed (they interrupt sentences). */
function bodyText(pages: string[], running: string[]): string {
  const runningSet = new Set(running.map(normalise).filter(Boolean));
  return pages
    .flatMap((p) => p.split('\n'))
    .filter((line) => {
      const n = normalise(line);
      if (/^(?:page )?\d{1,3}(?: of \d{1,3})?$/i.test(n)) return false;
      const withoutNumber = n.replace(/\s+(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$/i, '');
      return !runningSet.has(n) && !runningSet.has(withoutNumber);
    })
    .join('\n');
}

export interface VerifyOptions {
  facts: readonly string[];
  running: readonly string[];
  expectTableBreak: boolean;
}

export interface VerifyResult {
  /** Wrong content: a fact missing, the file too big. */
  problems: string[];
  /** Page-flow accidents another seed of the same report avoids (a table header orphaned at a page foot). */
  layoutProblems: string[];
  /** How the requirements table fell on the pages, for the label's notes. */
  observations: string[];
}

const HEADER_LINE = /^Due date\s*$/m;

/** For each page holding a requirements table header: whether anything of the table follows it there. */
function tableHeaders(pages: string[], running: readonly string[]): { continued: number; orphans: number } {
  let continued = 0;
  let orphans = 0;
  for (const page of pages) {
    const at = page.search(HEADER_LINE);
    if (at < 0) continue;
    const rest = normalise(bodyText([page.slice(at).replace(HEADER_LINE, '')], [...running]));
    if (rest.length > 0) continued++;
    else orphans++;
  }
  return { continued, orphans };
}

export function verifyPdf(file: string, options: VerifyOptions): VerifyResult {
  const problems: string[] = [];
  const layoutProblems: string[] = [];
  const observations: string[] = [];
  const size = statSync(file).size;
  if (size > MAX_PDF_BYTES) problems.push(`${size} bytes (limit ${MAX_PDF_BYTES})`);
  const pages = pdfPages(file);
  const text = normalise(bodyText(pages, [...options.running]));
  for (const fact of options.facts) {
    if (!text.includes(normalise(fact))) problems.push(`text lacks "${fact}"`);
  }
  const table = tableHeaders(pages, options.running);
  if (table.orphans > 0) layoutProblems.push('a requirements table header sits alone at the foot of a page');
  if (options.expectTableBreak && table.continued < 2) {
    layoutProblems.push(`requirements table does not break across pages (header with rows on ${table.continued} page(s))`);
  }
  if (table.continued >= 2) observations.push('the requirements table continues on the next page under a repeated header row');
  return { problems, layoutProblems, observations };
}
