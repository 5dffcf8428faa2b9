import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnreadableReportError } from '../../../../src/errors.js';
import { checkPdfBytes, declaredPageCount } from '../../../../src/ofsted/reports/extract/pdf-precheck.js';

const LIMITS = { maxBytes: 1000, maxPages: 10 };
const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('checkPdfBytes', () => {
  const refuses = (data: Uint8Array, message: string | RegExp) =>
    assert.throws(() => checkPdfBytes(data, LIMITS), (err: unknown) => err instanceof UnreadableReportError && (typeof message === 'string' ? err.message === message : message.test(err.message)));

  it('refuses no bytes', () => refuses(new Uint8Array(0), 'the file is empty (0 bytes), not a PDF'));
  it('refuses more bytes than the limit, in whole MB rounded up', () => {
    assert.throws(() => checkPdfBytes(Buffer.alloc(3 * 1048576 + 1, 0x25), { maxBytes: 3 * 1048576, maxPages: 10 }), {
      message: 'the file is 4 MB; an Ofsted report is far smaller',
    });
  });
  it('names an HTML page as such', () => refuses(bytes('\n  <!doctype html><html><body>Sorry</body></html>'), 'the file is an HTML page, not a PDF'));
  it('refuses anything without a PDF header in its first KB', () => refuses(bytes('PK\u0003\u0004 a zip file'), 'the file is not a PDF'));
  it('accepts a header after a little junk, as readers do', () => checkPdfBytes(bytes('junk\n%PDF-1.4\n'), LIMITS));
  it('refuses a page tree declaring more pages than the limit', () =>
    refuses(bytes('%PDF-1.4\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 11 >>\nendobj\n'), 'the PDF has 11 pages; an Ofsted report has far fewer (limit 10)'));
});

describe('declaredPageCount', () => {
  it('takes the largest /Count of the /Type /Pages objects (the root holds the total)', () => {
    const pdf = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [4 0 R 5 0 R] /Count 42 >>\nendobj\n' +
      '4 0 obj\n<</Type/Pages/Parent 2 0 R/Count 40/Kids[]>>\nendobj\n';
    assert.equal(declaredPageCount(bytes(pdf)), 42);
  });
  it('ignores the /Count of outlines', () => {
    assert.equal(declaredPageCount(bytes('%PDF-1.4\n9 0 obj\n<< /Type /Outlines /Count 500 >>\nendobj\n')), null);
  });
  it('does not mistake /Type /Page for the page tree', () => {
    assert.equal(declaredPageCount(bytes('%PDF-1.4\n3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n7 0 obj << /Count 900 >> endobj')), null);
  });
  it('is null when no page tree is visible (object streams)', () => {
    assert.equal(declaredPageCount(bytes('%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 3 >>\nstream\nxx\nendstream\nendobj\n')), null);
  });
});
