import type { Logger } from '../src/logger.js';
import type { ScrapeDeps } from '../src/monitor/scrape-provider.js';
import type { ChangeEvent } from '../src/ofsted/types.js';
import type { ProcessorDeps } from './processor-deps.js';

/** The scrape steps' dependencies for one job: the daemon's shared parts, logging through the job's logger. */
export function scrapeDeps(deps: ProcessorDeps, log: Logger): ScrapeDeps {
  return { site: deps.source, store: deps.store, logger: log, extract: deps.extract };
}

/** An event as a job result lists it. */
export function briefEvent(e: Pick<ChangeEvent, 'id' | 'type' | 'backfill'>): { id: string; type: string; backfill: boolean } {
  return { id: e.id, type: e.type, backfill: e.backfill };
}
