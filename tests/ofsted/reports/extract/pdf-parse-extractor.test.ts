import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { UnreadableReportError } from '../../../../src/errors.js';
import { PdfParseExtractor } from '../../../../src/ofsted/reports/extract/pdf-parse-extractor.js';
import { realPdf } from './bad-pdfs.js';

const ILACS = 'ilacs/derby_80459_ilacs_2025-07-08.pdf';
const VISIT = 'la_focused_visit/derby_80459_focused_visit_2023-11-29.pdf';

describe('PdfParseExtractor', () => {
  const opened: PdfParseExtractor[] = [];
  const extractor = (options: ConstructorParameters<typeof PdfParseExtractor>[0]) => {
    const e = new PdfParseExtractor(options);
    opened.push(e);
    return e;
  };
  after(async () => {
    await Promise.all(opened.map((e) => e.close()));
  });

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => assert.fail('expected UnreadableReportError'),
      (err: unknown) => {
        assert.ok(err instanceof UnreadableReportError, String(err));
        return err;
      },
    );

  const counts = ({ workersStarted, workersStopped, tasksRun }: PdfParseExtractor['stats']) => ({ workersStarted, workersStopped, tasksRun });

  it('reads reports one after another in one reused child, and side by side in up to poolSize', async () => {
    // One extractor for both checks: each child start costs ~0.3 s compiled and ~2 s under tsx.
    const e = extractor({ poolSize: 2 });
    for (const file of [VISIT, ILACS, VISIT]) assert.ok((await e.extract(realPdf(file))).length > 0);
    assert.deepEqual(counts(e.stats), { workersStarted: 1, workersStopped: 0, tasksRun: 3 });
    const results = await Promise.all([VISIT, VISIT, VISIT, VISIT].map((f) => e.extract(realPdf(f))));
    assert.deepEqual(results.map((pages) => pages.length), [3, 3, 3, 3]);
    assert.deepEqual(counts(e.stats), { workersStarted: 2, workersStopped: 0, tasksRun: 7 });
  });

  it('kills the child when a report takes longer than the timeout', async () => {
    // The clock starts once the child has loaded pdf.js, so 30 ms is spent on the report alone.
    const e = extractor({ poolSize: 1, timeoutMs: 30 });
    const err = await refusal(e.extract(realPdf(ILACS)));
    assert.equal(err.message, 'reading the PDF took longer than 30 ms; it may be damaged or built to be slow');
    assert.equal(e.stats.workersStopped, 1);
  });

  it('stops a child whose heap outgrows the memory cap, with one line', async () => {
    // pdf.js alone needs more than 8 MB of heap: the cap must bite and the process must survive it.
    const e = extractor({ poolSize: 1, maxMemoryMb: 8 });
    const err = await refusal(e.extract(realPdf(ILACS)));
    assert.match(err.message, /^reading the PDF needed more than 8 MB of memory/);
  });

  it('refuses work after close without starting a child', async () => {
    const e = extractor({ poolSize: 1 });
    await e.close();
    await assert.rejects(e.extract(realPdf(VISIT)), /extractor was closed/);
    assert.equal(e.stats.workersStarted, 0);
  });
});
