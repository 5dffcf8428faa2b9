import { PDFParse, InvalidPDFException, PasswordException } from 'pdf-parse';
import { UnreadableReportError } from '../../errors.js';

export interface ExtractOptions {
  /**
   * Largest page count accepted; Ofsted reports run to 10-60 pages, so anything far longer is
   * not one and would only cost time and memory. @defaultValue 200
   */
  maxPages?: number;
}

/** Text of each page of a PDF, via pdf-parse (pdf.js). Throws UnreadableReportError with one clear line. */
export async function extractPdfPages(data: Uint8Array, options: ExtractOptions = {}): Promise<string[]> {
  const maxPages = options.maxPages ?? 200;
  if (data.length === 0) throw new UnreadableReportError('the file is empty (0 bytes), not a PDF');
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) {
    const looksHtml = /<(?:!doctype|html|head|body)/i.test(head);
    throw new UnreadableReportError(looksHtml ? 'the file is an HTML page, not a PDF' : 'the file is not a PDF');
  }

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
    throw toUnreadable(err);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

function toUnreadable(err: unknown): Error {
  if (err instanceof UnreadableReportError) return err;
  if (err instanceof PasswordException) return new UnreadableReportError('the PDF is password-protected', { cause: err });
  if (err instanceof InvalidPDFException) {
    return new UnreadableReportError('the PDF is damaged or truncated and cannot be read', { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new UnreadableReportError(`the PDF cannot be read (${message.split('\n')[0]})`, { cause: err });
}
