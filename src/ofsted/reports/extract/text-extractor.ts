/**
 * Turns a PDF into the text of each of its pages. Two implementations exist (poppler's pdftotext and
 * pdf-parse); the report parsers must read the text of either, so they never depend on one tool's quirks.
 */
export interface TextExtractor {
  readonly name: string;
  /** Text of each page, in order. Throws UnreadableReportError with one clear line for bad input. */
  extract(pdf: Uint8Array): Promise<string[]>;
  /** Release workers or child processes, if any. */
  close(): Promise<void>;
}
