import { OfstedMonitorError } from '../../errors.js';
import type { Action } from '../lazy-action.js';
import { printJson, type CliContext } from '../context.js';
import { BadInputError } from '../../errors.js';

// `sweep` and `sweep now` are the same request: the sweep always runs now.
export const sweepCommand: Action<[string | undefined, { full?: boolean; wait?: boolean; json?: boolean }]> = async (ctx, when, opts) => {
  if (when !== undefined && when !== 'now') throw new BadInputError(`sweep takes "now" or nothing, not ${JSON.stringify(when)}`);
  const queued = await enqueue(ctx(), opts.full === true);
  if (opts.json) return printJson(queued);
  process.stdout.write(`queued: ${opts.full ? 'full sweep' : 'discovery'} job ${queued.jobId}\n`);
};

/** Hand the sweep to a running daemon through its Redis, as `scrape --queue` does. */
async function enqueue(c: CliContext, full: boolean): Promise<{ jobId: string }> {
  const { createRedisConnection, DEFAULT_REDIS_URL, redactRedisUrl, redisAnswers } = await import('../../redis/redis-connection.js');
  const url = c.config.REDIS_URL ?? DEFAULT_REDIS_URL;
  if (!(await redisAnswers(url))) {
    throw new OfstedMonitorError(
      `cannot reach Redis at ${redactRedisUrl(url)}: start \`ofsted-monitor daemon\` (or set REDIS_URL to its Redis), or run \`discover\` in-process instead`,
    );
  }
  const [{ Queue }, { jobSettingsFromConfig }, { enqueueSweep }, { SWEEP_QUEUE }] = await Promise.all([
    import('bullmq'),
    import('../../../workers/job-options.js'),
    import('../../../workers/manual-sweep.js'),
    import('../../../workers/queues.js'),
  ]);
  const connection = createRedisConnection(url, { role: 'client' });
  connection.on('error', () => undefined);
  const queue = new Queue(SWEEP_QUEUE, { connection, prefix: c.config.QUEUE_PREFIX });
  try {
    return await enqueueSweep(queue, full, jobSettingsFromConfig(c.config));
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
