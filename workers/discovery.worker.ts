import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { queueOperatorMessage } from '../src/alerts/operator-alerts.js';
import { operatorMessageKey } from '../src/alerts/message-keys.js';
import type { Logger } from '../src/logger.js';
import { DiscoveryFailedError, discover } from '../src/monitor/discover.js';
import { SearchPageShapeError } from '../src/ofsted/site/search-page-shape-error.js';
import type { ProcessorDeps } from './processor-deps.js';
import { discoveryProviderJobId, type SweepJobData } from './queues.js';
import { markSweepStarted } from './schedule-status.js';
import { beginSweepRun, setSweepTotal } from './sweep-runs.js';
import { queueProviderJobs } from './sweep.worker.js';

/** What a discovery job returns (GET /api/jobs/<id> shows it). */
export interface DiscoveryJobResult {
  tick: string;
  since: string | null;
  until: string;
  /** Requests discovery itself made (search pages, LA codes). */
  requests: number;
  /** Providers handed on to provider jobs. */
  providers: number;
  /** Provider jobs this tick added (the others were already pending). */
  queued: number;
  /** Providers newly watched inside a watched scope. */
  added: string[];
}

/**
 * A discovery tick (SCRAPE_SCHEDULE, or `sweep`): one pass of src/monitor/discover.ts, handing what it finds
 * to the usual provider jobs. A category's high-water mark advances once its search pages were all read and
 * the provider jobs are in Redis: a provider job that fails later is retried by its own attempts and by the
 * report retries, and a URN that keeps failing reaches the operator's failure alert, so the mark need not wait.
 * A failed pass advances nothing, logs an error and tells the operator (once a day per set of categories).
 */
export async function runDiscovery(deps: ProcessorDeps, job: Job<SweepJobData, DiscoveryJobResult>, log: Logger): Promise<DiscoveryJobResult> {
  const tick = String(job.opts.prevMillis ?? job.id);
  const run = job.id ?? tick;
  await markSweepStarted(deps.queues.sweep as Queue);
  await beginSweepRun(deps.queues.sweep as Queue, run, 'discovery');
  let queued = 0;
  const handOff = async (urns: readonly string[]) => {
    queued += await queueProviderJobs(deps, urns, (urn) => discoveryProviderJobId(urn, tick), { full: false, sweep: run });
  };
  try {
    const r = await discover({ site: deps.source, store: deps.store, logger: log, handOff });
    const result = { tick, since: r.since, until: r.until, requests: r.requests, providers: r.providers.length, queued, added: r.added };
    log.info(result, 'discovery: provider jobs queued');
    await setSweepTotal(deps.queues.sweep as Queue, run, queued, log);
    return result;
  } catch (err) {
    if (!(err instanceof DiscoveryFailedError)) throw err;
    await tellOperator(deps, err, log).catch((e: unknown) =>
      log.warn({ err: e instanceof Error ? e.message : String(e) }, 'could not queue the operator alert of a failed discovery'),
    );
    // A page that changed shape will not read better in a few minutes: the next tick searches the same days.
    if (err.cause instanceof SearchPageShapeError) throw new UnrecoverableError(err.message);
    throw err;
  }
}

async function tellOperator(deps: ProcessorDeps, err: DiscoveryFailedError, log: Logger): Promise<void> {
  const categories = [...err.categories];
  const at = new Date().toISOString();
  await queueOperatorMessage(
    { ...deps.alerts, logger: log },
    operatorMessageKey('discovery-failed', categories.join(','), at.slice(0, 10)),
    { kind: 'discovery-failed', categories, error: err.message, at },
  );
}
