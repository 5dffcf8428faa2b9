import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCliMeasured, tempDir } from '../helpers/cli.js';
import { writeInflateBomb } from '../helpers/inflate-bomb.js';

// The case from the command line: a ~1 MB PDF whose content stream inflates to 1 GiB, given to `parse`
// under each extractor. It must end as bad input (exit 2, one line) within the README's limits: 20 s per PDF,
// and no process of the run near a gigabyte (before pdf-parse ran in capped child processes, the CLI itself
// reached 1.5 GB). pdftotext reads the zeros in bounded memory and finds no text; pdf-parse's child is refused
// the memory to inflate them. The same file served to the monitor: tests/monitor/inflate-bomb.test.ts.

/** What any one process of a run may peak at, MB: pdftotext's cap is 512 MB, a pdf-parse child's peak ~0.5-0.7 GB. */
const PROCESS_LIMIT_MB = 900;
/** The README's 20 s per PDF, plus starting node and the reader on a loaded machine. */
const TIME_LIMIT_S = 45;
const REFUSALS = /^ofsted-monitor: .*: (reading the PDF needed more than 512 MB of memory; it may be damaged or hostile|the PDF has no readable text \(a scan or an empty document\?\)|reading the PDF took longer than 20 s; it may be damaged or built to be slow)$/;

describe('parse of a decompression bomb', () => {
  let tmp: ReturnType<typeof tempDir>;
  let bomb: string;

  before(async () => {
    tmp = tempDir();
    bomb = join(tmp.dir, 'bomb.pdf');
    await writeInflateBomb(bomb);
  });
  after(() => tmp.cleanup());

  for (const extractor of ['pdftotext', 'pdf-parse']) {
    it(`parse exits 2 with one line, in bounded memory and time (PDF_EXTRACTOR=${extractor})`, async (t) => {
      const run = await runCliMeasured(['parse', bomb, '--json'], { PDF_EXTRACTOR: extractor }, tmp.dir);
      t.diagnostic(`${extractor}: peak RSS ${Math.round(run.peakRssMb)} MB, ${run.seconds} s`);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stdout, '');
      assert.match(run.stderr.trim(), REFUSALS);
      assert.ok(run.peakRssMb < PROCESS_LIMIT_MB, `a process peaked at ${Math.round(run.peakRssMb)} MB`);
      assert.ok(run.seconds < TIME_LIMIT_S, `took ${run.seconds} s`);
    });
  }
});
