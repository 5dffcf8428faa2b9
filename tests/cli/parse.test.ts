import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PARSER_VERSION } from '../../src/ofsted/reports/parser-version.js';
import { renderReport } from '../../tools/fake-ofsted/reports/render-report.js';
import { FakeScenario } from '../../tools/fake-ofsted/scenario/fake-scenario.js';
import { REPO_ROOT, runCli, tempDir } from '../helpers/cli.js';

describe('parse <file.pdf>', () => {
  let tmp: ReturnType<typeof tempDir>;
  let inadequate: string;
  before(async () => {
    tmp = tempDir();
    const scenario = new FakeScenario({ bulk: false });
    const provider = scenario.provider('SC036243')!;
    const report = provider.reports.find((r) => r.inspectionStart === '2019-10-29')!;
    inadequate = join(tmp.dir, 'sc036243-2019-10.pdf');
    writeFileSync(inadequate, await renderReport(provider, report));
  });
  after(() => tmp.cleanup());

  it('prints a ParsedReport without a database or network', async () => {
    // An unusable DATABASE_URL proves parse never opens the store.
    const run = await runCli(['parse', inadequate, '--json'], { DATABASE_URL: 'sqlite:/proc/forbidden/x.db' });
    assert.equal(run.code, 0, run.stderr);
    const report = run.json();
    assert.equal(report.urn, 'SC036243');
    assert.equal(report.kind, 'childrens-home-full');
    assert.equal(report.overall, 'inadequate');
    assert.equal(report.inspectionStart, '2019-10-29');
    assert.equal(report.inspectionEnd, '2019-10-30');
    assert.equal(report.parserVersion, PARSER_VERSION);
  });

  it('reads a real local-authority report', async () => {
    const run = await runCli(['parse', join(REPO_ROOT, 'fixtures/real/pdf/ilacs/derby_80459_ilacs_2022-05-11.pdf'), '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.json().kind, 'la-childrens-services');
    assert.equal(run.json().inspectionStart, '2022-03-21');
    assert.equal(run.json().overall, 'outstanding');
  });

  const bad: [string, () => Buffer][] = [
    ['an empty file', () => Buffer.alloc(0)],
    ['an HTML page saved as .pdf', () => Buffer.from('<!DOCTYPE html><html><body>Page not found</body></html>')],
    ['a truncated PDF', () => readFileSync(inadequate).subarray(0, 2000)],
    ['a PDF that is not an Ofsted report', () => Buffer.from(minimalPdf('Shopping list: milk, eggs, bread and some more groceries for the week.'))],
  ];
  for (const [what, bytes] of bad) {
    it(`exits 2 with one line for ${what}`, async () => {
      const file = join(tmp.dir, `${what.replace(/\W+/g, '-')}.pdf`);
      writeFileSync(file, bytes());
      const run = await runCli(['parse', file, '--json']);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.doesNotMatch(run.stderr, /\bat \S+:\d+/, 'no stack trace');
    });
  }

  it('exits 2 for a file that does not exist', async () => {
    const run = await runCli(['parse', join(tmp.dir, 'missing.pdf')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no such file/);
  });
});

/** A one-page PDF with one line of text, written by hand so the test depends on no generator. */
function minimalPdf(text: string): string {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 12 Tf 72 720 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 12 Tf 72 720 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}
