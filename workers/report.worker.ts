import type { Job } from 'bullmq';
import type { Logger } from '../src/logger.js';
import { readReport } from '../src/monitor/scrape-provider.js';
import type { StoredReport } from '../src/store/store.js';
import { abortable } from './abortable.js';
import type { ProcessorDeps } from './processor-deps.js';
import { scrapeDeps } from './scrape-deps.js';
import type { ReportJobData } from './queues.js';

/**
 * Step 2 of `scrape` for one new report: download, extract, parse. A report that cannot be read comes
 * back with `parsed: null` and is stored (scrape-failed) by the record job, never retried as if it were
 * an outage; only Ofsted being unavailable fails the attempt, to be retried with backoff.
 */
export async function runReport(
  deps: ProcessorDeps,
  job: Job<ReportJobData, StoredReport>,
  signal: AbortSignal | undefined,
  log: Logger,
): Promise<StoredReport> {
  const { urn, link } = job.data;
  const report = await abortable(readReport(urn, link, scrapeDeps(deps, log)), signal);
  if (!report.parsed) deps.metrics.countParseFailure();
  return report;
}
