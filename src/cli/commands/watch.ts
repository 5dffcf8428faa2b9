import type { Command } from 'commander';
import { MAX_SNAPSHOT_INSPECTIONS, importWatchlistFile } from '../../monitor/import-watchlist.js';
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
      const { snapshotTooLarge, ...result } = await importWatchlistFile(file, () => ctx().openStore());
      const { found, added, alreadyWatched, skipped, snapshot } = result;
      if (snapshotTooLarge) {
        process.stderr.write(
          `ofsted-monitor: ${file} holds more than ${MAX_SNAPSHOT_INSPECTIONS} inspections, more than a reference snapshot keeps: its URNs are imported, its grades are not kept for reconciliation\n`,
        );
      }
      if (opts.json) return printJson(result);
      process.stdout.write(
        `imported ${found} URNs from ${file}: ${added} added, ${alreadyWatched} already watched${skipped ? `, ${skipped} rows skipped (no valid URN)` : ''}\n`,
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
