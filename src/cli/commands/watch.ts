import { basename } from 'node:path';
import type { Command } from 'commander';
import { BadInputError } from '../../errors.js';
import { referenceSnapshot } from '../../monitor/reference-snapshot.js';
import {
  HEADERLESS_COLUMN,
  NO_URN_COLUMN,
  assertHasUrnColumn,
  readUrnsFromRows,
  type UrnCsvResult,
} from '../../ofsted/csv/watchlist-csv.js';
import { readProviderLevelTables, type DataTable } from '../../ofsted/provider-data/provider-level-rows.js';
import { readDataFile } from '../../ofsted/provider-data/read-data-file.js';
import { parseUrn } from '../../ofsted/urn.js';
import { printJson, type CliContext } from '../context.js';

export function registerWatch(program: Command, ctx: () => CliContext): void {
  const watch = program.command('watch').description('manage the watchlist that the daemon sweeps');

  watch
    .command('add')
    .description('watch one or more providers')
    .argument('<URN...>', 'provider URNs')
    .option('--json', 'print { added, alreadyWatched } as JSON')
    .action(async (raw: string[], opts: { json?: boolean }) => {
      // Validate every URN before writing any, so a typo in a long list changes nothing.
      const urns = raw.map(parseUrn);
      const added = await (await ctx().openStore()).watchAdd(urns);
      const result = { added, alreadyWatched: new Set(urns).size - added };
      if (opts.json) return printJson(result);
      process.stdout.write(`added ${result.added}, already watched ${result.alreadyWatched}\n`);
    });

  watch
    .command('remove')
    .description('stop watching providers')
    .argument('<URN...>', 'provider URNs')
    .option('--json', 'print { removed, notWatched } as JSON')
    .action(async (raw: string[], opts: { json?: boolean }) => {
      const urns = raw.map(parseUrn);
      const removed = await (await ctx().openStore()).watchRemove(urns);
      const result = { removed, notWatched: new Set(urns).size - removed };
      if (opts.json) return printJson(result);
      process.stdout.write(`removed ${result.removed}, not watched ${result.notWatched}\n`);
    });

  watch
    .command('list')
    .description('the watched providers')
    .option('--json', 'print [{ urn, addedAt }] as JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await (await ctx().openStore()).watchList();
      if (opts.json) return printJson(list);
      if (list.length === 0) process.stdout.write('the watchlist is empty: add URNs with `ofsted-monitor watch add <URN>`\n');
      for (const w of list) process.stdout.write(`${w.urn}\t${w.addedAt}\n`);
    });

  watch
    .command('import')
    .description("watch every URN in a CSV or ODS file; Ofsted's provider-level data is also kept for reconciliation")
    .argument('<file>', "CSV with a URN column, or Ofsted's provider-level data (CSV or ODS)")
    .option('--json', 'print { file, found, added, alreadyWatched, skipped, snapshot } as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const { tables, format } = await readDataFile(file);
      const parsed = urnsOf(tables, format);
      assertHasUrnColumn(parsed, file);
      const { urns, skipped } = parsed;
      if (urns.length === 0) throw new BadInputError(`${file} has no URNs to import`);
      const store = await ctx().openStore();
      const added = await store.watchAdd(urns);
      // Ofsted's own data (dates and grades) is kept as a reference snapshot; the daemon compares it with
      // what it parses once these providers have been scraped, and tells the operator of disagreements.
      const data = readProviderLevelTables(tables);
      let snapshot: { id: string; inspections: number; created: boolean } | null = null;
      if (data.inspections.length > 0) {
        const s = referenceSnapshot(basename(file), data, new Date().toISOString());
        snapshot = { id: s.id, inspections: data.inspections.length, created: await store.addReferenceSnapshot(s) };
      }
      const result = { file, found: urns.length, added, alreadyWatched: urns.length - added, skipped, snapshot };
      if (opts.json) return printJson(result);
      process.stdout.write(
        `imported ${urns.length} URNs from ${file}: ${added} added, ${result.alreadyWatched} already watched${skipped ? `, ${skipped} rows skipped (no valid URN)` : ''}\n`,
      );
      if (snapshot?.created) {
        process.stdout.write(
          `kept its ${snapshot.inspections} inspections as Ofsted's reference data: the daemon compares them with what it parses once these providers are scraped\n`,
        );
      } else if (snapshot) {
        process.stdout.write(`its ${snapshot.inspections} inspections were imported before: kept once, compared once\n`);
      }
    });
}

/** The URNs to watch: a CSV's (a bare list of URNs too), or those of every sheet of a spreadsheet with a URN column. */
function urnsOf(tables: readonly DataTable[], format: 'csv' | 'spreadsheet'): UrnCsvResult {
  if (format === 'csv') return readUrnsFromRows(tables[0]?.rows ?? []);
  const read = tables.map((t) => readUrnsFromRows(t.rows)).filter((r) => r.column !== NO_URN_COLUMN && r.column !== HEADERLESS_COLUMN);
  if (read.length === 0) return { urns: [], skipped: 0, column: NO_URN_COLUMN };
  return { urns: [...new Set(read.flatMap((r) => r.urns))], skipped: read.reduce((n, r) => n + r.skipped, 0), column: read[0]!.column };
}
