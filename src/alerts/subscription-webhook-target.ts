// The two things a webhook subscription needs beyond the pure checks of subscription-request.ts: that its URL
// points at a host we may POST to (a DNS lookup), and a secret to sign its messages with.
import { randomBytes } from 'node:crypto';
import { BadInputError } from '../errors.js';
import { checkWebhookHost, parseWebhookAllowance } from './transport/webhook-address-policy.js';

/**
 * Refuse a webhook URL whose host is not public (loopback, private, link-local, metadata, ...) or does not
 * resolve, unless WEBHOOK_ALLOW_HOSTS (`allowHosts`) lists it. The same check runs again at every send.
 */
export async function checkWebhookTarget(target: string, allowHosts: string | undefined): Promise<void> {
  const url = new URL(target);
  const verdict = await checkWebhookHost(url, parseWebhookAllowance(allowHosts));
  if (verdict.ok) return;
  throw new BadInputError(
    `webhook ${url.host} refused: ${verdict.reason}; use a public host, or have the operator add it to WEBHOOK_ALLOW_HOSTS`,
  );
}

/** A new Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
