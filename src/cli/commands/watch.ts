import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { BadInputError } from '../../errors.js';
import { assertHasUrnColumn, readUrnsFromCsv } from '../../ofsted/csv/watchlist-csv.js';
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
    .description("watch every URN in a CSV (Ofsted's provider-level files included)")
    .argument('<file.csv>', 'CSV file with a URN column')
    .option('--json', 'print { file, found, added, alreadyWatched, skipped } as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new BadInputError(err.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${err.message}`);
      });
      const parsed = readUrnsFromCsv(text);
      assertHasUrnColumn(parsed, file);
      const { urns, skipped } = parsed;
      if (urns.length === 0) throw new BadInputError(`${file} has no URNs to import`);
      const added = await (await ctx().openStore()).watchAdd(urns);
      const result = { file, found: urns.length, added, alreadyWatched: urns.length - added, skipped };
      if (opts.json) return printJson(result);
      process.stdout.write(
        `imported ${urns.length} URNs from ${file}: ${added} added, ${result.alreadyWatched} already watched${skipped ? `, ${skipped} rows skipped (no valid URN)` : ''}\n`,
      );
    });
}
