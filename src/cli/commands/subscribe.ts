import type { Command } from 'commander';
import { addSubscriptions, removeMatchingSubscriptions } from '../../alerts/subscription-changes.js';
import {
  describeEvents,
  describeScope,
  parseTarget,
  planSubscriptions,
  planUnsubscribe,
} from '../../alerts/subscription-request.js';
import type { Subscription } from '../../alerts/types.js';
import { printJson, type CliContext } from '../context.js';

interface ScopeOptions {
  urn: string[];
  owner?: string;
  la?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerSubscribe(program: Command, ctx: () => CliContext): void {
  program
    .command('subscribe')
    .description('alert an email address or a webhook when watched providers change')
    .argument('<email-or-webhook-url>', 'email address, or an http(s) URL that takes a JSON POST (e.g. Slack)')
    .option('--urn <URN>', 'one provider (repeatable); it is added to the watchlist', collect, [])
    .option('--owner <name>', 'every provider owned by this organisation')
    .option('--la <local authority>', 'every provider in this local authority')
    .option('--events <list>', 'comma list: decline, any, or event type names', 'decline')
    .option('--digest', 'one message a day instead of one per event')
    .option('--json', 'print { subscriptions, watched } as JSON')
    .action(async (target: string, opts: ScopeOptions & { events: string; digest?: boolean }) => {
      // Everything is checked before the store is opened: a typo changes nothing.
      const plan = planSubscriptions({
        target,
        urn: opts.urn,
        ...(opts.owner !== undefined && { owner: opts.owner }),
        ...(opts.la !== undefined && { la: opts.la }),
        events: opts.events,
        digest: opts.digest === true,
      });
      const result = await addSubscriptions(await ctx().openStore(), plan, new Date().toISOString(), {
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
    });

  program
    .command('unsubscribe')
    .description('remove subscriptions of an email address or webhook')
    .argument('<target>', 'the email address or webhook URL subscribed')
    .option('--urn <URN>', 'only the subscription to this provider (repeatable)', collect, [])
    .option('--owner <name>', 'only the subscription to this owner')
    .option('--la <local authority>', 'only the subscription to this local authority')
    .option('--all', 'every subscription of the target')
    .option('--json', 'print { removed } as JSON')
    .action(async (target: string, opts: ScopeOptions & { all?: boolean }) => {
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
    });

  program
    .command('subscriptions')
    .description('list alert subscriptions')
    .option('--target <target>', 'only those of this email address or webhook URL')
    .option('--json', 'print { subscriptions } as JSON')
    .action(async (opts: { target?: string; json?: boolean }) => {
      const filter = opts.target === undefined ? {} : { target: parseTarget(opts.target).target };
      const subscriptions = await (await ctx().openStore()).listSubscriptions(filter);
      if (opts.json) return printJson({ subscriptions });
      if (subscriptions.length === 0) {
        process.stdout.write('no subscriptions: add one with `ofsted-monitor subscribe <email> --urn <URN>`\n');
      }
      for (const s of subscriptions) process.stdout.write(`${line(s)}\n`);
    });
}

function line(s: Subscription): string {
  return [s.id, s.target, describeScope(s), s.mode, describeEvents(s.events)].join('\t');
}
