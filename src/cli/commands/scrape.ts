import type { Command } from 'commander';
import { OfstedMonitorError } from '../../errors.js';
import { scrapeProvider } from '../../monitor/scrape-provider.js';
import { parseUrn } from '../../ofsted/urn.js';
import { GRADE_LABEL } from '../../ofsted/vocabulary.js';
import { printJson, type CliContext } from '../context.js';

export function registerScrape(program: Command, ctx: () => CliContext): void {
  program
    .command('scrape')
    .description("re-scrape one provider now: fetch its page, read new reports, store them, report changes")
    .argument('<URN>', 'provider URN, e.g. SC036243')
    .option('--json', 'print { urn, provider, inspections, events } as JSON')
    .option('--queue', 'enqueue a high-priority job for a running daemon instead')
    .action(async (rawUrn: string, opts: { json?: boolean; queue?: boolean }) => {
      const urn = parseUrn(rawUrn);
      if (opts.queue) {
        throw new OfstedMonitorError('--queue needs the daemon, which this version does not ship yet; run `scrape` without --queue');
      }
      const c = ctx();
      const extractor = c.openExtractor();
      const result = await scrapeProvider(urn, {
        site: c.openSite(),
        store: await c.openStore(),
        logger: c.logger,
        extract: (pdf) => extractor.extract(pdf),
      });
      if (opts.json) return printJson(result);
      const p = result.provider;
      const out = [
        `${urn}${p.name ? ` · ${p.name}` : ''}${p.localAuthority ? ` · ${p.localAuthority}` : ''}${p.owner ? ` · ${p.owner}` : ''}`,
        `${result.inspections.length} inspections stored`,
        ...result.inspections.map(
          (i) => `  ${i.inspectionStart ?? '?'}  ${i.kind.padEnd(26)} ${i.overall ? GRADE_LABEL[i.overall] : i.interimOutcome ? `${i.interimOutcome} effectiveness` : ''}`,
        ),
        result.events.length ? `${result.events.length} new events:` : 'no changes',
        ...result.events.map((e) => `  ${e.type.padEnd(18)} ${e.summary}${e.backfill ? ' (baseline)' : ''}`),
      ];
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
