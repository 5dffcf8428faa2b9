import type { ChangeEvent } from '../ofsted/types.js';
import { publicUrl, nowIso, type AlertDeps } from './alert-deps.js';
import { alertContext } from './alert-context.js';
import { matchSubscriptions } from './match-subscriptions.js';
import { noteUnreadReports } from './operator-alerts.js';
import { eventMessageKey, messageIdFor } from './message-keys.js';
import { renderEventEmail } from './render/render-event-email.js';
import { renderWebhookBody } from './render/render-webhook-body.js';
import type { NewOutboxMessage, Subscription } from './types.js';
import { signUnsubscribe, unsubscribeSecret, unsubscribeUrl } from './unsubscribe-token.js';

/**
 * Queue the messages `events` call for: one per (event, recipient) whose subscriptions want it,
 * rendered now and held for the recipient's digest when that is how they asked for it; the operator
 * hears of each report that could not be read (noteUnreadReports). Backfill events (a baseline's history)
 * and restatements alert nobody. Idempotent: the store keeps one row per key and marks
 * the events planned in the same transaction. Returns how many messages were new.
 */
export async function planAlerts(events: readonly ChangeEvent[], deps: AlertDeps): Promise<number> {
  // An event that restates what a superseded one already told (a report that arrived late) is not news either.
  const alertable = events.filter((e) => !e.backfill && !e.restates);
  if (alertable.length === 0) return 0;
  const { store } = deps;
  // Before the events are marked planned, so a crash between the two repeats this (the outbox keys dedupe).
  await noteUnreadReports(alertable, deps);
  const subscriptions = await store.listSubscriptions();
  const messages: NewOutboxMessage[] = [];
  if (subscriptions.length > 0) {
    const watched = new Set((await store.watchList()).map((w) => w.urn));
    const secret = await unsubscribeSecret(store);
    for (const event of alertable) {
      const provider = await store.getProvider(event.urn);
      const wanted = onePerRecipient(matchSubscriptions(event, provider, watched.has(event.urn), subscriptions));
      if (wanted.length === 0) continue;
      const context = await alertContext(event, provider, store, publicUrl(deps.config));
      for (const s of wanted) {
        const unsubscribe = unsubscribeUrl(publicUrl(deps.config), signUnsubscribe({ subscriptionId: s.id }, secret));
        const ctx = { ...context, links: { ...context.links, unsubscribe } };
        const rendered = s.channel === 'email' ? renderEventEmail(ctx) : renderWebhookBody(ctx);
        const key = eventMessageKey(event.id, s.channel, s.target);
        messages.push({
          key,
          kind: 'event',
          eventId: event.id,
          subscriptionId: s.id,
          channel: s.channel,
          recipient: s.target,
          ...rendered,
          messageId: messageIdFor(key),
          unsubscribeUrl: unsubscribe,
          status: s.mode === 'digest' && s.channel === 'email' ? 'held' : 'pending',
        });
      }
    }
  }
  const queued = await store.queueMessages(messages, alertable.map((e) => e.id), nowIso(deps));
  if (queued > 0) deps.logger.info({ queued, events: alertable.length }, 'alert messages queued');
  return queued;
}

/** A recipient matched by several subscriptions gets one message: immediately if any of them says so. */
function onePerRecipient(matched: readonly Subscription[]): Subscription[] {
  const byRecipient = new Map<string, Subscription>();
  for (const s of matched) {
    const key = `${s.channel}|${s.target}`;
    const seen = byRecipient.get(key);
    if (!seen || (seen.mode === 'digest' && s.mode === 'immediate')) byRecipient.set(key, s);
  }
  return [...byRecipient.values()];
}
