import type { Action } from '../lazy-action.js';
import { addSubscriptions, removeMatchingSubscriptions } from '../../alerts/subscription-changes.js';
import {
  describeEvents,
  describeScope,
  parseTarget,
  planSubscriptions,
  planUnsubscribe,
} from '../../alerts/subscription-request.js';
import type { Subscription } from '../../alerts/types.js';
import { printJson } from '../context.js';
import { resolveScopeNames } from '../../monitor/scope-names.js';

interface ScopeOptions {
  urn: string[];
  owner?: string;
  la?: string;
  json?: boolean;
}

export const subscribeCommand: Action<[string, ScopeOptions & { events: string; digest?: boolean }]> = async (ctx, target, opts) => {
  const request = { target, urn: opts.urn, events: opts.events, digest: opts.digest === true };
  // Everything is checked before anything is written: a typo changes nothing.
  planSubscriptions({ ...request, ...(opts.owner !== undefined && { owner: opts.owner }), ...(opts.la !== undefined && { la: opts.la }) });
  const store = await ctx().openStore();
  // Stored as the store and Ofsted spell them, which is how providers are matched to the subscription.
  const names = await resolveScopeNames(store, { la: opts.la, owner: opts.owner });
  const plan = planSubscriptions({ ...request, ...names });
  const result = await addSubscriptions(store, plan, new Date().toISOString(), {
    webhookAllowHosts: ctx().config.WEBHOOK_ALLOW_HOSTS,
  });
  const secret = result.signingSecret !== undefined ? { signingSecret: result.signingSecret } : {};
  if (opts.json) return printJson({ subscriptions: result.subscriptions.map((r) => r.subscription), watched: plan.watch, ...secret });
  for (const { subscription: s, created } of result.subscriptions) {
    const mode = s.mode === 'digest' ? 'daily digest' : 'immediate';
    process.stdout.write(
      `${created ? 'subscribed' : 'updated'} ${s.target} to ${describeScope(s)} (events: ${describeEvents(s.events)}; ${mode})\n`,
    );
  }
  for (const urn of plan.watch) {
    process.stdout.write(result.newlyWatched.includes(urn) ? `${urn} added to the watchlist\n` : `${urn} was already on the watchlist\n`);
  }
  if (result.signingSecret !== undefined) {
    process.stdout.write(`signing secret (Standard Webhooks; shown only now, keep it to verify webhook-signature): ${result.signingSecret}\n`);
  }
};

export const unsubscribeCommand: Action<[string, ScopeOptions & { all?: boolean }]> = async (ctx, target, opts) => {
  const plan = planUnsubscribe({
    target,
    urn: opts.urn,
    ...(opts.owner !== undefined && { owner: opts.owner }),
    ...(opts.la !== undefined && { la: opts.la }),
    all: opts.all === true,
  });
  const removed = await removeMatchingSubscriptions(await ctx().openStore(), plan);
  if (opts.json) return printJson({ removed });
  process.stdout.write(
    removed === 0
      ? `no matching subscriptions of ${plan.target}: nothing removed (list them with \`ofsted-monitor subscriptions --target ${plan.target}\`)\n`
      : `removed ${removed} subscription${removed === 1 ? '' : 's'} of ${plan.target}\n`,
  );
};

export const subscriptionsCommand: Action<[{ target?: string; json?: boolean }]> = async (ctx, opts) => {
  const filter = opts.target === undefined ? {} : { target: parseTarget(opts.target).target };
  const subscriptions = await (await ctx().openStore()).listSubscriptions(filter);
  if (opts.json) return printJson({ subscriptions });
  if (subscriptions.length === 0) {
    process.stdout.write('no subscriptions: add one with `ofsted-monitor subscribe <email> --urn <URN>`\n');
  }
  for (const s of subscriptions) process.stdout.write(`${line(s)}\n`);
};

function line(s: Subscription): string {
  return [s.id, s.target, describeScope(s), s.mode, describeEvents(s.events)].join('\t');
}
