import type { Action } from '../lazy-action.js';
import { parseUrn } from '../../ofsted/urn.js';
import { GRADE_LABEL } from '../../ofsted/vocabulary.js';
import { printJson } from '../context.js';

export const historyCommand: Action<[string, { json?: boolean }]> = async (ctx, rawUrn, opts) => {
  const urn = parseUrn(rawUrn);
  const history = await (await ctx().openStore()).history(urn);
  if (opts.json) return printJson(history);
  if (history.length === 0) {
    process.stdout.write(`nothing stored for ${urn} yet: run \`ofsted-monitor scrape ${urn}\`\n`);
    return;
  }
  for (const h of history) {
    const grade = h.overall ? GRADE_LABEL[h.overall] : h.interimOutcome ? `${h.interimOutcome} effectiveness` : '';
    process.stdout.write(`${h.inspectionStart ?? '?'}  ${h.kind.padEnd(26)} ${grade.padEnd(32)} ${h.url}\n`);
  }
};
