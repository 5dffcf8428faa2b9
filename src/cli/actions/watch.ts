import type { Action } from '../lazy-action.js';
import { describeScope } from '../../monitor/describe-scope.js';
import { BadInputError } from '../../errors.js';
import { WATCH_CATEGORIES } from '../program.js';
import { parseUrn } from '../../ofsted/urn.js';
import type { ScopeKey, WatchCategory } from '../../store/store.js';
import { printJson } from '../context.js';
import { resolveScopeNames } from '../../monitor/scope-names.js';
import { progressBar } from '../progress.js';

export const watchAddCommand: Action<[string[], ScopeOptions & { json?: boolean }]> = async (ctx, raw, opts) => {
  const given = scopeFrom(raw, opts);
  if (given) {
    const store = await ctx().openStore();
    const names = await resolveScopeNames(store, { la: given.localAuthority, owner: given.owner });
    const scope: ScopeKey = { ...given, localAuthority: names.la ?? null, owner: names.owner ?? null };
    const added = await store.addWatchScope(scope, new Date().toISOString());
    const result = { scope, added: added ? 1 : 0, alreadyWatched: added ? 0 : 1 };
    if (opts.json) return printJson(result);
    process.stdout.write(`${added ? 'watching' : 'already watching'} ${describeScope(scope)}: the next discovery pass lists and baselines it\n`);
    return;
  }
  // Validate every URN before writing any, so a typo in a long list changes nothing.
  const urns = raw.map(parseUrn);
  const added = await (await ctx().openStore()).watchAdd(urns);
  const result = { added, alreadyWatched: new Set(urns).size - added };
  if (opts.json) return printJson(result);
  process.stdout.write(`added ${result.added}, already watched ${result.alreadyWatched}\n`);
};

export const watchRemoveCommand: Action<[string[], ScopeOptions & { json?: boolean }]> = async (ctx, raw, opts) => {
  const scope = scopeFrom(raw, opts);
  if (scope) {
    // The providers it brought in stay watched: remove them by URN if they are not wanted.
    const removed = await (await ctx().openStore()).removeWatchScope(scope);
    const result = { scope, removed: removed ? 1 : 0, notWatched: removed ? 0 : 1 };
    if (opts.json) return printJson(result);
    process.stdout.write(`${removed ? 'stopped watching' : 'was not watching'} ${describeScope(scope)}\n`);
    return;
  }
  const urns = raw.map(parseUrn);
  const removed = await (await ctx().openStore()).watchRemove(urns);
  const result = { removed, notWatched: new Set(urns).size - removed };
  if (opts.json) return printJson(result);
  process.stdout.write(`removed ${result.removed}, not watched ${result.notWatched}\n`);
};

export const watchListCommand: Action<[{ json?: boolean }]> = async (ctx, opts) => {
  const store = await ctx().openStore();
  const list = await store.watchList();
  const scopes = await store.listWatchScopes();
  // Scopes follow the URNs, told apart by `category` in place of `urn`.
  if (opts.json) return printJson([...list, ...scopes]);
  if (list.length === 0 && scopes.length === 0) process.stdout.write('the watchlist is empty: add URNs with `ofsted-monitor watch add <URN>`\n');
  for (const w of list) process.stdout.write(`${w.urn}\t${w.addedAt}\n`);
  for (const s of scopes) process.stdout.write(`${describeScope(s)}\t${s.addedAt}\t${s.baselinedAt ? 'baselined' : 'first pass pending'}\n`);
};

export const watchImportCommand: Action<[string, { json?: boolean; la: string[]; owner: string[]; type: string[] }]> = async (ctx, file, opts) => {
  // Loaded here: the file readers (CSV, spreadsheets) are for this command alone.
  const [{ MAX_SNAPSHOT_INSPECTIONS, importWatchlistFile }, { describeFirstSweep }] = await Promise.all([
    import('../../monitor/import-watchlist.js'),
    import('../../monitor/first-sweep-estimate.js'),
  ]);
  // A CSV of a million rows takes seconds to stream: the bar counts kilobytes read (on a terminal only).
  const bar = progressBar('reading file (kB)');
  const { snapshotTooLarge, ...result } = await importWatchlistFile(file, () => ctx().openStore(), {
    filter: { localAuthority: opts.la, owner: opts.owner, providerType: opts.type },
    requestsPerSecond: ctx().config.REQUESTS_PER_SECOND,
    onProgress: (read, size) => bar.update(Math.ceil(read / 1024), Math.ceil(size / 1024)),
    // stderr, so that --json still prints one document alone on stdout.
    onPlan: (plan) => {
      bar.stop();
      process.stderr.write(`${describeFirstSweep(plan)}\n`);
    },
  }).finally(() => bar.stop());
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
};

interface ScopeOptions {
  category?: string;
  la?: string;
  owner?: string;
}

/** The scope the options name, or null for a URN list; BadInputError when they mix or misname. */
function scopeFrom(urns: readonly string[], o: ScopeOptions): ScopeKey | null {
  if (o.category === undefined) {
    if (o.la !== undefined || o.owner !== undefined) throw new BadInputError('--la and --owner go with --category (e.g. --category childrens-homes --la Derby)');
    if (urns.length === 0) throw new BadInputError('give one or more URNs, or a scope with --category');
    return null;
  }
  if (urns.length > 0) throw new BadInputError('give either URNs or --category, not both');
  if (!(WATCH_CATEGORIES as string[]).includes(o.category)) {
    throw new BadInputError(`unknown category ${JSON.stringify(o.category)}: use one of ${WATCH_CATEGORIES.join(', ')}`);
  }
  const clean = (v: string | undefined) => (v === undefined ? null : v.trim().replace(/\s+/g, ' ') || null);
  return { category: o.category as WatchCategory, localAuthority: clean(o.la), owner: clean(o.owner) };
}
