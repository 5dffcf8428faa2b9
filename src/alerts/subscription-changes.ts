// Applying a checked subscribe/unsubscribe request to the store: the I/O half that the CLI and the HTTP API
// share (the checking itself is in subscription-request.ts).
import type { Store } from '../store/store.js';
import type { PlannedSubscriptions } from './subscription-request.js';
import { checkWebhookTarget, newSigningSecret } from './subscription-webhook-target.js';
import type { Subscription } from './types.js';

export interface AddedSubscriptions {
  /** In the order planned; `created` is false when an existing one was updated instead. */
  subscriptions: Array<{ subscription: Subscription; created: boolean }>;
  /** The planned URNs that were not on the watchlist before. */
  newlyWatched: string[];
  /**
   * The webhook target's new signing secret, when this call made it (its first subscription): the only time
   * it is shown, so the caller prints it. Absent for email and for a target that already had one.
   */
  signingSecret?: string;
}

export interface AddSubscriptionsOptions {
  /** WEBHOOK_ALLOW_HOSTS: non-public webhook hosts the operator allows. @defaultValue none */
  webhookAllowHosts?: string | undefined;
}

/**
 * Add (or update) the planned subscriptions and put their URNs on the watchlist. A webhook target is
 * checked first (public host, or allowed by the operator): BadInputError, and nothing stored, otherwise.
 */
export async function addSubscriptions(
  store: Store,
  plan: PlannedSubscriptions,
  at: string,
  options: AddSubscriptionsOptions = {},
): Promise<AddedSubscriptions> {
  const webhooks = new Set(plan.subscriptions.filter((s) => s.channel === 'webhook').map((s) => s.target));
  for (const target of webhooks) await checkWebhookTarget(target, options.webhookAllowHosts);
  const subscriptions: AddedSubscriptions['subscriptions'] = [];
  let signingSecret: string | undefined;
  for (const s of plan.subscriptions) {
    const added = await store.addSubscription(s, at, s.channel === 'webhook' ? { secret: signingSecret ?? newSigningSecret() } : undefined);
    signingSecret ??= added.newSigningSecret;
    subscriptions.push({ subscription: added.subscription, created: added.created });
  }
  const newlyWatched: string[] = [];
  // One URN at a time so the answer can say which were new; a request names a handful.
  for (const urn of plan.watch) if ((await store.watchAdd([urn])) > 0) newlyWatched.push(urn);
  return { subscriptions, newlyWatched, ...(signingSecret !== undefined && { signingSecret }) };
}

/** Remove the target's subscriptions that `matches` picks; returns how many went. */
export async function removeMatchingSubscriptions(
  store: Store,
  plan: { target: string; matches: (s: Subscription) => boolean },
): Promise<number> {
  const doomed = (await store.listSubscriptions({ target: plan.target })).filter(plan.matches);
  let removed = 0;
  for (const s of doomed) removed += await store.removeSubscriptions({ id: s.id });
  return removed;
}
