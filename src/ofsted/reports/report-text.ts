import { normaliseText } from '../vocabulary.js';

/**
 * A report's text made fit for label matching: quotes, dashes and spaces normalised, running headers,
 * footers and page numbers removed, so a label split by a page break reads as one.
 */
export interface ReportText {
  /** Body lines in reading order, trimmed, without running headers/footers; blank lines dropped. */
  lines: string[];
  /** `lines` joined with single spaces: what label regexes run over (wrapped labels become whole). */
  flat: string;
  /** Character offset in `flat` where each line starts (parallel to `lines`). */
  lineStarts: number[];
  pageCount: number;
}

const PAGE_NUMBER_LINE = /^(?:page\s*)?\d{1,3}(?:\s*(?:of|\/)\s*\d{1,3})?$/i;
const PAGE_MARKER_LINE = /^--\s*\d+\s*of\s*\d+\s*--$/;

/**
 * A page's own number ("7", "Page 7 of 12"): near the page's position, so that a table cell that happens to
 * open a page with a number ("34", a regulation) is kept. A cover or contents page may shift numbering a little.
 */
function isPageNumber(line: string, ordinal: number): boolean {
  if (!PAGE_NUMBER_LINE.test(line)) return false;
  const n = Number(/\d+/.exec(line)![0]);
  return Math.abs(n - ordinal) <= 2;
}

/**
 * Shape of a line for spotting repeats: page-number-sized numbers folded so "Page 2 of 7" and "Page 3 of 7"
 * look the same, while a URN ("118505") keeps its digits and is never mistaken for a page number.
 */
function shapeOf(line: string): string {
  return line
    .toLowerCase()
    .replace(/\d+/g, (d) => (d.length <= 3 ? '#' : d))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Build ReportText from per-page text. A line counts as running header/footer when its shape appears
 * within the first or last few lines of at least half the pages (and on at least two).
 */
export function buildReportText(pages: readonly string[]): ReportText {
  const pageLines = pages.map((p) =>
    normaliseText(p)
      .split('\n')
      .map((l) => l.replace(/[ \t]+/g, ' ').trim())
      .filter((l) => l.length > 0 && !PAGE_MARKER_LINE.test(l)),
  );

  const EDGE = 4;
  const seenOnPages = new Map<string, number>();
  for (const lines of pageLines) {
    const edge = new Set([...lines.slice(0, EDGE), ...lines.slice(-EDGE)].map(shapeOf));
    for (const s of edge) seenOnPages.set(s, (seenOnPages.get(s) ?? 0) + 1);
  }
  const pageCount = pageLines.length;
  // Running headers and footers stand on (nearly) every page; a line that merely happens to open two pages
  // of a longer report ("Registered provider: X" on the title page and in the details) is content.
  const threshold = pageCount <= 3 ? 2 : Math.max(3, Math.ceil(pageCount / 2));
  const running = new Set([...seenOnPages].filter(([, n]) => n >= threshold && pageCount >= 2).map(([s]) => s));

  const lines: string[] = [];
  pageLines.forEach((page, p) => {
    page.forEach((line, i) => {
      const head = i < EDGE;
      const foot = i >= page.length - EDGE;
      // The first page's opening lines are its title, which later pages may repeat as their running header
      // ("Inspection of Bracknell Forest local authority children's services"): keep them there.
      const title = p === 0 && head;
      // A bare number is a page number where it matches the page, or in the footer where every page has one;
      // at the top of a page it may be a table's cell (a regulation number) carried over from the last page.
      const drop = PAGE_NUMBER_LINE.test(line)
        ? (head || foot) && (isPageNumber(line, p + 1) || (foot && running.has(shapeOf(line))))
        : (head || foot) && !title && running.has(shapeOf(line));
      if (drop) return;
      lines.push(line);
    });
  });

  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  return { lines, flat: lines.join(' '), lineStarts, pageCount };
}

/** Index of the line containing character offset `pos` of `flat`. */
export function lineAt(text: ReportText, pos: number): number {
  let lo = 0;
  let hi = text.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((text.lineStarts[mid] ?? 0) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Split prose into sentences; keeps abbreviations like "e.g." together well enough for quoting. */
export function sentences(prose: string): string[] {
  return prose
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=["'(]?[A-Z])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The paragraphs of the flat-text span [from, to), rebuilt from line lengths: a line that ends a sentence
 * well short of the span's full line width ends its paragraph, and so does a short line with no final
 * stop (a heading). Extractors keep lines but not blank lines, so this is the only trace of them left.
 */
export function paragraphsBetween(text: ReportText, from: number, to: number): string[] {
  if (to <= from) return [];
  const first = lineAt(text, from);
  const last = lineAt(text, Math.max(from, to - 1));
  const lines: string[] = [];
  for (let i = first; i <= last; i++) {
    const start = text.lineStarts[i]!;
    const line = text.lines[i]!;
    lines.push(line.slice(Math.max(0, from - start), Math.max(0, Math.min(line.length, to - start))).trim());
  }
  // Full width: the median length of lines that continue a sentence (they run to the margin).
  const widths = lines.filter((l) => l.length > 40 && !/[.!?:]["')]?$/.test(l)).map((l) => l.length).sort((a, b) => a - b);
  const full = widths[Math.floor(widths.length / 2)] ?? Math.max(0, ...lines.map((l) => l.length));
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (!line) continue;
    current.push(line);
    const short = line.length < full * 0.8;
    if (short && (/[.!?:]["')]?$/.test(line) || !/[,;]$/.test(line))) {
      paragraphs.push(current.join(' '));
      current = [];
    }
  }
  if (current.length) paragraphs.push(current.join(' '));
  return paragraphs;
}
