import { InvalidPDFException, PasswordException, PDFParse } from 'pdf-parse';
import { UnreadableReportError } from '../../../errors.js';

/**
 * Text of each page via pdf-parse (pdf.js), in this thread and without a time or memory bound: the
 * PdfParseExtractor runs it inside a child process that supplies both. Assumes checkPdfBytes has passed.
 */
export async function readPagesWithPdfParse(data: Uint8Array, maxPages: number): Promise<string[]> {
  // pdf.js takes ownership of (and may detach) the buffer it is given: pass a copy.
  const parser = new PDFParse({ data: new Uint8Array(data), verbosity: 0 });
  try {
    const info = await parser.getInfo();
    if (info.total > maxPages) {
      throw new UnreadableReportError(`the PDF has ${info.total} pages; an Ofsted report has far fewer (limit ${maxPages})`);
    }
    const result = await parser.getText({ pageJoiner: '' });
    return result.pages.map((p) => p.text);
  } catch (err) {
    throw pdfParseFailure(err);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

/**
 * Whether pdf.js failed because memory was refused: an ArrayBuffer the address-space cap would not allow
 * (a stream inflating far beyond any report's size) surfaces as a RangeError, not as a crash.
 */
export function isAllocationFailure(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (/allocation failed|out of memory/i.test(e.message)) return true;
  }
  return false;
}

/** One clear line for whatever pdf.js threw. */
export function pdfParseFailure(err: unknown): UnreadableReportError {
  if (err instanceof UnreadableReportError) return err;
  if (err instanceof PasswordException) return new UnreadableReportError('the PDF is password-protected', { cause: err });
  if (err instanceof InvalidPDFException) {
    return new UnreadableReportError('the PDF is damaged or truncated and cannot be read', { cause: err });
  }
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]?.trim().slice(0, 160);
  return new UnreadableReportError(`the PDF cannot be read (${message || 'unknown error'})`, { cause: err });
}
