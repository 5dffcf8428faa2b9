import type { Job } from 'bullmq';
import { deliverDue } from '../src/alerts/deliver-messages.js';
import { planAlerts } from '../src/alerts/plan-alerts.js';
import { reconcileImportedSnapshots } from '../src/alerts/reconcile-snapshots.js';
import { queueDigests } from '../src/alerts/send-digests.js';
import type { Logger } from '../src/logger.js';
import type { ProcessorDeps } from './processor-deps.js';
import { queueDueReportRetries } from './report-retries.js';
import { DIGEST_JOB, OUTBOX_JOB, type NotifyJobData } from './queues.js';

/** Events planned per outbox tick; a backlog drains over several ticks. */
const CATCH_UP_BATCH = 200;

export type NotifyResult = { planned: number; sent: number; deferred: number; givenUp: number; unconfigured: number };

/**
 * The notify queue: a `notify` job plans and sends one event's messages; the `outbox` tick retries what
 * is due and plans any event whose notify job was lost (the store, not Redis, knows what is unplanned);
 * the `digest` tick makes the day's digests. The outbox tick also reconciles imported data files whose
 * providers have been scraped (reconcile-snapshots.ts), so their one operator message goes out with it,
 * and queues a provider job for each provider with a report due for another try (report-retries.ts).
 * All of it is idempotent: the outbox keys and the job ids decide.
 */
export async function runNotify(deps: ProcessorDeps, job: Job<NotifyJobData>, log: Logger): Promise<NotifyResult> {
  const alerts = { ...deps.alerts, logger: log };
  let planned = 0;
  if (job.name === OUTBOX_JOB) {
    planned = await planAlerts(await deps.store.listUnplannedEvents(CATCH_UP_BATCH), alerts);
    // Imported data files whose providers have been scraped since (one query when there are none). A
    // failure here must not hold back the messages below; the next tick tries again.
    await reconcileImportedSnapshots(alerts).catch((err: unknown) =>
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not reconcile imported data files'),
    );
    await queueDueReportRetries(deps, log).catch((err: unknown) =>
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not queue reports due for another try'),
    );
    return { planned, ...(await deliverDue(alerts)) };
  }
  if (job.name === DIGEST_JOB) {
    planned = await queueDigests(alerts);
    return { planned, ...(await deliverDue(alerts)) };
  }
  const eventId = job.data.eventId;
  if (!eventId) return { planned: 0, sent: 0, deferred: 0, givenUp: 0, unconfigured: 0 };
  const event = await deps.store.getEvent(eventId);
  if (event) planned = await planAlerts([event], alerts);
  return { planned, ...(await deliverDue(alerts, { eventId })) };
}
