import { Command } from 'commander';
import type { WatchCategory } from '../store/store.js';
import type { Lazy } from './lazy-action.js';

// The commands of CONTRACT.md as commander sees them. Only definitions live here: each action's module (and
// what it needs: the store, the site reader, BullMQ, fastify…) is imported when that command runs.

/** Every watch category (the type makes this list complete); the search reader holds their codes. */
const CATEGORIES: Record<WatchCategory, true> = {
  'childrens-homes': true,
  'la-childrens-services': true,
  schools: true,
  'early-years': true,
};
export const WATCH_CATEGORIES = Object.keys(CATEGORIES) as WatchCategory[];

/** Commander's collector for a repeatable option. */
const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function defineCommands(program: Command, lazy: Lazy): void {
  program
    .command('parse')
    .description('parse one Ofsted report PDF offline and print what it says')
    .argument('<file.pdf>', 'report PDF')
    .option('--json', 'print the ParsedReport as JSON')
    .action(lazy(async () => (await import('./actions/parse.js')).parseCommand));

  program
    .command('scrape')
    .description('re-scrape one provider now: fetch its page, read new reports, store them, report changes')
    .argument('<URN>', 'provider URN, e.g. SC036243')
    .option('--json', 'print { urn, provider, inspections, events } as JSON')
    .option('--queue', 'enqueue a high-priority job for a running daemon instead')
    .action(lazy(async () => (await import('./actions/scrape.js')).scrapeCommand));

  program
    .command('history')
    .description('every stored inspection of a provider, oldest first')
    .argument('<URN>', 'provider URN')
    .option('--json', 'print ParsedReport objects plus fileId, url, publishedAt')
    .action(lazy(async () => (await import('./actions/history.js')).historyCommand));

  program
    .command('events')
    .description('stored change events, oldest first')
    .option('--json', 'print the events as JSON')
    .option('--since <date>', 'only events raised on or after this ISO date or timestamp')
    .option('--urn <URN>', 'only events of this provider')
    .action(lazy(async () => (await import('./actions/events.js')).eventsCommand));

  const watch = program.command('watch').description('manage the watchlist that the daemon sweeps');
  watch
    .command('add')
    .description('watch one or more providers, or a scope (--category, with --la / --owner)')
    .argument('[URN...]', 'provider URNs')
    .option('--category <category>', `watch every provider of a category: ${WATCH_CATEGORIES.join(', ')}`)
    .option('--la <name>', 'with --category: only in this local authority')
    .option('--owner <name>', 'with --category: only of this owner (registered provider)')
    .option('--json', 'print { added, alreadyWatched } as JSON')
    .action(lazy(async () => (await import('./actions/watch.js')).watchAddCommand));
  watch
    .command('remove')
    .description('stop watching providers, or a scope (the same --category / --la / --owner it was added with)')
    .argument('[URN...]', 'provider URNs')
    .option('--category <category>', 'the scope to remove')
    .option('--la <name>', 'the scope to remove')
    .option('--owner <name>', 'the scope to remove')
    .option('--json', 'print { removed, notWatched } as JSON')
    .action(lazy(async () => (await import('./actions/watch.js')).watchRemoveCommand));
  watch
    .command('list')
    .description('the watched providers')
    .option('--json', 'print [{ urn, addedAt }, …, { category, localAuthority, owner, addedAt, baselinedAt }, …] as JSON')
    .action(lazy(async () => (await import('./actions/watch.js')).watchListCommand));
  watch
    .command('import')
    .description("watch every URN in a CSV or ODS file (or those of one local authority, owner or provider type); Ofsted's provider-level data is also kept for reconciliation")
    .argument('<file>', "CSV with a URN column, or Ofsted's provider-level data (CSV or ODS)")
    // Repeatable rather than comma-separated: Ofsted's names hold commas ("Bristol, City of").
    .option('--la <name>', 'only providers in this local authority (repeat for several)', collect, [])
    .option('--owner <name>', 'only providers of this owner ("Organisation which owns the provider"; repeat for several)', collect, [])
    .option('--type <provider type>', `only this provider type, e.g. "Children's home" (repeat for several)`, collect, [])
    .option('--json', 'print { file, found, added, alreadyWatched, skipped, snapshot } as JSON')
    .action(lazy(async () => (await import('./actions/watch.js')).watchImportCommand));

  program
    .command('subscribe')
    .description('alert an email address or a webhook when watched providers change')
    .argument('<email-or-webhook-url>', 'email address, or an http(s) URL that takes a JSON POST (e.g. Slack)')
    .option('--urn <URN>', 'one provider (repeatable); it is added to the watchlist', collect, [])
    .option('--owner <name>', 'every provider owned by this organisation')
    .option('--la <local authority>', 'every provider in this local authority')
    .option('--events <list>', 'comma list: decline, any, or event type names', 'decline')
    .option('--digest', 'one message a day instead of one per event')
    .option('--json', 'print { subscriptions, watched } as JSON')
    .action(lazy(async () => (await import('./actions/subscribe.js')).subscribeCommand));
  program
    .command('unsubscribe')
    .description('remove subscriptions of an email address or webhook')
    .argument('<target>', 'the email address or webhook URL subscribed')
    .option('--urn <URN>', 'only the subscription to this provider (repeatable)', collect, [])
    .option('--owner <name>', 'only the subscription to this owner')
    .option('--la <local authority>', 'only the subscription to this local authority')
    .option('--all', 'every subscription of the target')
    .option('--json', 'print { removed } as JSON')
    .action(lazy(async () => (await import('./actions/subscribe.js')).unsubscribeCommand));
  program
    .command('subscriptions')
    .description('list alert subscriptions')
    .option('--target <target>', 'only those of this email address or webhook URL')
    .option('--json', 'print { subscriptions } as JSON')
    .action(lazy(async () => (await import('./actions/subscribe.js')).subscriptionsCommand));

  program
    .command('reparse')
    .description('re-derive stored reports with the current parser (from their stored text); raises no events')
    .argument('[URN]', 'one provider')
    .option('--all', 'every stored provider')
    .option('--json', 'print the counts as JSON')
    .action(lazy(async () => (await import('./actions/reparse.js')).reparseCommand));

  program
    .command('reconcile')
    .description("compare what the store parsed with Ofsted's own provider-level data; exits 0 even when they disagree")
    .argument('<file>', "Ofsted's provider-level data: a CSV, or the ODS workbook")
    .option('--json', 'print { compared, agree, disagree, notStored, fields } as JSON')
    .action(lazy(async () => (await import('./actions/reconcile.js')).reconcileCommand));

  program
    .command('discover')
    .description("one discovery pass now, in-process: ask Ofsted's search what was published since the last pass, then scrape those providers")
    .option('--since <date>', 'search from this ISO date instead of the last pass')
    .option('--json', 'print { since, until, requests, providers, added, events } as JSON')
    .action(lazy(async () => (await import('./actions/discover.js')).discoverCommand));

  program
    .command('sweep')
    .description('ask a running daemon to run discovery now (--full: the per-URN sweep of everything watched)')
    .argument('[now]', '"now" (optional: the sweep always runs now)')
    .option('--full', 'the per-URN sweep of every watched provider instead of discovery')
    .option('--wait', 'follow the sweep until it ends, then print its summary')
    .option('--json', 'print { jobId } as JSON (with --wait: { jobId, summary })')
    .action(lazy(async () => (await import('./actions/sweep.js')).sweepCommand));

  program
    .command('daemon')
    .description('run the sweep scheduler, the queue workers and the HTTP API until SIGTERM or SIGINT')
    .option('--no-api', 'serve no HTTP API (e.g. an extra worker process)')
    .option('--no-scheduler', 'do not schedule the watchlist sweep (e.g. an extra worker process)')
    .option('--no-workers', 'run no queue workers: the HTTP API (and scheduler) in a process of its own, the work left to worker processes')
    .action(lazy(async () => (await import('./actions/daemon.js')).daemonCommand));
}
