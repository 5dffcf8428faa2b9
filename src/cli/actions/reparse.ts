import type { Action } from '../lazy-action.js';
import { BadInputError } from '../../errors.js';
import { reparseReports } from '../../monitor/reparse.js';
import { parseUrn } from '../../ofsted/urn.js';
import { printJson } from '../context.js';
import { progressBar } from '../progress.js';

export const reparseCommand: Action<[string | undefined, { all?: boolean; json?: boolean }]> = async (ctx, rawUrn, opts) => {
  if (Boolean(rawUrn) === Boolean(opts.all)) throw new BadInputError('reparse needs either a URN or --all');
  const scope = rawUrn ? { urn: parseUrn(rawUrn) } : { all: true as const };
  // A bar for --all at a terminal: the whole store may take minutes.
  const progress = 'all' in scope ? progressBar('reparse') : undefined;
  const result = await reparseReports(await ctx().openStore(), scope, progress && ((done, total) => progress.update(done, total))).finally(() => progress?.stop());
  if (opts.json) return printJson(result);
  process.stdout.write(
    `parser ${result.parserVersion}: ${result.reparsed} of ${result.reports} reports re-read, ${result.changed} read differently` +
      `${result.fixed ? `, ${result.fixed} now readable` : ''}${result.unreadable ? `, ${result.unreadable} still unreadable` : ''}` +
      `${result.noText ? `, ${result.noText} without stored text` : ''}; no events raised\n`,
  );
};
