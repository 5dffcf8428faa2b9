import type { Job } from 'bullmq';
import type { Logger } from '../src/logger.js';
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
  const events = await handOnEvents(deps, { urn, jobCreatedAt: job.timestamp, raised, retry: job.attemptsStarted > 1 });
  log.info({ stored: incoming.length, unfetched, events: raised.length }, 'reports recorded');
  return { fresh: listing.fresh.length, stored: incoming.length, unfetched, events: events.map(briefEvent) };
}
