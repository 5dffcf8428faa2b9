import type { ChangeEvent } from '../src/ofsted/types.js';
import { notifyJobOptions } from './job-options.js';
import type { ProcessorDeps } from './processor-deps.js';
import { NOTIFY_JOB, notifyJobId } from './queues.js';

/** How far a recording daemon's clock may lag the clock of the daemon that queued the job. */
const CLOCK_SKEW_MS = 10 * 60 * 1000;

/**
 * Hand the events a job raised to the notify queue (one job per event, its id from the event id, so
 * handing one on twice adds it once) and count them. A retried job's recordChanges returns nothing new
 * (the attempt that crashed stored it all), so a retry looks up what the URN raised since the job was
 * created and hands that on: whatever the crash kept from the queue gets there now.
 * Returns the events this job raised (backfill included).
 */
export async function handOnEvents(
  deps: ProcessorDeps,
  o: { urn: string; jobCreatedAt: number; raised: readonly ChangeEvent[]; retry: boolean },
): Promise<ChangeEvent[]> {
  const byId = new Map(o.raised.map((e) => [e.id, e]));
  if (o.retry) {
    const since = new Date(o.jobCreatedAt - CLOCK_SKEW_MS).toISOString();
    for (const e of await deps.store.listEvents({ urn: o.urn, since })) if (!byId.has(e.id)) byId.set(e.id, e);
  }
  const events = [...byId.values()];
  deps.metrics.countEvents(o.raised);
  const alerts = events.filter((e) => !e.backfill);
  if (alerts.length > 0) {
    await deps.queues.notify.addBulk(
      alerts.map((e) => ({ name: NOTIFY_JOB, data: { eventId: e.id }, opts: notifyJobOptions(deps.settings, notifyJobId(e.id)) })),
    );
  }
  return events;
}
