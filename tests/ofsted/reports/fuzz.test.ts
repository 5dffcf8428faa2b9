import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UnreadableReportError } from '../../../src/errors.js';
import { PdfParseExtractor } from '../../../src/ofsted/reports/extract/pdf-parse-extractor.js';
import { PdftotextExtractor } from '../../../src/ofsted/reports/extract/pdftotext-extractor.js';
import type { TextExtractor } from '../../../src/ofsted/reports/extract/text-extractor.js';
import { parseReportPdf } from '../../../src/ofsted/reports/parse-report.js';
import type { ParsedReport } from '../../../src/ofsted/types.js';
import { renderReport } from '../../../tools/fake-ofsted/reports/render-report.js';
import { FakeScenario } from '../../../tools/fake-ofsted/scenario/fake-scenario.js';
import { mutate, seededRng } from './fuzz-mutations.js';

// Damaged and hostile PDFs must end in a ParsedReport or an UnreadableReportError, within the timeout, and
// must never yield a grade the undamaged report does not give. Bounded to ~40 s on a quiet 2-core machine: the case counts
// below are weighted by how long each kind of source takes to read.

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const SEED = 20240601;
const TIMEOUT_MS = 5_000;
/**
 * What counts as a hang: far above the extractor's own timeout, because this is wall-clock time on a shared
 * machine (a pdf-parse case after a timeout also waits for a new child to load pdf.js, 20 s and more under
 * load). That each extractor stops at its timeout is tested in tests/ofsted/reports/extract/; here a case
 * only has to end.
 */
const SLACK_MS = 55_000;
/** Every Nth case goes to pdf-parse; the rest to pdftotext, which is far cheaper to run per case. */
const PDF_PARSE_EVERY = 8;
const IN_FLIGHT = 2;

interface Source {
  name: string;
  bytes: Buffer;
  cases: number;
  /** Overall grades the undamaged file gives (one per extractor); null always allowed. */
  overall: Set<string | null>;
  /** "key=grade" of every judgement the undamaged file gives, with either extractor. */
  judgements: Set<string>;
  /** Extractors that read the undamaged file as a report. */
  readBy: string[];
}

function pdfsUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.toLowerCase().endsWith('.pdf'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

// Cases per real report, by cost: the ILACS reports take ~150-350 ms each in pdftotext, the rest far less.
const REAL_CASES = (name: string) =>
  /ilacs_20(22|25|26)/.test(name) ? 20 : /sif_2017/.test(name) ? 40 : /focused_visit/.test(name) ? 80 : 160;
const GENERATED: [urn: string, start: string][] = [
  ['SC036243', '2019-10-29'], // full, inadequate
  ['SC036243', '2014-07-01'], // pre-2015, adequate
  ['SC488596', '2024-08-13'], // full, outstanding
  ['SC488596', '2019-12-04'], // interim, declined
  ['SC488596', '2020-02-20'], // monitoring visit, no grade
  ['SC036240', '2023-02-08'], // full, requires improvement
];
const GENERATED_CASES = 160;
/** Labelled-corpus PDFs (other producers), when present: a few, so the bound holds however large it grows. */
const CORPUS_FILES = 4;
const CORPUS_CASES = 50;
/** The real LA corpus (fixtures/real/pdf/la-corpus, hundreds of reports): a few real PDFs of it, for the same reason. */
const LA_CORPUS = `${sep}la-corpus${sep}`;
const LA_CORPUS_FILES = 3;
const LA_CORPUS_CASES = 20;

/** `count` files spread evenly over the list. */
function spread(files: readonly string[], count: number): string[] {
  return files.filter((_, i) => i % Math.max(1, Math.floor(files.length / count)) === 0).slice(0, count);
}

describe('fuzz: damaged PDFs never crash, hang or invent a grade', () => {
  const pdftotext = new PdftotextExtractor({ timeoutMs: TIMEOUT_MS });
  const pdfParse = new PdfParseExtractor({ timeoutMs: TIMEOUT_MS, poolSize: 1 });
  const sources: Source[] = [];

  before(async () => {
    const raw: Omit<Source, 'overall' | 'judgements' | 'readBy'>[] = [];
    const real = pdfsUnder(join(REPO_ROOT, 'fixtures', 'real', 'pdf'));
    for (const file of real.filter((f) => !f.includes(LA_CORPUS))) {
      raw.push({ name: relative(REPO_ROOT, file), bytes: readFileSync(file), cases: REAL_CASES(file) });
    }
    // Some of that corpus are HTML pages saved as .pdf (bad input by design): only real PDFs are fuzz sources.
    const laCorpus = real.filter((f) => f.includes(LA_CORPUS) && readFileSync(f).subarray(0, 5).toString('latin1') === '%PDF-');
    for (const file of spread(laCorpus, LA_CORPUS_FILES)) {
      raw.push({ name: relative(REPO_ROOT, file), bytes: readFileSync(file), cases: LA_CORPUS_CASES });
    }
    const scenario = new FakeScenario({ bulk: false });
    for (const [urn, start] of GENERATED) {
      const provider = scenario.provider(urn)!;
      const report = provider.reports.find((r) => r.inspectionStart === start)!;
      raw.push({ name: `generated ${urn} ${report.kind} ${start}`, bytes: await renderReport(provider, report), cases: GENERATED_CASES });
    }
    const corpus = pdfsUnder(join(REPO_ROOT, 'tests', 'fixtures', 'reports'));
    for (const file of spread(corpus, CORPUS_FILES)) {
      raw.push({ name: relative(REPO_ROOT, file), bytes: readFileSync(file), cases: CORPUS_CASES });
    }
    for (const s of raw) {
      const extractors = [pdftotext, pdfParse];
      const readings = await Promise.all(extractors.map((e) => parseReportPdf(s.bytes, { extractor: e }).catch(() => null)));
      const overall = new Set<string | null>([null]);
      const judgements = new Set<string>();
      for (const r of readings) {
        if (!r) continue;
        overall.add(r.overall);
        for (const j of r.judgements) judgements.add(`${j.key}=${j.grade}`);
      }
      sources.push({ ...s, overall, judgements, readBy: extractors.filter((_, i) => readings[i]).map((e) => e.name) });
    }
  });
  after(async () => {
    await Promise.all([pdftotext.close(), pdfParse.close()]);
  });

  it('reads every undamaged source (or the fuzzing would prove nothing)', () => {
    assert.ok(sources.length >= 12, `only ${sources.length} sources`);
    assert.deepEqual(sources.filter((s) => s.readBy.length === 0).map((s) => s.name), []);
    // Graded sources are what an invented grade would be measured against.
    assert.ok(sources.filter((s) => s.overall.size > 1).length >= 8);
  });

  // Filled by the case run below, checked by the test after it (node:test runs a suite's tests in order).
  const judgementInventions: string[] = [];

  it('ends every mutated case in a report or UnreadableReportError, in time, with no invented overall grade', { timeout: 480_000 }, async () => {
    const cases = sources.flatMap((source, s) => Array.from({ length: source.cases }, (_, i) => ({ source, seed: SEED + s * 100_003 + i, i })));
    const problems: string[] = [];
    let parsed = 0;
    let unreadable = 0;
    let invented = 0;
    let slowest = 0;

    const runCase = async ({ source, seed, i }: (typeof cases)[number]) => {
      const { bytes, applied } = mutate(source.bytes, seededRng(seed));
      const extractor: TextExtractor = i % PDF_PARSE_EVERY === 0 ? pdfParse : pdftotext;
      const label = `${source.name} seed ${seed} [${applied.join(', ')}] via ${extractor.name}`;
      const started = performance.now();
      let report: ParsedReport | null = null;
      try {
        report = await parseReportPdf(bytes, { extractor });
        parsed++;
      } catch (err) {
        if (err instanceof UnreadableReportError && !err.message.includes('\n')) unreadable++;
        else problems.push(`${label}: threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
      }
      const took = performance.now() - started;
      slowest = Math.max(slowest, took);
      if (took > TIMEOUT_MS + SLACK_MS) problems.push(`${label}: took ${Math.round(took)} ms`);
      if (!report) return;
      if (!source.overall.has(report.overall)) {
        invented++;
        problems.push(`${label}: overall ${report.overall}, the undamaged report gives ${[...source.overall].join('/')}`);
      }
      for (const j of report.judgements) {
        if (!source.judgements.has(`${j.key}=${j.grade}`)) judgementInventions.push(`${label}: judgement ${j.key}=${j.grade}`);
      }
    };

    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < cases.length) await runCase(cases[next++]!);
      }),
    );

    console.log(`fuzz: ${cases.length} cases, ${parsed} parsed, ${unreadable} unreadable, ${invented} invented grades`);
    console.log(`fuzz: slowest case ${Math.round(slowest)} ms; ${judgementInventions.length} judgement grades not in the undamaged report`);
    assert.ok(cases.length >= 1200, `only ${cases.length} cases`);
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
    assert.equal(parsed + unreadable, cases.length);
  });

  // A judgement whose own grade word is garbled must read as missing, not take the next grade word in the
  // text (the "what the judgements mean" legend).
  it('never reads a judgement grade the undamaged report does not give', () => {
    assert.deepEqual(judgementInventions.slice(0, 10), []);
  });
});
