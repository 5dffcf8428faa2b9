import type { Action } from '../lazy-action.js';
import { OfstedMonitorError } from '../../errors.js';
import { discover } from '../../monitor/discover.js';
import { reportRetryPolicyFromConfig } from '../../monitor/report-retry.js';
import { scrapeProvider, type ReportSource } from '../../monitor/scrape-provider.js';
import type { ChangeEvent } from '../../ofsted/types.js';
import { providerOutcome, summariseSweep, sweepSummaryText, type ProviderOutcome } from '../../monitor/sweep-summary.js';
import { progressBar } from '../progress.js';
import { printJson } from '../context.js';

export const discoverCommand: Action<[{ since?: string; json?: boolean }]> = async (ctx, opts) => {
  const c = ctx();
  const store = await c.openStore();
  const site = await c.openSite();
  const extractor = c.openExtractor();
  let scrapeRequests = 0;
  // Counts what the scrapes ask of Ofsted, for `requests`.
  const counted: ReportSource = {
    fetchProviderPage: (urn, category, unlessHash) => {
      scrapeRequests += category ? 1 : 2;
      return site.fetchProviderPage(urn, category, unlessHash);
    },
    downloadReport: async (url) => {
      scrapeRequests++;
      const report = await site.downloadReport(url);
      downloaded++;
      return report;
    },
  };
  const startedAt = new Date().toISOString();
  let downloaded = 0;
  const outcomes: ProviderOutcome[] = [];
  // Discovery hands providers on category by category: the bar's total grows as it goes.
  let listed = 0;
  const progress = progressBar('discovery');
  const events: ChangeEvent[] = [];
  const failed: string[] = [];
  const notes: string[] = [];
  const handOff = async (urns: readonly string[]) => {
    listed += urns.length;
    progress.update(outcomes.length, listed);
    for (const urn of urns) {
      const before = downloaded;
      try {
        const result = await scrapeProvider(urn, {
          site: counted,
          store,
          logger: c.logger,
          extract: (pdf) => extractor.extract(pdf),
          retry: reportRetryPolicyFromConfig(c.config),
        });
        events.push(...result.events);
        outcomes.push(providerOutcome(true, downloaded - before, result.events));
      } catch (err) {
        if (!(err instanceof OfstedMonitorError)) throw err;
        failed.push(urn);
        outcomes.push(providerOutcome(false, 0, []));
        // Told once the bar is off the screen.
        notes.push(`${urn}: could not be scraped (${err.message}); the next pass tries it again`);
      }
      progress.update(outcomes.length, listed);
    }
    // A provider that could not be read keeps the window open: the next pass lists it again.
    if (failed.length > 0) throw new OfstedMonitorError(`${failed.length} of ${urns.length} providers found could not be scraped (${failed.slice(0, 5).join(', ')}); run discover again later`);
  };
  let outcome;
  try {
    outcome = await discover({ site, store, logger: c.logger, handOff, logFailures: false }, opts.since ? { since: opts.since } : {});
  } finally {
    progress.stop();
    for (const note of notes) process.stderr.write(`${note}\n`);
    const { alertInProcess } = await import('../../alerts/alert-in-process.js');
    const alerts = await alertInProcess(events, { store, logger: c.logger, config: c.config });
    if (alerts?.unconfigured) process.stderr.write(`${alerts.unconfigured} email alerts waiting: set SMTP_URL to send them\n`);
  }
  const { passes: _passes, ...printed } = outcome;
  const result = { ...printed, requests: outcome.requests + scrapeRequests, events };
  const summary = sweepSummaryText(summariseSweep({ id: null, kind: 'discovery', startedAt, finishedAt: new Date().toISOString() }, outcomes));
  if (opts.json) {
    // A person watching the terminal gets the line too; a script reading stderr gets only logs.
    if (process.stderr.isTTY) process.stderr.write(`${summary}\n`);
    return printJson(result);
  }
  process.stdout.write(`${summary}\n`);
  process.stdout.write(
    `searched ${result.since ?? '(scopes only)'} to ${result.until} in ${result.requests} requests: ${result.providers.length} providers scraped, ${result.added.length} newly watched, ${events.filter((e) => !e.backfill).length} new events\n`,
  );
};

