import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UnreadableReportError } from '../../../../src/errors.js';
import { PdfParseExtractor } from '../../../../src/ofsted/reports/extract/pdf-parse-extractor.js';
import { PdftotextExtractor } from '../../../../src/ofsted/reports/extract/pdftotext-extractor.js';
import type { TextExtractor } from '../../../../src/ofsted/reports/extract/text-extractor.js';
import { parseReportPages } from '../../../../src/ofsted/reports/parse-report.js';
import {
  encryptedCopy,
  HTML_PAGE,
  hugeFile,
  manyPagePdf,
  randomWithHeader,
  REAL_PDF_DIR,
  realPdf,
  withHiddenPageTree,
} from './bad-pdfs.js';

// The LA corpus (la-corpus/) is read whole, with both extractors, by tests/ofsted/reports/real-la-corpus/.
const REAL = readdirSync(REAL_PDF_DIR, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.pdf') && !f.startsWith('la-corpus/'))
  .sort();
// Page counts read from each file with `pdfinfo` when the fixtures were added.
const PAGES: Record<string, number> = {
  'ilacs/derby_80459_ilacs_2022-05-11.pdf': 11,
  'ilacs/derby_80459_ilacs_2025-07-08.pdf': 13,
  'ilacs/derby_80459_sif_2017-06-13.pdf': 35,
  'ilacs/north_northamptonshire_2637539_ilacs_2026-07-07_no_overall.pdf': 12,
  'la_focused_visit/derby_80459_focused_visit_2023-11-29.pdf': 3,
  'school/school_103980_old_report.pdf': 13,
};

/** How long any bad input may take to be refused, ms: far below the 20 s extraction timeout. */
const REFUSAL_BUDGET_MS = 5_000;

describe('text extractors', () => {
  let dir: string;
  const bad = new Map<string, Buffer>();
  const extractors: TextExtractor[] = [new PdftotextExtractor(), new PdfParseExtractor({ poolSize: 1 })];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'extractors-test-'));
    const school = realPdf('school/school_103980_old_report.pdf');
    bad.set('zero bytes', Buffer.alloc(0));
    bad.set('an HTML page', HTML_PAGE);
    bad.set('a truncated real PDF', school.subarray(0, Math.floor(school.length / 3)));
    bad.set('random bytes after a %PDF header', randomWithHeader(64 * 1024));
    bad.set('a password-protected PDF', encryptedCopy(school, dir));
    const long = await manyPagePdf(300);
    bad.set('a 300-page PDF', long);
    bad.set('a 300-page PDF whose page tree is compressed', withHiddenPageTree(long, dir));
    bad.set('a 50 MB file', hugeFile(50));
  });
  after(async () => {
    await Promise.all(extractors.map((e) => e.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('has every real PDF fixture on the page-count list', () => {
    assert.deepEqual(REAL, Object.keys(PAGES).sort());
  });

  for (const extractor of extractors) {
    describe(extractor.name, () => {
      for (const file of REAL) {
        it(`reads every page of the real report ${file}`, async () => {
          const pages = await extractor.extract(realPdf(file));
          assert.equal(pages.length, PAGES[file]);
          // Every real report names Ofsted and reads as an inspection report.
          assert.match(pages.join('\n'), /Ofsted/);
          assert.ok(parseReportPages(pages).kind, file);
        });
      }

      it('leaves the caller\'s bytes intact', async () => {
        const pdf = realPdf('la_focused_visit/derby_80459_focused_visit_2023-11-29.pdf');
        const copy = Buffer.from(pdf);
        await extractor.extract(pdf);
        assert.equal(pdf.length, copy.length);
        assert.ok(pdf.equals(copy));
      });

      const expected: [string, RegExp][] = [
        ['zero bytes', /^the file is empty \(0 bytes\), not a PDF$/],
        ['an HTML page', /^the file is an HTML page, not a PDF$/],
        ['a truncated real PDF', /damaged or truncated|cannot be read/],
        ['random bytes after a %PDF header', /damaged or truncated|cannot be read|not a PDF/],
        ['a password-protected PDF', /^the PDF is password-protected$/],
        ['a 300-page PDF', /^the PDF has 300 pages; an Ofsted report has far fewer \(limit 200\)$/],
        ['a 300-page PDF whose page tree is compressed', /^the PDF has (300|more than 200) pages; an Ofsted report has far fewer/],
        ['a 50 MB file', /^the file is 50 MB; an Ofsted report is far smaller$/],
      ];
      for (const [what, message] of expected) {
        it(`refuses ${what} with one line, quickly`, async () => {
          const started = performance.now();
          const err = await extractor.extract(bad.get(what)!).then(
            () => assert.fail('expected UnreadableReportError'),
            (e: unknown) => e,
          );
          const took = performance.now() - started;
          assert.ok(err instanceof UnreadableReportError, String(err));
          assert.match(err.message, message);
          assert.doesNotMatch(err.message, /\n/);
          assert.ok(took < REFUSAL_BUDGET_MS, `took ${Math.round(took)} ms`);
        });
      }
    });
  }
});
