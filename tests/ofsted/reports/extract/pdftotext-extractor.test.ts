import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OfstedMonitorError, UnreadableReportError } from '../../../../src/errors.js';
import { PdftotextExtractor } from '../../../../src/ofsted/reports/extract/pdftotext-extractor.js';
import { realPdf } from './bad-pdfs.js';

const ILACS = 'ilacs/derby_80459_ilacs_2025-07-08.pdf';
const SCHOOL = 'school/school_103980_old_report.pdf';

describe('PdftotextExtractor', () => {
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => assert.fail('expected UnreadableReportError'),
      (err: unknown) => {
        assert.ok(err instanceof UnreadableReportError, String(err));
        return err;
      },
    );

  it('splits pages on form feeds, keeping empty pages and dropping only the trailing piece', async () => {
    const pages = await new PdftotextExtractor().extract(realPdf(SCHOOL));
    assert.equal(pages.length, 13);
    assert.match(pages[0]!, /School report/);
    assert.ok(pages.every((p) => !p.includes('\f')));
  });

  it('kills pdftotext when it runs past the timeout', async () => {
    const started = performance.now();
    const err = await refusal(new PdftotextExtractor({ timeoutMs: 20 }).extract(realPdf(ILACS)));
    assert.equal(err.message, 'reading the PDF took longer than 20 ms; it may be damaged or built to be slow');
    assert.ok(performance.now() - started < 1_000);
  });

  it('caps pdftotext\'s memory: a PDF needing more than the cap is refused, not read', async () => {
    // 40 MB of padding after a real report: pdftotext holds all of stdin, so it needs over 40 MB.
    const padded = Buffer.concat([realPdf(SCHOOL), Buffer.alloc(40 * 1024 * 1024, 0x20)]);
    const capped = new PdftotextExtractor({ maxMemoryMb: 40, maxBytes: 64 * 1024 * 1024 });
    const err = await refusal(capped.extract(padded));
    assert.match(err.message, /^reading the PDF needed more than 40 MB of memory/);
    // The same file reads under the default cap: the cap, not the file, made the difference.
    const pages = await new PdftotextExtractor({ maxBytes: 64 * 1024 * 1024 }).extract(padded);
    assert.equal(pages.length, 13);
  });

  it('stops at maxPages + 1 pages and refuses the PDF', async () => {
    const err = await refusal(new PdftotextExtractor({ maxPages: 5 }).extract(realPdf(SCHOOL)));
    // The school report's page tree is visible, so the cheap count answers before pdftotext runs.
    assert.equal(err.message, 'the PDF has 13 pages; an Ofsted report has far fewer (limit 5)');
  });

  it('says pdftotext could not start, not that the PDF is bad, when the command is missing', async () => {
    const err = await new PdftotextExtractor({ command: 'pdftotext-not-installed' }).extract(realPdf(SCHOOL)).catch((e: unknown) => e);
    assert.ok(err instanceof OfstedMonitorError);
    assert.ok(!(err instanceof UnreadableReportError));
    assert.match(err.message, /^pdftotext could not start/);
  });
});
