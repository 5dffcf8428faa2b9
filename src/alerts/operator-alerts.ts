import { nowIso, type AlertDeps } from './alert-deps.js';
import { messageIdFor, operatorMessageKey } from './message-keys.js';
import type { OperatorAlert } from './render/operator-alert.js';
import { renderOperatorAlert } from './render/render-operator-alert.js';

/** Reports read in the last day before their unreadable share is judged (fewer say too little). */
const MIN_REPORTS_FOR_SHARE = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Count one scrape of a URN (a provider job that worked, or failed for good). The operator hears once
 * when a URN reaches FAILURE_ALERT_AFTER failures in a row, and once when it works again: never once
 * per failure. Health is recorded even without OPERATOR_EMAIL.
 */
export async function noteScrapeOutcome(urn: string, outcome: { ok: boolean; error?: string }, deps: AlertDeps): Promise<void> {
  const { store, config } = deps;
  // The daily case, a URN that keeps working: one read, no write.
  if (outcome.ok && !((await store.getScrapeHealth(urn))?.failures ?? 0)) return;
  const at = nowIso(deps);
  const { previous, current } = await store.recordScrapeOutcome(urn, { ...outcome, at });
  if (!config.OPERATOR_EMAIL) return;
  const provider = await store.getProvider(urn);
  if (!outcome.ok && current.failures >= config.FAILURE_ALERT_AFTER && !current.alertedAt && current.failingSince) {
    await queueOperatorMessage(deps, operatorMessageKey('failing', urn, current.failingSince), { kind: 'scrape-failing', health: current, provider });
    await store.markScrapeFailureAlerted(urn, at);
  } else if (outcome.ok && previous?.alertedAt && previous.failingSince) {
    await queueOperatorMessage(deps, operatorMessageKey('recovered', urn, previous.failingSince), { kind: 'scrape-recovered', run: previous, at, provider });
  }
}

/** Once a day at most: tell the operator when too many of the last day's reports could not be read. */
export async function checkUnreadableShare(deps: AlertDeps): Promise<void> {
  const { config, store } = deps;
  if (!config.OPERATOR_EMAIL) return;
  const now = deps.now?.() ?? new Date();
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const { total, unreadable } = await store.countReportsFetchedSince(since);
  if (total < MIN_REPORTS_FOR_SHARE || unreadable / total <= config.UNREADABLE_ALERT_SHARE) return;
  const day = now.toISOString().slice(0, 10);
  await queueOperatorMessage(deps, operatorMessageKey('unreadable', day, day), {
    kind: 'unreadable-reports',
    since,
    total,
    unreadable,
    threshold: config.UNREADABLE_ALERT_SHARE,
  });
}

/** Queue one operator message under its idempotency key (nothing without OPERATOR_EMAIL; a key queued before stays as it is). */
export async function queueOperatorMessage(deps: AlertDeps, key: string, alert: OperatorAlert): Promise<void> {
  const to = deps.config.OPERATOR_EMAIL;
  if (!to) return;
  const queued = await deps.store.queueMessages(
    [
      {
        key,
        kind: 'operator',
        eventId: null,
        subscriptionId: null,
        channel: 'email',
        recipient: to.toLowerCase(),
        ...renderOperatorAlert(alert),
        messageId: messageIdFor(key),
        unsubscribeUrl: null,
        status: 'pending',
      },
    ],
    [],
    nowIso(deps),
  );
  if (queued > 0) deps.logger.warn({ alert: alert.kind, key }, 'operator alert queued');
}
