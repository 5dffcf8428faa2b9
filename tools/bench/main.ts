// `npm run bench`: time our extraction + parsing against a bare pdftotext run, per report of the corpus
// (tests/fixtures/reports/** and fixtures/real/pdf/**, the real LA corpus included), from compiled output. Ends
// with `parse/pdftotext ratio on real reports (N): <x>` and `parse/pdftotext ratio: <x>` (default extractor +
// parse over the pdftotext baseline; goal <= 2). Then the sweep section (sweep.ts) and the API load section
// (api-load.ts, ending with `api p99 ms: <x>` and `worker loop lag p99 ms: <y>`), with the discovery section
// (discovery.ts, ending with `discovery/naive request ratio: <x>` and `reports missed by discovery: <n>`) between.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExtractor } from '../../src/ofsted/reports/extract/create-extractor.js';
import { PdfParseExtractor } from '../../src/ofsted/reports/extract/pdf-parse-extractor.js';
import { PdftotextExtractor } from '../../src/ofsted/reports/extract/pdftotext-extractor.js';
import type { TextExtractor } from '../../src/ofsted/reports/extract/text-extractor.js';
import { parseReportPdf } from '../../src/ofsted/reports/parse-report.js';
import { childPeakRssKb, runPdftotextBaseline } from './child-process-runs.js';
import { findRepoRoot, loadCorpus, type BenchPdf } from './corpus.js';
import { median, timed } from './stats.js';
import { renderTable } from './table.js';

/** Time the measured runs may take in all, ms: the run count shrinks (to 3) for a large corpus. */
const BUDGET_MS = 80_000;
const MAX_RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const PER_FILE = process.argv.includes('--per-file');

interface FileResult {
  pdf: BenchPdf;
  baseline: number[];
  pdftotext: number[];
  pdfParse: number[];
  failures: Record<'pdftotext' | 'pdf-parse', number>;
  childRssKb: { baseline: number | null; ours: number | null };
}

const root = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

/** API load section (tools/bench/api-load.ts): `--only-api-load` runs it alone, `--no-api-load` skips it. */
async function apiLoadSection(): Promise<void> {
  const { renderApiLoadBench, runApiLoadBench } = await import('./api-load.js');
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--api-load-${name}=`))?.split('=')[1];
  const seconds = arg('seconds');
  const rate = arg('rate');
  const result = await runApiLoadBench({ root, ...(seconds ? { seconds: Number(seconds) } : {}), ...(rate ? { rate: Number(rate) } : {}) });
  process.stdout.write(`\n${renderApiLoadBench(result)}\n`);
}
if (process.argv.includes('--only-api-load')) {
  await apiLoadSection();
  process.exit(0);
}

/**
 * Discovery section (tools/bench/discovery.ts): `--only-discovery` runs it alone, `--no-discovery` skips it,
 * `--discovery-day=YYYY-MM-DD` measures another publication day.
 */
async function discoverySection(): Promise<void> {
  const { renderDiscoveryBench, runDiscoveryBench } = await import('./discovery.js');
  const day = process.argv.find((a) => a.startsWith('--discovery-day='))?.split('=')[1];
  const result = await runDiscoveryBench(day ? { day } : {});
  process.stdout.write(`\n${renderDiscoveryBench(result)}\n`);
}
if (process.argv.includes('--only-discovery')) {
  await discoverySection();
  process.exit(0);
}

const corpus = loadCorpus(root);
if (corpus.length === 0) {
  process.stderr.write('bench: no PDFs under tests/fixtures/reports or fixtures/real/pdf\n');
  process.exit(1);
}

const pdftotext = new PdftotextExtractor();
const pdfParse = new PdfParseExtractor({ poolSize: 1 });
const auto = createExtractor('auto');
const defaultName = auto.name;
await auto.close();

/** One extraction + parse; an unreadable report still costs its time, and is counted. */
async function ours(extractor: TextExtractor, pdf: BenchPdf, result: FileResult): Promise<number> {
  return timed(() =>
    parseReportPdf(pdf.bytes, { extractor }).catch(() => {
      result.failures[extractor.name as 'pdftotext' | 'pdf-parse']++;
    }),
  );
}

const results: FileResult[] = corpus.map((pdf) => ({
  pdf,
  baseline: [],
  pdftotext: [],
  pdfParse: [],
  failures: { pdftotext: 0, 'pdf-parse': 0 },
  childRssKb: { baseline: null, ours: null },
}));

/** Runs that fit half the budget, given how long one warm-up pass took. */
const runsFor = (warmupMs: number) => Math.max(3, Math.min(MAX_RUNS, Math.floor(BUDGET_MS / 2 / warmupMs)));

// Phase 1, pdftotext: the baseline and ours side by side, so both see the same machine load. pdf.js is not
// loaded yet, so the process's peak RSS here is what the pdftotext path costs.
const warmup1 = await timed(async () => {
  for (const r of results) {
    await runPdftotextBaseline(r.pdf.path);
    await ours(pdftotext, r.pdf, r);
  }
});
const runs1 = runsFor(warmup1);
for (const r of results) {
  r.failures.pdftotext = 0;
  for (let i = 0; i < runs1; i++) {
    r.baseline.push(await timed(() => runPdftotextBaseline(r.pdf.path)));
    r.pdftotext.push(await ours(pdftotext, r.pdf, r));
  }
}
const rssAfterPdftotextKb = process.resourceUsage().maxRSS;

// Phase 2, pdf-parse through its pool of child processes (their memory is theirs, not this process's).
const warmup2 = await timed(async () => {
  for (const r of results) await ours(pdfParse, r.pdf, r);
});
const runs2 = runsFor(warmup2);
for (const r of results) {
  r.failures['pdf-parse'] = 0;
  for (let i = 0; i < runs2; i++) r.pdfParse.push(await ours(pdfParse, r.pdf, r));
}
const rssAfterPdfParseKb = process.resourceUsage().maxRSS;
const pdfParseChildRssKb = pdfParse.stats.peakChildRssKb;
await pdfParse.close();

// What a child costs: the first report on a fresh pool pays the process start and pdf.js load; a warm one
// only the copy to the child and the message back, compared with pdf.js in this process.
// Imported only now, so pdf.js is not in this process during phase 1.
const { readPagesWithPdfParse } = await import('../../src/ofsted/reports/extract/pdf-parse-pages.js');
const smallest = corpus.reduce((a, b) => (b.bytes.length < a.bytes.length ? b : a));
const pool = new PdfParseExtractor({ poolSize: 1 });
const coldMs = await timed(() => pool.extract(smallest.bytes));
const warmMs: number[] = [];
const inThreadMs: number[] = [];
await readPagesWithPdfParse(smallest.bytes, 200);
for (let i = 0; i < 5; i++) {
  warmMs.push(await timed(() => pool.extract(smallest.bytes)));
  inThreadMs.push(await timed(() => readPagesWithPdfParse(smallest.bytes, 200)));
}
await pool.close();

for (const r of results) {
  r.childRssKb.baseline = childPeakRssKb('pdftotext', [r.pdf.path, '-']);
  r.childRssKb.ours = childPeakRssKb('pdftotext', ['-enc', 'UTF-8', '-', '-'], r.pdf.path);
}

process.stdout.write(`bench: ${corpus.length} PDFs; median of ${runs1} runs (pdftotext) and ${runs2} runs (pdf-parse) after 1 warm-up; default extractor: ${defaultName}\n\n`);
process.stdout.write(`${renderTable(results, PER_FILE)}\n\n`);

const perReport = (pick: (r: FileResult) => number[], of: FileResult[] = results) => median(of.map((r) => median(pick(r))));
const baseline = perReport((r) => r.baseline);
const withPdftotext = perReport((r) => r.pdftotext);
const withPdfParse = perReport((r) => r.pdfParse);
const oursDefault = (r: FileResult) => (defaultName === 'pdftotext' ? r.pdftotext : r.pdfParse);
const real = results.filter((r) => r.pdf.group.endsWith('/real'));
const mb = (kb: number | null) => (kb === null ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);
const maxOf = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : Math.max(...(xs as number[])));
const unread = results.filter((r) => r.failures.pdftotext > 0 || r.failures['pdf-parse'] > 0);

process.stdout.write(
  [
    `median ms per report: pdftotext baseline ${baseline.toFixed(1)}, ours with pdftotext ${withPdftotext.toFixed(1)}, ours with pdf-parse ${withPdfParse.toFixed(1)}`,
    `peak RSS: this process ${mb(rssAfterPdftotextKb)} after the pdftotext runs, ${mb(rssAfterPdfParseKb)} after the pdf-parse runs; ` +
      `pdf-parse child ${mb(pdfParseChildRssKb)}; ` +
      `pdftotext child ${mb(maxOf(results.map((r) => r.childRssKb.baseline)))} (baseline, file), ${mb(maxOf(results.map((r) => r.childRssKb.ours)))} (ours, stdin)`,
    `pdf-parse child processes: first report on a new child ${coldMs.toFixed(0)} ms vs ${median(warmMs).toFixed(1)} ms warm (${smallest.name}); ` +
      `in this process ${median(inThreadMs).toFixed(1)} ms, so a reused child costs ${(median(warmMs) - median(inThreadMs)).toFixed(1)} ms per report`,
    ...(unread.length ? [`not read as reports (timed anyway): ${unread.map((r) => r.pdf.name).join(', ')}`] : []),
    // Real reports alone (fixtures/real/pdf: the 278-report LA corpus among them), whose length and layouts the
    // generated corpus only imitates.
    `parse/pdftotext ratio on real reports (${real.length}): ${(perReport(oursDefault, real) / perReport((r) => r.baseline, real)).toFixed(2)}`,
    `parse/pdftotext ratio: ${(perReport(oursDefault) / baseline).toFixed(2)}`,
  ].join('\n') + '\n',
);

// Sweep section (tools/bench/sweep.ts): the daemon's watchlist sweep of the real provider-level list.
// `--sweep-limit=N` watches only the first N URNs; `--no-sweep` skips the section.
if (!process.argv.includes('--no-sweep')) {
  const { renderSweepBench, runSweepBench } = await import('./sweep.js');
  const sweepLimit = process.argv.find((a) => a.startsWith('--sweep-limit='))?.slice('--sweep-limit='.length);
  const sweep = await runSweepBench({ root, ...(sweepLimit ? { limit: Number(sweepLimit) } : {}) });
  process.stdout.write(`\n${renderSweepBench(sweep)}\n`);
}

if (!process.argv.includes('--no-discovery')) await discoverySection();
if (!process.argv.includes('--no-api-load')) await apiLoadSection();
