import type { Action } from '../lazy-action.js';
import type { ManualScrape } from '../../../workers/manual-scrape.js';
import { OfstedMonitorError } from '../../errors.js';
import { reportRetryPolicyFromConfig } from '../../monitor/report-retry.js';
import { scrapeProvider } from '../../monitor/scrape-provider.js';
import { parseUrn } from '../../ofsted/urn.js';
import { GRADE_LABEL } from '../../ofsted/vocabulary.js';
import { printJson, type CliContext } from '../context.js';

export const scrapeCommand: Action<[string, { json?: boolean; queue?: boolean }]> = async (ctx, rawUrn, opts) => {
  const urn = parseUrn(rawUrn);
  if (opts.queue) {
    const queued = await enqueue(ctx(), urn);
    if (opts.json) return printJson(queued);
    process.stdout.write(`${queued.deduplicated ? 'already queued' : 'queued'}: job ${queued.jobId} (${queued.state})\n`);
    return;
  }
  const c = ctx();
  const extractor = c.openExtractor();
  const store = await c.openStore();
  const result = await scrapeProvider(urn, {
    site: await c.openSite(),
    store,
    logger: c.logger,
    extract: (pdf) => extractor.extract(pdf),
    retry: reportRetryPolicyFromConfig(c.config),
    // A person asked: whatever is waiting for its retry is tried now.
    manual: true,
  });
  // Loaded here so the other commands do not pay for nodemailer at start-up.
  const { alertInProcess } = await import('../../alerts/alert-in-process.js');
  const alerts = await alertInProcess(result.events, { store, logger: c.logger, config: c.config });
  if (alerts?.unconfigured) process.stderr.write(`${alerts.unconfigured} email alerts waiting: set SMTP_URL to send them\n`);
  for (const r of result.retrying) {
    process.stderr.write(`${urn}: report ${r.fileId} could not be read (${r.error}); it is tried again on the next scrape\n`);
  }
  const { retrying: _retrying, ...printed } = result;
  if (opts.json) return printJson(printed);
  const p = result.provider;
  const out = [
    `${urn}${p.name ? ` · ${p.name}` : ''}${p.localAuthority ? ` · ${p.localAuthority}` : ''}${p.owner ? ` · ${p.owner}` : ''}`,
    `${result.inspections.length} inspections stored`,
    ...result.inspections.map(
      (i) => `  ${i.inspectionStart ?? '?'}  ${i.kind.padEnd(26)} ${i.overall ? GRADE_LABEL[i.overall] : i.interimOutcome ? `${i.interimOutcome} effectiveness` : ''}`,
    ),
    result.events.length ? `${result.events.length} new events:` : 'no changes',
    ...result.events.map((e) => `  ${e.type.padEnd(18)} ${e.summary}${e.backfill ? ' (baseline)' : ''}${e.restates ? ' (told before)' : ''}`),
    ...(alerts && alerts.sent + alerts.deferred + alerts.givenUp > 0
      ? [`alerts: ${alerts.sent} sent${alerts.deferred ? `, ${alerts.deferred} to retry` : ''}${alerts.givenUp ? `, ${alerts.givenUp} undeliverable` : ''}`]
      : []),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
};

/** `scrape --queue`: hand the URN to a running daemon as a high-priority job. */
async function enqueue(c: CliContext, urn: string): Promise<ManualScrape> {
  const { createRedisConnection, DEFAULT_REDIS_URL, redactRedisUrl, redisAnswers } = await import('../../redis/redis-connection.js');
  const url = c.config.REDIS_URL ?? DEFAULT_REDIS_URL;
  if (!(await redisAnswers(url))) {
    throw new OfstedMonitorError(
      `cannot reach Redis at ${redactRedisUrl(url)}: start \`ofsted-monitor daemon\` (or set REDIS_URL to its Redis), or run scrape without --queue`,
    );
  }
  // Loaded only here so the other commands do not pay for BullMQ at start-up.
  const [{ Queue }, { jobSettingsFromConfig }, { enqueueManualScrape }, { PROVIDER_QUEUE }] = await Promise.all([
    import('bullmq'),
    import('../../../workers/job-options.js'),
    import('../../../workers/manual-scrape.js'),
    import('../../../workers/queues.js'),
  ]);
  const connection = createRedisConnection(url, { role: 'client' });
  connection.on('error', () => undefined);
  const queue = new Queue(PROVIDER_QUEUE, { connection, prefix: c.config.QUEUE_PREFIX });
  try {
    return await enqueueManualScrape(queue, urn, jobSettingsFromConfig(c.config));
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
