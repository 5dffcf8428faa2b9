import { UnreadableReportError } from '../../errors.js';
import type { ParsedReport } from '../types.js';
import { parseChildrensHomeReport, type ChildrensHomeKind } from './childrens-home.js';
import { detectReportKind } from './detect-kind.js';
import { extractPdfPages, type ExtractOptions } from './extract-text.js';
import { parseGenericReport } from './generic.js';
import { buildReportText } from './report-text.js';

/** Parse a report from its pages' text (pure: no I/O). Throws UnreadableReportError for non-reports. */
export function parseReportPages(pages: readonly string[]): ParsedReport {
  const text = buildReportText(pages);
  if (text.flat.trim().length < 40) {
    throw new UnreadableReportError('the PDF has no readable text (a scan or an empty document?)');
  }
  const kind = detectReportKind(text);
  if (!kind) throw new UnreadableReportError('the PDF is not an Ofsted inspection report');
  if (kind.startsWith('childrens-home-')) return parseChildrensHomeReport(text, kind as ChildrensHomeKind);
  return parseGenericReport(text, kind);
}

/** Extract and parse one report PDF. */
export async function parseReportPdf(data: Uint8Array, options?: ExtractOptions): Promise<ParsedReport> {
  return parseReportPages(await extractPdfPages(data, options));
}
