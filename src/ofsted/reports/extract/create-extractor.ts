import { BadInputError } from '../../../errors.js';
import { PdfParseExtractor, type PdfParseExtractorOptions } from './pdf-parse-extractor.js';
import { PdftotextExtractor } from './pdftotext-extractor.js';
import { commandAvailable } from './probe-command.js';
import type { TextExtractor } from './text-extractor.js';

/** Which reader turns PDFs into text (config PDF_EXTRACTOR). */
export const EXTRACTOR_PREFERENCES = ['auto', 'pdftotext', 'pdf-parse'] as const;
export type ExtractorPreference = (typeof EXTRACTOR_PREFERENCES)[number];

export type CreateExtractorOptions = PdfParseExtractorOptions & {
  /** The pdftotext executable. @defaultValue 'pdftotext' */
  pdftotextCommand?: string;
};

/**
 * A TextExtractor by preference. 'auto' takes pdftotext when it is installed (several times faster than
 * pdf.js on real reports, see tools/bench) and pdf-parse otherwise. Asking for pdftotext where it is not
 * installed is a configuration mistake, reported at once rather than on every report.
 */
export function createExtractor(preference: ExtractorPreference = 'auto', options: CreateExtractorOptions = {}): TextExtractor {
  const { pdftotextCommand = 'pdftotext', poolSize, maxTasksPerWorker, ...limits } = options;
  const wantPdftotext = preference === 'pdftotext' || (preference === 'auto' && commandAvailable(pdftotextCommand));
  if (wantPdftotext) {
    if (preference === 'pdftotext' && !commandAvailable(pdftotextCommand)) {
      throw new BadInputError(`${pdftotextCommand} is not installed (poppler-utils); install it or set PDF_EXTRACTOR=pdf-parse`);
    }
    return new PdftotextExtractor({ ...limits, command: pdftotextCommand });
  }
  return new PdfParseExtractor({ ...limits, poolSize, maxTasksPerWorker });
}

let shared: TextExtractor | undefined;

/**
 * The process-wide 'auto' extractor with default limits, made on first use, for callers that do not bring
 * their own. Holds no resource while idle (pdf-parse workers are unref'd), so it is never closed.
 */
export function sharedExtractor(): TextExtractor {
  shared ??= createExtractor('auto');
  return shared;
}
