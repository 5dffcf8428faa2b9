import type { Action } from '../lazy-action.js';
import { BadInputError } from '../../errors.js';
import { parseUrn } from '../../ofsted/urn.js';
import { printJson } from '../context.js';

export const eventsCommand: Action<[{ json?: boolean; since?: string; urn?: string }]> = async (ctx, opts) => {
  const urn = opts.urn !== undefined ? parseUrn(opts.urn) : undefined;
  if (opts.since !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(opts.since) || Number.isNaN(Date.parse(opts.since)))) {
    throw new BadInputError(`--since needs an ISO date such as 2019-10-01, not ${JSON.stringify(opts.since)}`);
  }
  const events = await (await ctx().openStore()).listEvents({ since: opts.since, urn });
  if (opts.json) return printJson(events);
  if (events.length === 0) process.stdout.write('no events\n');
  for (const e of events) {
    const marks = `${e.backfill ? ' (baseline)' : ''}${e.supersededBy ? ` (superseded by report ${e.supersededBy})` : ''}${e.restates ? ' (told before)' : ''}`;
    process.stdout.write(`${e.at.slice(0, 19)}  ${e.type.padEnd(18)} ${e.summary}${marks}\n`);
  }
};
