// Kept for existing importers: extraction now lives in extract/ (bounded extractors, see create-extractor.ts).
import { DEFAULT_EXTRACTOR_LIMITS } from './extract/extractor-limits.js';
import { checkPdfBytes } from './extract/pdf-precheck.js';
import { readPagesWithPdfParse } from './extract/pdf-parse-pages.js';

export interface ExtractOptions {
  /**
   * Largest page count accepted; Ofsted reports run to 10-60 pages, so anything far longer is
   * not one and would only cost time and memory. @defaultValue 200
   */
  maxPages?: number;
}

/**
 * Text of each page of a PDF via pdf-parse, in this thread, with no time or memory bound. Prefer a
 * TextExtractor from createExtractor(). Throws UnreadableReportError with one clear line.
 */
export async function extractPdfPages(data: Uint8Array, options: ExtractOptions = {}): Promise<string[]> {
  const limits = { ...DEFAULT_EXTRACTOR_LIMITS, maxPages: options.maxPages ?? DEFAULT_EXTRACTOR_LIMITS.maxPages };
  checkPdfBytes(data, limits);
  return readPagesWithPdfParse(data, limits.maxPages);
}
