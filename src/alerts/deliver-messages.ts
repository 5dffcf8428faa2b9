import { nowIso, type AlertDeps } from './alert-deps.js';
import { DeliveryError } from './transport/delivery-error.js';
import type { OutboxMessage } from './types.js';

const MAX_BACKOFF_MS = 60 * 60 * 1000;

export interface DeliverySummary {
  sent: number;
  /** Failed this time, to be retried later. */
  deferred: number;
  /** Refused for good, or out of attempts. */
  givenUp: number;
  /** Email waiting because no SMTP_URL is configured. */
  unconfigured: number;
}

/**
 * Send what is due in the outbox (all of it, or one event's messages). Each message is claimed first,
 * so two daemons never send it at once, then marked sent. A crash between the two leaves it claimed
 * until the lease runs out; then it is sent again with the same Message-ID (at least once, and a
 * recognisable duplicate at worst). Failures are recorded, never thrown: a transient one is retried
 * with backoff, a refused address is not retried.
 */
export async function deliverDue(deps: AlertDeps, filter: { eventId?: string } = {}, limit = 200): Promise<DeliverySummary> {
  const { store, config } = deps;
  const summary: DeliverySummary = { sent: 0, deferred: 0, givenUp: 0, unconfigured: 0 };
  const due = await store.listDueMessages(nowIso(deps), limit, filter);
  for (const message of due) {
    if (message.channel === 'email' && !config.SMTP_URL) {
      summary.unconfigured++;
      continue;
    }
    if (message.subscriptionId && !(await store.getSubscription(message.subscriptionId))) {
      await store.markMessageFailed(message.key, 'unsubscribed before it was sent', { at: nowIso(deps), status: 'failed' });
      summary.givenUp++;
      continue;
    }
    const now = deps.now?.() ?? new Date();
    const claimed = await store.claimMessage(message.key, now.toISOString(), new Date(now.getTime() + config.ALERT_LEASE_MS).toISOString());
    if (!claimed) continue;
    const outcome = await sendOne(message, deps);
    summary[outcome]++;
  }
  if (due.length > 0) deps.logger.info(summary, 'outbox delivery');
  return summary;
}

async function sendOne(message: OutboxMessage, deps: AlertDeps): Promise<'sent' | 'deferred' | 'givenUp'> {
  const { store, config } = deps;
  const log = deps.logger.child({ message: message.key, channel: message.channel });
  try {
    // Read at each send, so a webhook subscribed before secrets existed is signed once migrated.
    const signingSecret = message.channel === 'webhook' && message.subscriptionId ? await store.getSigningSecret(message.subscriptionId) : null;
    await deps.transports.get(message.channel).send(message, { signingSecret });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const at = nowIso(deps);
    if (err instanceof DeliveryError && err.permanent) {
      await store.markMessageFailed(message.key, reason, { at, status: 'rejected' });
      log.warn({ err: reason }, 'message refused for good; not retrying');
      return 'givenUp';
    }
    const attempts = message.attempts + 1;
    if (attempts >= config.ALERT_MAX_ATTEMPTS) {
      await store.markMessageFailed(message.key, reason, { at, status: 'failed' });
      log.error({ err: reason, attempts }, 'message not delivered after the last attempt');
      return 'givenUp';
    }
    const backoff = Math.min(config.ALERT_BACKOFF_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    const wait = Math.max(backoff, err instanceof DeliveryError ? (err.retryAfterMs ?? 0) : 0);
    const nextAttemptAt = new Date(Date.parse(at) + wait).toISOString();
    await store.markMessageFailed(message.key, reason, { at, nextAttemptAt });
    log.warn({ err: reason, attempts, nextAttemptAt }, 'message not sent; will retry');
    return 'deferred';
  }
  await store.markMessageSent(message.key, nowIso(deps));
  log.info({ recipientDomain: message.recipient.split('@')[1] ?? null }, 'message sent');
  return 'sent';
}
