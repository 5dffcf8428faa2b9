import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { UnreadableReportError } from '../../src/errors.js';
import { parseReportPdf } from '../../src/ofsted/reports/parse-report.js';
import type { TextExtractor } from '../../src/ofsted/reports/extract/text-extractor.js';
import type { ParsedReport } from '../../src/ofsted/types.js';
import { REPO_ROOT } from './cli.js';

// The real local-authority corpus: 278 council reports from JT-39's scraper (fixtures/real/pdf/la-corpus/),
// and tests/fixtures/real-la-corpus/manifest.jsonl, one line per report saying what it must read. Lines
// labelled by JT-39 copy JT-39's reading (fixtures/real/csv/ilacs_history_jt39.csv) unless an `adjudication`
// names the fields where the PDF says otherwise, with the quoted line that decides; the SIF-era reports JT-39
// could not read were labelled by us from their text, with the quoted lines as `evidence`.

export const LA_CORPUS_DIR = join(REPO_ROOT, 'fixtures/real/pdf/la-corpus');
const MANIFEST = join(REPO_ROOT, 'tests/fixtures/real-la-corpus/manifest.jsonl');
const JT39_CSV = join(REPO_ROOT, 'fixtures/real/csv/ilacs_history_jt39.csv');

export interface Expectation {
  kind: ParsedReport['kind'];
  inspectionStart: string | null;
  inspectionEnd: string | null;
  overall: string | null;
  judgements: Record<string, string>;
}

export interface ManifestEntry {
  file: string;
  /** The report's framework and era, for the per-layout figures. */
  layout: string;
  labelledBy: 'JT-39' | 'us';
  /** What the report must read; `{ error: "unreadable" }` for a file that is no report (HTML saved as .pdf). */
  expect: Expectation | { error: 'unreadable' };
  /** Where the PDF and JT-39 disagree: JT-39's reading of each field named, and the PDF's line that decides. */
  adjudication?: { right: 'ours' | 'JT-39'; jt39: Record<string, string | null>; quote: string };
  evidence?: string;
}

export function loadManifest(): ManifestEntry[] {
  return readFileSync(MANIFEST, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ManifestEntry);
}

/** JT-39's reading of one report, in our vocabulary (its grades are lower case; "to requires improvement" is its typo). */
export interface Jt39Reading {
  file: string;
  fields: Record<string, string | null>;
}

/** JT-39's rows for the corpus's files, keyed by file name (matched through INDEX.csv's source path). */
export function loadJt39Readings(): Map<string, Jt39Reading> {
  const index = parse(readFileSync(join(LA_CORPUS_DIR, 'INDEX.csv')), { columns: true }) as Record<string, string>[];
  const rows = parse(readFileSync(JT39_CSV), { columns: true }) as Record<string, string>[];
  const grade = (s: string | undefined): string | null =>
    !s || s === 'data_unreadable' || s === 'not_reported_post_reform' || s === 'inspection_pre_dates_judgement'
      ? null
      : /^(?:to )?requires improvement$/.test(s)
        ? 'requires-improvement'
        : s;
  const date = (s: string | undefined) => {
    const [d, m, y] = (s ?? '').split('/');
    return y ? `${y}-${m}-${d}` : null;
  };
  const out = new Map<string, Jt39Reading>();
  for (const entry of index) {
    const source = entry.source!.split('/').pop();
    const row = rows.find((r) => r.urn === entry.la_urn && r.pdf_filename === source);
    if (!row || row.impact_of_leaders_grade === 'data_unreadable') continue;
    const combined = row.care_leavers_grade === 'inspection_pre_dates_judgement';
    out.set(entry.file!, {
      file: entry.file!,
      fields: {
        inspectionStart: date(row.inspection_start_date),
        inspectionEnd: date(row.inspection_end_date),
        overall: grade(row.overall_effectiveness_grade),
        'impact-of-leaders': grade(row.impact_of_leaders_grade),
        'help-and-protection': grade(row.help_and_protection_grade),
        ...(combined
          ? { 'children-in-care-and-care-leavers': grade(row.in_care_grade) }
          : { 'children-in-care': grade(row.in_care_grade), 'care-leavers': grade(row.care_leavers_grade) }),
      },
    });
  }
  return out;
}

/** The manifest's expectation as the flat fields JT-39 reads. */
export function expectedFields(e: Expectation): Record<string, string | null> {
  const { 'overall-effectiveness': _overall, ...judgements } = e.judgements;
  return { inspectionStart: e.inspectionStart, inspectionEnd: e.inspectionEnd, overall: e.overall, ...judgements };
}

export type Outcome = 'right' | 'unreadable' | 'wrong';

export interface CheckResult {
  outcome: Outcome;
  /** A grade read that is not the report's: the product's worst error. */
  wrongGrade: boolean;
  problems: string[];
}

/**
 * One report against its expectation. Right: every field as expected and no judgement the report does not
 * give. Unreadable: every field that differs is null and named in `unreadable` (an honest "could not read").
 * Wrong: anything else — a different grade, kind or date, or a judgement invented.
 */
export function checkReport(entry: ManifestEntry, parsed: ParsedReport | Error): CheckResult {
  const problems: string[] = [];
  let wrongGrade = false;
  if ('error' in entry.expect) {
    const ok = parsed instanceof UnreadableReportError;
    return { outcome: ok ? 'right' : 'wrong', wrongGrade: !ok && !(parsed instanceof Error) && parsed.overall !== null, problems: ok ? [] : ['expected bad input'] };
  }
  if (parsed instanceof Error) return { outcome: 'wrong', wrongGrade: false, problems: [`not read: ${parsed.message}`] };
  const want = entry.expect;
  let honest = true;
  const compare = (field: string, got: string | null, expected: string | null, grade: boolean) => {
    if (got === expected) return;
    problems.push(`${field}: read ${got}, report says ${expected}`);
    if (got !== null) {
      honest = false;
      if (grade) wrongGrade = true;
    } else if (!parsed.unreadable.includes(field)) honest = false;
  };
  compare('kind', parsed.kind, want.kind, false);
  compare('inspectionStart', parsed.inspectionStart, want.inspectionStart, false);
  compare('inspectionEnd', parsed.inspectionEnd, want.inspectionEnd, false);
  compare('overall', parsed.overall, want.overall, true);
  const read = new Map(parsed.judgements.map((j) => [j.key, j.grade]));
  for (const [key, grade] of Object.entries(want.judgements)) {
    const field = key === 'overall-effectiveness' ? 'overall' : `judgements.${key}`;
    compare(field, read.get(key) ?? null, grade, true);
  }
  for (const [key, grade] of read) {
    if (key in want.judgements) continue;
    problems.push(`judgements.${key}: read ${grade}, the report gives no such judgement`);
    honest = false;
    wrongGrade = true;
  }
  return { outcome: problems.length === 0 ? 'right' : honest ? 'unreadable' : 'wrong', wrongGrade, problems };
}

/** Parse one corpus file as the product does, or the error it raises. */
export async function readCorpusReport(file: string, extractor: TextExtractor): Promise<ParsedReport | Error> {
  try {
    return await parseReportPdf(readFileSync(join(LA_CORPUS_DIR, file)), { extractor });
  } catch (err) {
    return err as Error;
  }
}

/** Tally of outcomes, overall and per layout. */
export class CorpusTally {
  readonly byLayout = new Map<string, Record<Outcome, number>>();
  wrongGrades = 0;

  add(layout: string, result: CheckResult): void {
    for (const key of [layout, 'all']) {
      const t = this.byLayout.get(key) ?? { right: 0, unreadable: 0, wrong: 0 };
      t[result.outcome] += 1;
      this.byLayout.set(key, t);
    }
    if (result.wrongGrade) this.wrongGrades += 1;
  }

  /** `real LA corpus: N/M reports fully right, wrong grades: K`, then one line per layout. */
  summary(extractor: string): string {
    const total = (t: Record<Outcome, number>) => t.right + t.unreadable + t.wrong;
    const all = this.byLayout.get('all') ?? { right: 0, unreadable: 0, wrong: 0 };
    const lines = [`real LA corpus (${extractor}): ${all.right}/${total(all)} reports fully right, wrong grades: ${this.wrongGrades}`];
    for (const [layout, t] of [...this.byLayout].filter(([k]) => k !== 'all').sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`  ${layout}: ${t.right}/${total(t)} right, ${t.unreadable} honestly unreadable, ${t.wrong} wrong`);
    }
    return lines.join('\n');
  }
}
