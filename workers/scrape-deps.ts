import type { Logger } from '../src/logger.js';
import { DEFAULT_REPORT_RETRY_POLICY } from '../src/monitor/report-retry.js';
import type { ScrapeDeps } from '../src/monitor/scrape-provider.js';
import type { ChangeEvent } from '../src/ofsted/types.js';
import type { ProcessorDeps } from './processor-deps.js';

/**
 * The scrape steps' dependencies for one job: the daemon's shared parts, logging through the job's logger.
 * `manual`: a person asked for this scrape (reports waiting for their retry are tried now).
 */
export function scrapeDeps(deps: ProcessorDeps, log: Logger, o: { manual?: boolean } = {}): ScrapeDeps {
  return {
    site: deps.source,
    store: deps.store,
    logger: log,
    extract: deps.extract,
    retry: deps.settings.reportRetry ?? DEFAULT_REPORT_RETRY_POLICY,
    ...(o.manual ? { manual: true } : {}),
  };
}

/** An event as a job result lists it. */
export function briefEvent(e: Pick<ChangeEvent, 'id' | 'type' | 'backfill'>): { id: string; type: string; backfill: boolean } {
  return { id: e.id, type: e.type, backfill: e.backfill };
}
