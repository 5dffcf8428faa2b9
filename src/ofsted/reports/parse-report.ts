import { UnreadableReportError } from '../../errors.js';
import type { ParsedReport } from '../types.js';
import { parseChildrensHomeReport, type ChildrensHomeKind } from './childrens-home.js';
import { detectReportKind } from './detect-kind.js';
import { sharedExtractor } from './extract/create-extractor.js';
import type { TextExtractor } from './extract/text-extractor.js';
import { parseGenericReport } from './generic.js';
import { parseLocalAuthorityReport, type LocalAuthorityKind } from './local-authority.js';
import { buildReportText } from './report-text.js';
import { parseSchoolReport } from './school.js';

/** Parse a report from its pages' text (pure: no I/O). Throws UnreadableReportError for non-reports. */
export function parseReportPages(pages: readonly string[]): ParsedReport {
  const text = buildReportText(pages);
  if (text.flat.trim().length < 40) {
    throw new UnreadableReportError('the PDF has no readable text (a scan or an empty document?)');
  }
  const kind = detectReportKind(text);
  if (!kind) throw new UnreadableReportError('the PDF is not an Ofsted inspection report');
  if (kind.startsWith('childrens-home-')) return parseChildrensHomeReport(text, kind as ChildrensHomeKind);
  if (kind.startsWith('la-')) return parseLocalAuthorityReport(text, kind as LocalAuthorityKind);
  if (kind === 'school') return parseSchoolReport(text);
  return parseGenericReport(text, kind);
}

export interface ParseReportPdfOptions {
  /** Reader of the PDF's text. @defaultValue sharedExtractor() (pdftotext when installed, else pdf-parse) */
  extractor?: TextExtractor;
}

/** Extract and parse one report PDF. Throws UnreadableReportError with one clear line for bad input. */
export async function parseReportPdf(data: Uint8Array, options: ParseReportPdfOptions = {}): Promise<ParsedReport> {
  const extractor = options.extractor ?? sharedExtractor();
  return parseReportPages(await extractor.extract(data));
}
