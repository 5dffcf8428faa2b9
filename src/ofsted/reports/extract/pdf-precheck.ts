import { UnreadableReportError } from '../../../errors.js';
import type { ExtractorLimits } from './extractor-limits.js';
import { tooLargeMessage } from './limit-messages.js';

/**
 * Refuse what is plainly not a report PDF before any reader is started: no bytes, too many bytes, an HTML
 * page (what a proxy or an error page serves as "the PDF"), no PDF header, or a page tree declaring more
 * pages than any report has. Pure; throws UnreadableReportError with one line.
 */
export function checkPdfBytes(data: Uint8Array, limits: Pick<ExtractorLimits, 'maxBytes' | 'maxPages'>): void {
  if (data.length === 0) throw new UnreadableReportError('the file is empty (0 bytes), not a PDF');
  if (data.length > limits.maxBytes) throw new UnreadableReportError(tooLargeMessage(data.length));
  // Readers accept the header anywhere in the first 1 KB (some producers prepend junk).
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.length, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) {
    const looksHtml = /<(?:!doctype|html|head|body)\b/i.test(head);
    throw new UnreadableReportError(looksHtml ? 'the file is an HTML page, not a PDF' : 'the file is not a PDF');
  }
  const pages = declaredPageCount(data);
  if (pages !== null && pages > limits.maxPages) {
    throw new UnreadableReportError(`the PDF has ${pages} pages; an Ofsted report has far fewer (limit ${limits.maxPages})`);
  }
}

const PAGES_TYPE = /\/Type\s*\/Pages(?![A-Za-z])/g;
const COUNT = /\/Count\s+(\d{1,9})/g;

/**
 * The page count a PDF's page tree declares, when its page-tree objects are stored uncompressed (most
 * producers; not those using object streams): the largest /Count of any /Type /Pages object. Null when
 * none is visible, so the reader's own page cap decides.
 */
export function declaredPageCount(data: Uint8Array): number | null {
  const text = Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1');
  let max: number | null = null;
  let seen = 0;
  for (const m of text.matchAll(PAGES_TYPE)) {
    // A page tree has one node per ~10 pages; a file with thousands is lying, and need not cost more time.
    if (++seen > 2_000) break;
    // The object holding this /Type: from its "obj" keyword to its "endobj" (bounded, for damaged files).
    const start = Math.max(text.lastIndexOf(' obj', m.index), m.index - 4096, 0);
    const endAt = text.indexOf('endobj', m.index);
    const end = endAt === -1 || endAt - m.index > 65_536 ? Math.min(text.length, m.index + 65_536) : endAt;
    for (const c of text.slice(start, end).matchAll(COUNT)) {
      const n = Number(c[1]);
      if (max === null || n > max) max = n;
    }
  }
  return max;
}
