import type { Logger } from '../src/logger.js';
import { PARSER_VERSION } from '../src/ofsted/reports/parser-version.js';
import { providerJobOptions } from './job-options.js';
import type { ProcessorDeps } from './processor-deps.js';
import { PROVIDER_JOB, providerDeduplicationId, retryProviderJobId, type ProviderJobData } from './queues.js';

/** Providers queued per tick; a longer backlog drains over the next ticks. */
const RETRY_BATCH = 500;

/**
 * Queue a provider job for each watched provider with a report due for another try (its retry time has
 * come, or a new parser version may read what an older one gave up on), so a report that arrived damaged is
 * fetched again after its backoff rather than at the next daily sweep. Deduplicated per URN with the sweep's
 * and manual jobs. Returns how many jobs were added.
 */
export async function queueDueReportRetries(deps: ProcessorDeps, log: Logger, now: Date = new Date()): Promise<number> {
  const due = await deps.store.listReportRetriesDue({ now: now.toISOString(), parserVersion: PARSER_VERSION, limit: RETRY_BATCH });
  if (due.length === 0) return 0;
  const jobs = due.map(({ urn, retryAt }) => {
    const data: ProviderJobData = { urn, reason: 'sweep' };
    const jobId = retryProviderJobId(urn, retryAt ? String(Date.parse(retryAt)) : `parser-${PARSER_VERSION}`);
    return { name: PROVIDER_JOB, data, opts: providerJobOptions(deps.settings, { jobId, deduplicationId: providerDeduplicationId(urn), reason: 'sweep' }) };
  });
  const added = (await deps.queues.provider.addBulk(jobs)).filter((j, k) => j.id === jobs[k]?.opts.jobId).length;
  if (added > 0) log.info({ added, due: due.length }, 'reports due for another try: provider jobs queued');
  return added;
}
