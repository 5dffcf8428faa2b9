import type { Job } from 'bullmq';
import type { Logger } from '../src/logger.js';
import { readReport } from '../src/monitor/scrape-provider.js';
import { DamagedDownloadError } from '../src/ofsted/site/damaged-download-error.js';
import type { StoredReport } from '../src/store/store.js';
import { abortable } from './abortable.js';
import type { ProcessorDeps } from './processor-deps.js';
import { scrapeDeps } from './scrape-deps.js';
import type { ReportJobData } from './queues.js';

/**
 * Step 2 of `scrape` for one report: download, extract, parse. A report whose bytes cannot be read comes
 * back with `parsed: null` and is stored by the record job, to be tried again on the store's schedule
 * (src/monitor/report-retry.ts). A download that arrived damaged (or not at all) fails the attempt instead,
 * so BullMQ's backoff gets a few quick tries first; on the job's last attempt it too is handed to the record
 * job, stored unread and tried again later. In a baseline, which is stored whole or not at all, it fails the
 * job even then.
 */
export async function runReport(
  deps: ProcessorDeps,
  job: Job<ReportJobData, StoredReport>,
  signal: AbortSignal | undefined,
  log: Logger,
): Promise<StoredReport> {
  const { urn, link, baseline } = job.data;
  const report = await abortable(readReport(urn, link, scrapeDeps(deps, log)), signal);
  if (report.failure === 'transport') {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (baseline || !lastAttempt) throw new DamagedDownloadError(report.error ?? `report ${link.fileId} could not be downloaded`);
  } else if (!report.parsed) {
    deps.metrics.countParseFailure();
  }
  return report;
}
