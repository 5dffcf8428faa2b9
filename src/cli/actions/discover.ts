import type { Action } from '../lazy-action.js';
import { OfstedMonitorError } from '../../errors.js';
import { discover } from '../../monitor/discover.js';
import { reportRetryPolicyFromConfig } from '../../monitor/report-retry.js';
import { scrapeProvider, type ReportSource } from '../../monitor/scrape-provider.js';
import type { ChangeEvent } from '../../ofsted/types.js';
import { printJson, type CliContext } from '../context.js';

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
    downloadReport: (url) => {
      scrapeRequests++;
      return site.downloadReport(url);
    },
  };
  const events: ChangeEvent[] = [];
  const failed: string[] = [];
  const handOff = async (urns: readonly string[]) => {
    for (const urn of urns) {
      try {
        const result = await scrapeProvider(urn, {
          site: counted,
          store,
          logger: c.logger,
          extract: (pdf) => extractor.extract(pdf),
          retry: reportRetryPolicyFromConfig(c.config),
        });
        events.push(...result.events);
      } catch (err) {
        if (!(err instanceof OfstedMonitorError)) throw err;
        failed.push(urn);
        process.stderr.write(`${urn}: could not be scraped (${err.message}); the next pass tries it again\n`);
      }
    }
    // A provider that could not be read keeps the window open: the next pass lists it again.
    if (failed.length > 0) throw new OfstedMonitorError(`${failed.length} of ${urns.length} providers found could not be scraped (${failed.slice(0, 5).join(', ')}); run discover again later`);
  };
  let outcome;
  try {
    outcome = await discover({ site, store, logger: c.logger, handOff, logFailures: false }, opts.since ? { since: opts.since } : {});
  } finally {
    const { alertInProcess } = await import('../../alerts/alert-in-process.js');
    const alerts = await alertInProcess(events, { store, logger: c.logger, config: c.config });
    if (alerts?.unconfigured) process.stderr.write(`${alerts.unconfigured} email alerts waiting: set SMTP_URL to send them\n`);
  }
  const { passes: _passes, ...printed } = outcome;
  const result = { ...printed, requests: outcome.requests + scrapeRequests, events };
  if (opts.json) return printJson(result);
  process.stdout.write(
    `searched ${result.since ?? '(scopes only)'} to ${result.until} in ${result.requests} requests: ${result.providers.length} providers scraped, ${result.added.length} newly watched, ${events.filter((e) => !e.backfill).length} new events\n`,
  );
};

