// Signed unsubscribe tokens: the link in a message is enough to unsubscribe, and nothing else is.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/store.js';

const SECRET_SETTING = 'unsubscribe-secret';

/** What a token unsubscribes: one subscription, or every digest subscription of a recipient. */
export type UnsubscribeTarget = { subscriptionId: string } | { digestRecipient: string };

/** The secret every process sharing the store signs with; created on first use. */
export function unsubscribeSecret(store: Store): Promise<string> {
  return store.ensureSetting(SECRET_SETTING, () => randomBytes(32).toString('base64url'));
}

export function signUnsubscribe(target: UnsubscribeTarget, secret: string): string {
  const payload = Buffer.from(JSON.stringify(target), 'utf8').toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** The target of a well-formed token signed with `secret`; null for anything else. */
export function verifyUnsubscribe(token: string, secret: string): UnsubscribeTarget | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const target = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof target.subscriptionId === 'string') return { subscriptionId: target.subscriptionId };
    if (typeof target.digestRecipient === 'string') return { digestRecipient: target.digestRecipient };
  } catch {
    // not JSON: fall through
  }
  return null;
}

/** The link a message carries: `<publicUrl>/unsubscribe?token=…` (publicUrl as alert-deps.ts gives it). */
export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}
