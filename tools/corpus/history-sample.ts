// Regenerates fixtures/real/csv/childrens_social_care/history_sample/: the rows of Ofsted's "as at 31 March"
// 2015, 2019 and 2025 provider-level files for a sample of children's homes, so a test can build their real
// three-inspection histories without parsing 10,000 rows. Rows are copied as they are (bytes unchanged), after
// each file's own preamble and header. Run: node --import tsx tools/corpus/history-sample.ts

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { findUrnHeaderRow } from '../../src/ofsted/csv/csv-rows.js';
import { columnRole } from '../../src/ofsted/provider-data/provider-level-columns.js';
import { normaliseGrade } from '../../src/ofsted/vocabulary.js';
import { repoRoot } from '../fake-ofsted/util/repo-root.js';

const DIR = join(repoRoot(), 'fixtures', 'real', 'csv', 'childrens_social_care');
const FILES = ['provider_level_at_31_Mar_2015.csv', 'provider_level_at_31_Mar_2019.csv', 'provider_level_at_31_Mar_2025.csv'];
/** How many homes the sample keeps. */
const SAMPLE = 40;

interface Row {
  raw: string;
  cells: string[];
}

function readRaw(file: string): { head: string; rows: Map<string, { raw: string; date: string; grade: string | null }> } {
  const text = readFileSync(join(DIR, file), 'utf8');
  // `raw` keeps each record's own text, quotes and line breaks included.
  const parsed = parse(text, { raw: true, relax_column_count: true, relax_quotes: true }) as unknown as Array<{ record: string[]; raw: string }>;
  const records = parsed.map((r): Row => ({ raw: r.raw, cells: r.record }));
  const at = findUrnHeaderRow(records.map((r) => r.cells));
  const header = records[at]!.cells;
  const column = (role: string) => header.findIndex((h) => columnRole(h) === role);
  const urnAt = header.findIndex((h) => h.trim() === 'URN');
  const dateAt = column('inspectionDate');
  const gradeAt = header.findIndex((h) => {
    const role = columnRole(h);
    return role !== null && typeof role === 'object' && role.headline;
  });
  const rows = new Map<string, { raw: string; date: string; grade: string | null }>();
  for (const r of records.slice(at + 1)) {
    const urn = r.cells[urnAt]?.trim();
    if (urn && r.cells[dateAt]?.trim()) rows.set(urn, { raw: r.raw, date: r.cells[dateAt]!.trim(), grade: normaliseGrade(r.cells[gradeAt]) });
  }
  return { head: records.slice(0, at + 1).map((r) => r.raw).join(''), rows };
}

const read = FILES.map(readRaw);
// Homes in all three files, inspected on three dates, whose headline grade moved at least once: the histories
// where the order of arrival can matter. Every n-th of them by URN, so the sample spreads across the list.
const candidates = [...read[0]!.rows.keys()]
  .filter((urn) => read.every((f) => f.rows.has(urn)))
  .filter((urn) => new Set(read.map((f) => f.rows.get(urn)!.date)).size === 3)
  .filter((urn) => new Set(read.map((f) => f.rows.get(urn)!.grade)).size > 1)
  .sort();
const step = candidates.length / SAMPLE;
const chosen = new Set(Array.from({ length: SAMPLE }, (_, i) => candidates[Math.floor(i * step)]!));

const out = join(DIR, 'history_sample');
mkdirSync(out, { recursive: true });
FILES.forEach((file, i) => {
  const { head, rows } = read[i]!;
  const body = [...rows].filter(([urn]) => chosen.has(urn)).map(([, r]) => r.raw);
  writeFileSync(join(out, file.replace('.csv', '_sample.csv')), head + body.join(''));
});
process.stdout.write(`${chosen.size} homes of ${candidates.length} written to ${out}\n`);
