// Regenerates the children's-home corpus in tests/fixtures/reports/childrens-home/: LibreOffice-made reports
// from cases.ts and copies of pdfkit-made reports from tools/fake-ofsted, each checked with pdftotext, plus
// labels.json. Run: node --import tsx tools/corpus/childrens-home/generate.ts [--only <text>[,<text>…]] [--keep]
// (needs LibreOffice and poppler-utils; CI only reads the committed output).

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../fake-ofsted/util/repo-root.js';
import { CASES } from './cases.js';
import { renderFodt } from './document/fodt-writer.js';
import { renderPdfkit } from './document/pdfkit-render.js';
import { labelFor, type LabelEntry } from './labels.js';
import { buildReport } from './layouts/render.js';
import type { BuiltReport } from './layouts/report-writer.js';
import { pdfkitCopies } from './pdfkit-copies.js';
import type { ReportSpec } from './report-spec.js';
import { resolveCase } from './resolve-case.js';
import { convertToPdf } from './soffice.js';
import { verifyPdf } from './verify-pdf.js';

export const CORPUS_DIR = ['tests', 'fixtures', 'reports', 'childrens-home'] as const;
const MAX_LAYOUT_ATTEMPTS = 6;

/** Page-flow facts seen in the PDF belong in the label's notes (they are why a case is hard). */
function withObservations(label: LabelEntry, observations: string[]): LabelEntry {
  const notes = [label.notes, ...observations.filter((o) => !label.notes?.includes(o))].filter(Boolean);
  return notes.length > 0 ? { ...label, notes: notes.join('; ') } : label;
}

function argValue(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

async function main(): Promise<void> {
  const only = argValue('--only');
  const keep = process.argv.includes('--keep');
  const outDir = join(repoRoot(), ...CORPUS_DIR);
  const work = mkdtempSync(join(tmpdir(), 'corpus-childrens-home-'));
  mkdirSync(outDir, { recursive: true });
  const problems: string[] = [];
  const labels: LabelEntry[] = [];

  try {
    // --only takes one text or several, comma-separated.
    const cases = CASES.filter((c) => !only || only.split(',').some((o) => c.file.includes(o)));
    const build = (spec: ReportSpec) => {
      const report = buildReport(spec);
      const fodt = join(work, `${spec.file}.fodt`);
      writeFileSync(fodt, renderFodt(report.blocks, report.layout));
      return { spec, report, fodt };
    };
    let pending = cases.map((c) => build(resolveCase(c)));
    const done = new Map<string, LabelEntry>();
    const twins: Array<{ spec: ReportSpec; report: BuiltReport }> = [];
    // A table header orphaned at a page foot is an accident of page flow: redraw that report's narrative
    // (a new layout seed) and convert it again, a few times at most.
    for (let attempt = 0; pending.length > 0; attempt++) {
      const pdfs = convertToPdf(pending.map((b) => b.fodt), join(work, `pdf-${attempt}`), work);
      const retry: typeof pending = [];
      pending.forEach(({ spec, report }, i) => {
        const pdf = pdfs[i]!;
        const running = [...report.layout.footerLines, ...(report.layout.header ? [report.layout.header] : [])];
        const result = verifyPdf(pdf, { facts: report.facts, running, expectTableBreak: spec.expectTableBreak });
        if (result.layoutProblems.length > 0 && attempt < MAX_LAYOUT_ATTEMPTS) {
          retry.push(build({ ...spec, layoutSeed: spec.layoutSeed + 1 }));
          return;
        }
        for (const p of [...result.problems, ...result.layoutProblems]) problems.push(`${spec.file}: ${p}`);
        copyFileSync(pdf, join(outDir, `${spec.file}.pdf`));
        done.set(spec.file, withObservations(labelFor(spec, report), result.observations));
        if (spec.pdfkit) twins.push({ spec, report });
      });
      pending = retry;
    }
    labels.push(...done.values());

    // The same documents drawn by pdfkit: same facts and labels, another producer's text layer.
    for (const { spec, report } of twins) {
      const label = labelFor(spec, report, 'pdfkit');
      const file = join(outDir, label.file);
      // Word's line-by-line order where a grade stands beside the first line of a wrapped label or sentence.
      const interleaveCells = spec.style.gradeValign === 'top' || (spec.kind === 'full-2016' && spec.style.sentenceGrade === 'beside');
      writeFileSync(file, await renderPdfkit(report.blocks, report.layout, new Date(`${spec.end}T12:00:00Z`), { interleaveCells }));
      const running = [...report.layout.footerLines, ...(report.layout.header ? [report.layout.header] : [])];
      const result = verifyPdf(file, { facts: report.facts, running, expectTableBreak: false });
      for (const p of [...result.problems, ...result.layoutProblems]) problems.push(`${label.file}: ${p}`);
      labels.push(withObservations(label, result.observations));
    }

    if (!only || 'pdfkit'.includes(only)) {
      for (const copy of await pdfkitCopies(new Set(CASES.map((c) => c.urn)))) {
        const file = join(outDir, copy.label.file);
        writeFileSync(file, copy.pdf);
        const result = verifyPdf(file, { facts: copy.facts, running: copy.running, expectTableBreak: copy.expectTableBreak });
        for (const p of [...result.problems, ...result.layoutProblems]) problems.push(`${copy.label.file}: ${p}`);
        labels.push(withObservations(copy.label, result.observations));
      }
    }

    // A partial run (--only) updates its entries and keeps the others.
    const labelsFile = join(outDir, 'labels.json');
    let merged = labels;
    if (only) {
      const existing = JSON.parse(readFileSync(labelsFile, 'utf8')) as LabelEntry[];
      const mine = new Set(labels.map((l) => l.file));
      merged = [...existing.filter((l) => !mine.has(l.file)), ...labels];
    }
    merged.sort((a, b) => a.file.localeCompare(b.file));
    writeFileSync(labelsFile, `${JSON.stringify(merged, null, 2)}\n`);

    const counts = new Map<string, number>();
    for (const l of merged) counts.set(`${l.producer} ${l.expected.kind}`, (counts.get(`${l.producer} ${l.expected.kind}`) ?? 0) + 1);
    for (const [k, n] of [...counts].sort()) console.log(`${String(n).padStart(3)}  ${k}`);
    console.log(`${merged.length} PDFs labelled in ${CORPUS_DIR.join('/')}/labels.json`);
  } finally {
    if (keep) console.log(`work files kept in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  if (problems.length > 0) {
    for (const p of problems) console.error(`problem: ${p}`);
    process.exitCode = 1;
  }
}

await main();
