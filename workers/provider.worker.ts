import { UnrecoverableError, WaitingChildrenError, type Job } from 'bullmq';
import { ProviderNotFoundError } from '../src/errors.js';
import type { Logger } from '../src/logger.js';
import { readProviderListing, recordChanges, type ProviderListing } from '../src/monitor/scrape-provider.js';
import { abortable } from './abortable.js';
import { handOnEvents } from './hand-on-events.js';
import { recordJobOptions, reportJobOptions } from './job-options.js';
import type { ProcessorDeps } from './processor-deps.js';
import {
  PROVIDER_QUEUE,
  RECORD_JOB,
  REPORT_JOB,
  REPORT_QUEUE,
  recordJobId,
  reportJobId,
  type ProviderJobData,
  type ProviderJobResult,
  type RecordJobData,
  type ReportJobData,
} from './queues.js';
import type { RecordResult } from './record.worker.js';
import { briefEvent, scrapeDeps } from './scrape-deps.js';

/**
 * A provider job: step 1 of `scrape` (read the page, list reports not stored yet). With nothing new it
 * records the provider's details straight away (step 3 with no reports). Otherwise it adds a flow: a
 * record job (its own child) whose children are one report job per new fileId, and waits for it; BullMQ
 * brings it back once the record job is done, and it returns the record's summary.
 */
export async function runProvider(
  deps: ProcessorDeps,
  job: Job<ProviderJobData, ProviderJobResult>,
  token: string,
  signal: AbortSignal | undefined,
  log: Logger,
): Promise<ProviderJobResult> {
  const { urn } = job.data;
  const reason = job.data.reason ?? 'manual';
  // Back after waiting for its record job (or restarted after a crash that came after adding it).
  if (job.attemptsStarted > 1) {
    const children = await job.getDependenciesCount();
    if ((children.unprocessed ?? 0) > 0 && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
    if ((children.processed ?? 0) > 0 || (children.unprocessed ?? 0) > 0) return summarise(job);
  }

  const scrape = scrapeDeps(deps, log, { manual: reason === 'manual' });
  let listing: ProviderListing;
  try {
    listing = await abortable(readProviderListing(urn, scrape), signal);
  } catch (err) {
    if (err instanceof ProviderNotFoundError) {
      // readProviderListing stored provider-closed if we knew the provider; hand it on, then stop for good.
      await handOnEvents(deps, { urn, jobCreatedAt: job.timestamp, raised: [], retry: true });
      throw new UnrecoverableError(err.message);
    }
    throw err;
  }

  if (listing.fresh.length === 0) {
    if (listing.baseline) {
      // A provider seen for the first time with nothing published yet: step 3 records its baseline.
      const raised = await recordChanges(listing, [], scrape);
      const events = await handOnEvents(deps, { urn, jobCreatedAt: job.timestamp, raised, retry: job.attemptsStarted > 1 });
      return { urn, fresh: 0, stored: 0, unfetched: 0, events: events.map(briefEvent) };
    }
    // The daily case for nearly every URN. With no new report there is nothing to compare (change
    // events come only from new reports), so this writes what recordChanges would, the provider's details,
    // without reading the whole history back.
    // Not fingerprinted while a listed report waits for its retry: the shortcut must not hide it.
    const pageHash = listing.waiting === 0 ? listing.contentHash : null;
    await deps.store.recordScrape({ provider: listing.provider, reports: [], events: [], at: new Date().toISOString(), pageHash });
    return { urn, fresh: 0, stored: 0, unfetched: 0, events: [] };
  }

  const record: RecordJobData = { urn, reason, listing, ...(job.data.full ? { full: true } : {}) };
  const flow = await deps.queues.flow.add({
    name: RECORD_JOB,
    queueName: PROVIDER_QUEUE,
    data: record,
    opts: { ...recordJobOptions(deps.settings, { jobId: recordJobId(job.id ?? urn), reason }), parent: { id: job.id ?? '', queue: job.queueQualifiedName } },
    children: listing.fresh.map((link) => {
      const data: ReportJobData = { urn, link, baseline: listing.baseline };
      return {
        name: REPORT_JOB,
        queueName: REPORT_QUEUE,
        data,
        opts: reportJobOptions(deps.settings, { jobId: reportJobId(urn, link.fileId), reason, baseline: listing.baseline }),
      };
    }),
  });
  // BullMQ does not attach a report job that already belongs to another live record job (possible only
  // if a second provider job for the URN was queued without the shared deduplication); a record missing
  // children would store an incomplete set, or wait for ever. Give up this attempt and retry later.
  const attached = await flow.job.getDependenciesCount();
  const total = (attached.processed ?? 0) + (attached.unprocessed ?? 0) + (attached.failed ?? 0) + (attached.ignored ?? 0);
  if (total < listing.fresh.length) {
    await flow.job.remove({ removeChildren: false }).catch(() => undefined);
    throw new Error(`reports of ${urn} are being recorded by another job; trying again later`);
  }
  log.info({ fresh: listing.fresh.length, baseline: listing.baseline }, 'new reports: record job and report jobs queued');
  if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
  return summarise(job);
}

async function summarise(job: Job<ProviderJobData, ProviderJobResult>): Promise<ProviderJobResult> {
  const values = Object.values(await job.getChildrenValues<RecordResult>());
  const r = values[0];
  return {
    urn: job.data.urn,
    fresh: r?.fresh ?? 0,
    stored: r?.stored ?? 0,
    unfetched: r?.unfetched ?? 0,
    events: r?.events ?? [],
  };
}
