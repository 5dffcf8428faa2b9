import type { ChangeEvent } from '../ofsted/types.js';
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

/** Reports a day that each get their own operator message; beyond, the unreadable-share alert speaks for them. */
export const REPORT_UNREAD_ALERTS_PER_DAY = 20;

/**
 * Tell the operator of each report the monitor fetched but could not read, classify or grade (its scrape-failed
 * events, never a baseline's): a person must read it, because it may hold a decline. One message per report, at
 * most REPORT_UNREAD_ALERTS_PER_DAY a day, so a change of Ofsted's format does not bury the operator's inbox.
 */
export async function noteUnreadReports(events: readonly ChangeEvent[], deps: AlertDeps): Promise<void> {
  if (!deps.config.OPERATOR_EMAIL) return;
  const failed = events.filter((e) => e.type === 'scrape-failed' && !e.backfill);
  if (failed.length === 0) return;
  const day = nowIso(deps).slice(0, 10);
  const prefix = 'operator|report-unread|';
  let sentToday = (await deps.store.listMessages({ kind: 'operator' })).filter((m) => m.key.startsWith(prefix) && m.createdAt.startsWith(day)).length;
  for (const event of failed) {
    const key = `${prefix}${event.id}`;
    if (sentToday >= REPORT_UNREAD_ALERTS_PER_DAY || (await deps.store.getMessage(key))) continue;
    await queueOperatorMessage(deps, key, { kind: 'report-unread', event, provider: await deps.store.getProvider(event.urn) });
    sentToday += 1;
  }
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
