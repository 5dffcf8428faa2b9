import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PdfWriter, type PdfWriterOptions } from '../../../../tools/fake-ofsted/reports/pdf-writer.js';

const OPTIONS: PdfWriterOptions = {
  fontSize: 11,
  runningHeader: "Inspection report children's home: SC000001",
  footerStyle: 'page-of',
  footerLine: null,
  info: { Title: 't', Author: 'Ofsted', Creator: 'c', Producer: 'c', CreationDate: new Date(Date.UTC(2020, 0, 1)) },
};

const LONG_CELL = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');

describe('PdfWriter', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pdf-writer-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function pagesOf(bytes: Buffer): string[] {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
  }

  it('continues a table row on the next page, under the running header, when it does not fit', async () => {
    const w = new PdfWriter(OPTIONS);
    // Fill most of the first page so that the tall row must break.
    for (let i = 0; i < 44; i++) w.paragraph(`filler line ${i}`, { after: 0 });
    const lines = Array.from({ length: 12 }, (_, i) => `rowline${i}`).join('\n');
    w.table({ columns: [{ share: 0.7, header: 'Requirement' }, { share: 0.3, header: 'Due date' }], rows: [[lines, '29/11/2019']], repeatHeader: true });
    const pages = pagesOf(await w.finish());
    assert.equal(pages.length, 2);
    const [first = '', second = ''] = pages;
    assert.match(first, /rowline0/);
    assert.doesNotMatch(first, /rowline11/);
    assert.match(second, /rowline11/);
    assert.doesNotMatch(second, /rowline0\b/);
    assert.match(second, /Requirement/, 'header row repeated on the continuation page');
    assert.doesNotMatch(first, /Inspection report children's home/, 'no running header on page 1');
    assert.match(second, /Inspection report children's home: SC000001/);
    assert.match(first, /Page 1 of 2/);
    assert.match(second, /Page 2 of 2/);
  });

  it('wraps long cell text within its column', async () => {
    const w = new PdfWriter({ ...OPTIONS, footerStyle: 'number' });
    w.table({ columns: [{ share: 0.3 }, { share: 0.7 }], rows: [[LONG_CELL, 'Good']], repeatHeader: false });
    const [page = ''] = pagesOf(await w.finish());
    const lineWithGood = page.split('\n').find((l) => l.includes('Good')) ?? '';
    assert.match(lineWithGood, /word0/);
    assert.doesNotMatch(lineWithGood, /word29/, 'the label wrapped onto later lines');
    assert.match(page, /^\s*1\s*$/m, 'plain page number footer');
  });

  it('produces identical bytes for identical input', async () => {
    const make = async (): Promise<Buffer> => {
      const w = new PdfWriter(OPTIONS);
      w.heading('Heading');
      w.paragraph(LONG_CELL);
      return w.finish();
    };
    assert.ok((await make()).equals(await make()), 'same bytes twice');
  });
});
