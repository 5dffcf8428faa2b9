import { nowIso, publicUrl, type AlertDeps } from './alert-deps.js';
import { alertContext } from './alert-context.js';
import { digestMessageKey, messageIdFor } from './message-keys.js';
import type { AlertContext } from './render/alert-context.js';
import { renderDigestEmail } from './render/render-digest-email.js';
import type { OutboxMessage } from './types.js';
import { signUnsubscribe, unsubscribeSecret, unsubscribeUrl } from './unsubscribe-token.js';

/**
 * Turn every recipient's held messages into one digest for `day` (UTC date) and queue it. A digest is
 * made once per recipient and day (its key), so a second run the same day leaves the rest for tomorrow.
 * Returns how many digests were queued; the caller sends them with deliverDue.
 */
export async function queueDigests(deps: AlertDeps, day = nowIso(deps).slice(0, 10)): Promise<number> {
  const { store } = deps;
  const held = await store.listHeldMessages();
  if (held.length === 0) return 0;
  const byRecipient = new Map<string, OutboxMessage[]>();
  for (const m of held) byRecipient.set(`${m.channel}|${m.recipient}`, [...(byRecipient.get(`${m.channel}|${m.recipient}`) ?? []), m]);
  const secret = await unsubscribeSecret(store);
  let queued = 0;
  for (const messages of byRecipient.values()) {
    const first = messages[0]!;
    const items: AlertContext[] = [];
    for (const m of messages) {
      const event = m.eventId ? await store.getEvent(m.eventId) : null;
      if (event) items.push(await alertContext(event, await store.getProvider(event.urn), store, publicUrl(deps.config)));
    }
    const unsubscribe = unsubscribeUrl(publicUrl(deps.config), signUnsubscribe({ digestRecipient: first.recipient }, secret));
    const rendered = renderDigestEmail({ day, items, unsubscribe });
    const key = digestMessageKey(day, first.channel, first.recipient);
    const made = await store.queueDigest(
      {
        key,
        kind: 'digest',
        eventId: null,
        subscriptionId: null,
        channel: first.channel,
        recipient: first.recipient,
        ...rendered,
        messageId: messageIdFor(key),
        unsubscribeUrl: unsubscribe,
        status: 'pending',
      },
      messages.map((m) => m.key),
      nowIso(deps),
    );
    if (made) queued++;
  }
  if (queued > 0) deps.logger.info({ digests: queued, day }, 'digests queued');
  return queued;
}
