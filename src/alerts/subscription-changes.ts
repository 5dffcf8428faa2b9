// Applying a checked subscribe/unsubscribe request to the store: the I/O half that the CLI and the HTTP API
// share (the checking itself is in subscription-request.ts).
import type { Store } from '../store/store.js';
import type { PlannedSubscriptions } from './subscription-request.js';
import type { Subscription } from './types.js';

export interface AddedSubscriptions {
  /** In the order planned; `created` is false when an existing one was updated instead. */
  subscriptions: Array<{ subscription: Subscription; created: boolean }>;
  /** The planned URNs that were not on the watchlist before. */
  newlyWatched: string[];
}

/** Add (or update) the planned subscriptions and put their URNs on the watchlist. */
export async function addSubscriptions(store: Store, plan: PlannedSubscriptions, at: string): Promise<AddedSubscriptions> {
  const subscriptions: AddedSubscriptions['subscriptions'] = [];
  for (const s of plan.subscriptions) subscriptions.push(await store.addSubscription(s, at));
  const newlyWatched: string[] = [];
  // One URN at a time so the answer can say which were new; a request names a handful.
  for (const urn of plan.watch) if ((await store.watchAdd([urn])) > 0) newlyWatched.push(urn);
  return { subscriptions, newlyWatched };
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
