// Real facts for the corpus: rows of Ofsted's "Children's social care data in England" provider-level
// files in fixtures/real/csv. A case names its file, URN and (for in-year files) event date; the generator
// takes dates, grades, owner, sector and places from that row, so no fact is retyped by hand.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { repoRoot } from '../../fake-ofsted/util/repo-root.js';

export type CsvFile =
  | 'provider_level_at_31_Mar_2015.csv'
  | 'provider_level_at_31_Mar_2019.csv'
  | 'provider_level_at_31_Mar_2025.csv'
  | 'provider_level_in_year_2024-25.csv'
  // Derby's rows of the 2016-2018 files: the only 2015-2017 inspections in the fixtures.
  | 'derby_extracts/provider_level_at_31_Mar_2016_derby.csv'
  | 'derby_extracts/provider_level_at_31_Mar_2017_derby.csv'
  | 'derby_extracts/provider_level_at_31_Mar_2018_derby.csv';

export const CSV_DIR = ['fixtures', 'real', 'csv', 'childrens_social_care'] as const;

/** One row with header names lower-cased and single-spaced ("overall effectiveness"). */
export type CsvRow = Readonly<Record<string, string>>;

const cache = new Map<CsvFile, CsvRow[]>();

function rows(file: CsvFile): CsvRow[] {
  const cached = cache.get(file);
  if (cached) return cached;
  const records = parse(readFileSync(join(repoRoot(), ...CSV_DIR, file)), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  // A preamble of 0-3 lines sits above the header, whose cells may contain line breaks.
  const at = records.findIndex((r) => r.some((c) => c.trim() === 'URN'));
  if (at < 0) throw new Error(`corpus: no header row in ${file}`);
  const header = (records[at] ?? []).map((c) => c.replace(/\s+/g, ' ').trim().toLowerCase());
  const out = records.slice(at + 1).map((r) => {
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h && !(h in row)) row[h] = (r[i] ?? '').trim();
    });
    return row;
  });
  cache.set(file, out);
  return out;
}

/** The row of `urn` (and, where a file has one row per event, of the event on `date`, dd/mm/yyyy). */
export function csvRow(file: CsvFile, urn: string, date?: string): CsvRow {
  const dateColumn = ['inspection date', 'latest full inspection date'];
  const hits = rows(file).filter(
    (r) => r['urn'] === urn && (!date || dateColumn.some((c) => r[c] === date)),
  );
  if (hits.length !== 1) throw new Error(`corpus: ${hits.length} rows for ${urn}${date ? ` on ${date}` : ''} in ${file}`);
  return hits[0]!;
}

/** A column's value, failing loudly when the file has no such column. */
export function col(row: CsvRow, name: string): string {
  const value = row[name];
  if (value === undefined) throw new Error(`corpus: no column "${name}" (have: ${Object.keys(row).join(', ')})`);
  return value;
}
