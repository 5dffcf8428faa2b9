import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadInputError } from '../../../../src/errors.js';
import { createExtractor } from '../../../../src/ofsted/reports/extract/create-extractor.js';
import { PdfParseExtractor } from '../../../../src/ofsted/reports/extract/pdf-parse-extractor.js';
import { PdftotextExtractor } from '../../../../src/ofsted/reports/extract/pdftotext-extractor.js';

describe('createExtractor', () => {
  it('picks pdftotext for auto when it is installed', async () => {
    const e = createExtractor('auto');
    assert.ok(e instanceof PdftotextExtractor);
    await e.close();
  });

  it('falls back to pdf-parse for auto when pdftotext is missing', async () => {
    const e = createExtractor('auto', { pdftotextCommand: 'pdftotext-not-installed' });
    assert.ok(e instanceof PdfParseExtractor);
    await e.close();
  });

  it('gives what was asked for', async () => {
    const a = createExtractor('pdf-parse');
    const b = createExtractor('pdftotext');
    assert.equal(a.name, 'pdf-parse');
    assert.equal(b.name, 'pdftotext');
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses pdftotext where it is not installed, naming the way out', () => {
    assert.throws(
      () => createExtractor('pdftotext', { pdftotextCommand: 'pdftotext-not-installed' }),
      (err: unknown) => err instanceof BadInputError && /install it or set PDF_EXTRACTOR=pdf-parse/.test(err.message),
    );
  });

  it('passes limits through', async () => {
    const e = createExtractor('pdftotext', { maxPages: 7, timeoutMs: 1234 }) as PdftotextExtractor;
    assert.equal(e.limits.maxPages, 7);
    assert.equal(e.limits.timeoutMs, 1234);
    assert.equal(e.limits.maxBytes, 25 * 1024 * 1024);
    await e.close();
  });
});
