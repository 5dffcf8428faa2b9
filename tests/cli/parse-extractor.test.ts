import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, runCli, tempDir } from '../helpers/cli.js';

const ILACS = join(REPO_ROOT, 'fixtures/real/pdf/ilacs/derby_80459_ilacs_2022-05-11.pdf');

describe('parse <file.pdf> with PDF_EXTRACTOR and MAX_PDF_BYTES', () => {
  let tmp: ReturnType<typeof tempDir>;
  before(() => {
    tmp = tempDir();
  });
  after(() => tmp.cleanup());

  for (const extractor of ['pdftotext', 'pdf-parse', 'auto']) {
    it(`reads a real report with PDF_EXTRACTOR=${extractor}`, async () => {
      const run = await runCli(['parse', ILACS, '--json'], { PDF_EXTRACTOR: extractor });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.json().inspectionStart, '2022-03-21');
      assert.equal(run.json().overall, 'outstanding');
    });
  }

  it('exits 2 naming PDF_EXTRACTOR when it is not a known reader', async () => {
    const run = await runCli(['parse', ILACS], { PDF_EXTRACTOR: 'acrobat' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /PDF_EXTRACTOR/);
  });

  it('refuses a file over 25 MB by default, before reading it, in one line', async () => {
    const file = join(tmp.dir, 'huge.pdf');
    const huge = Buffer.alloc(26 * 1024 * 1024, 0x20);
    huge.write('%PDF-1.4\n', 'latin1');
    writeFileSync(file, huge);
    const run = await runCli(['parse', file, '--json']);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trim(), `ofsted-monitor: ${file}: the file is 26 MB; an Ofsted report is far smaller`);
  });

  it('takes the size limit from MAX_PDF_BYTES', async () => {
    const run = await runCli(['parse', ILACS], { MAX_PDF_BYTES: '1000' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /an Ofsted report is far smaller/);
  });
});
