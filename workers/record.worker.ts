import type { Job } from 'bullmq';
import type { Logger } from '../src/logger.js';
import { searchCategoryOf } from '../src/ofsted/site/search-page.js';
import type { ChangeEvent } from '../src/ofsted/types.js';
import { recordChanges } from '../src/monitor/scrape-provider.js';
import type { StoredReport } from '../src/store/store.js';
import { handOnEvents } from './hand-on-events.js';
import { briefEvent, scrapeDeps } from './scrape-deps.js';
import type { ProcessorDeps } from './processor-deps.js';
import type { ProviderJobResult, RecordJobData } from './queues.js';

export type RecordResult = Omit<ProviderJobResult, 'urn'>;

/**
 * Step 3 of `scrape` for one provider: store the reports its report jobs read and the change events they
 * imply, in one transaction (recordChanges), then hand the events on. Retried after a crash it stores
 * nothing twice and raises nothing twice (reports are keyed by fileId, events by deterministic id).
 */
export async function runRecord(deps: ProcessorDeps, job: Job<RecordJobData, RecordResult>, log: Logger): Promise<RecordResult> {
  const { urn, listing } = job.data;
  const incoming = Object.values(await job.getChildrenValues<StoredReport>());
  // Report jobs that failed for good after this provider's baseline (a baseline fails this job instead):
  // not stored, so the next sweep finds them new again.
  const unfetched = Object.keys(await job.getIgnoredChildrenFailures()).length;
  const raised = await recordChanges(listing, incoming, scrapeDeps(deps, log));
  if (job.data.full && !listing.baseline) await countMissedByDiscovery(deps, job, incoming, raised, log);
  const events = await handOnEvents(deps, { urn, jobCreatedAt: job.timestamp, raised, retry: job.attemptsStarted > 1 });
  log.info({ stored: incoming.length, unfetched, events: raised.length }, 'reports recorded');
  return { fresh: listing.fresh.length, stored: incoming.length, unfetched, events: events.map(briefEvent) };
}

/**
 * The full sweep stored reports discovery never handed on: count (and warn of) each one published before its
 * category's high-water mark, a day a complete discovery pass had searched to its end. Reports of the mark's
 * own day are left out: the pass may have run before they appeared, and the next one searches that day again.
 * Counted once: on the record's first attempt, or with the events this attempt newly stored.
 */
async function countMissedByDiscovery(
  deps: ProcessorDeps,
  job: Job<RecordJobData, RecordResult>,
  incoming: readonly StoredReport[],
  raised: readonly ChangeEvent[],
  log: Logger,
): Promise<void> {
  const category = searchCategoryOf(job.data.listing.provider);
  if (!category) return;
  const mark = (await deps.store.discoveryMarks()).get(category);
  if (!mark) return;
  const retried = new Set(job.data.listing.fresh.filter((f) => f.previous).map((f) => f.fileId));
  for (const r of incoming) {
    if (retried.has(r.fileId) || !r.publishedAt || r.publishedAt.slice(0, 10) >= mark) continue;
    if (job.attemptsStarted > 1 && !raised.some((e) => e.fileId === r.fileId)) continue;
    deps.metrics.countMissedReport(category);
    log.warn(
      { urn: r.urn, fileId: r.fileId, publishedAt: r.publishedAt, category, highWaterMark: mark },
      "discovery missed a report: the full sweep found it (Ofsted's search may have changed)",
    );
  }
}
