export { createExtractor, sharedExtractor, EXTRACTOR_PREFERENCES, type ExtractorPreference, type CreateExtractorOptions } from './create-extractor.js';
export { DEFAULT_EXTRACTOR_LIMITS, DEFAULT_MAX_PDF_BYTES, type ExtractorLimits, type ExtractorOptions } from './extractor-limits.js';
export { PdfParseExtractor, type PdfParseExtractorOptions } from './pdf-parse-extractor.js';
export { PdftotextExtractor, type PdftotextExtractorOptions } from './pdftotext-extractor.js';
export { checkPdfBytes, declaredPageCount } from './pdf-precheck.js';
export type { TextExtractor } from './text-extractor.js';
