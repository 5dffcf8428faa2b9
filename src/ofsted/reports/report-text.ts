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

/** Shape of a line for spotting repeats: digits folded so "Page 2 of 7" and "Page 3 of 7" look the same. */
function shapeOf(line: string): string {
  return line.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
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
  const threshold = Math.max(2, Math.ceil(pageCount / 2));
  const running = new Set([...seenOnPages].filter(([, n]) => n >= threshold && pageCount >= 2).map(([s]) => s));

  const lines: string[] = [];
  for (const page of pageLines) {
    page.forEach((line, i) => {
      const atEdge = i < EDGE || i >= page.length - EDGE;
      if (atEdge && (running.has(shapeOf(line)) || PAGE_NUMBER_LINE.test(line))) return;
      lines.push(line);
    });
  }

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
