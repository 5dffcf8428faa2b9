import { setTimeout as sleep } from 'node:timers/promises';
import type { Queue } from 'bullmq';
import { BadInputError, OfstedMonitorError } from '../../errors.js';
import { sweepSummaryText, type SweepSummary } from '../../monitor/sweep-summary.js';
import { printJson, type CliContext } from '../context.js';
import type { Action } from '../lazy-action.js';
import { progressBar } from '../progress.js';

/** How often `--wait` looks at the run. */
const POLL_MS = 500;

// `sweep` and `sweep now` are the same request: a sweep asked for by hand always runs now.
export const sweepCommand: Action<[string | undefined, { full?: boolean; wait?: boolean; json?: boolean }]> = async (ctx, when, opts) => {
  if (when !== undefined && when !== 'now') throw new BadInputError(`sweep takes "now" or nothing, not ${JSON.stringify(when)}`);
  const full = opts.full === true;
  await withSweepQueue(ctx(), async (queue, enqueue) => {
    const queued = await enqueue(full);
    if (!opts.wait) {
      if (opts.json) return printJson(queued);
      process.stdout.write(`queued: ${full ? 'full sweep' : 'discovery'} job ${queued.jobId}\n`);
      return;
    }
    if (!opts.json) process.stderr.write(`queued: ${full ? 'full sweep' : 'discovery'} job ${queued.jobId}; waiting for it to finish (Ctrl-C stops waiting, not the sweep)\n`);
    const summary = await followRun(queue, queued.jobId, full ? 'full sweep' : 'discovery');
    if (opts.json) return printJson({ ...queued, summary });
    process.stdout.write(`${sweepSummaryText(summary)}\n`);
  });
};

/** Poll the run the daemon keeps (workers/sweep-runs.ts) until its summary is written; a bar meanwhile. */
async function followRun(queue: Queue, jobId: string, label: string): Promise<SweepSummary> {
  const { readSweepRun } = await import('../../../workers/sweep-runs.js');
  // The bar starts once the daemon has queued the run's provider jobs and so knows how many there are.
  const progress = progressBar(label);
  try {
    for (;;) {
      const run = await readSweepRun(queue, jobId);
      if (run?.summary) return run.summary;
      if (run?.total != null) progress.update(run.done, run.total);
      if ((await queue.getJobState(jobId)) === 'failed') {
        const job = await queue.getJob(jobId);
        throw new OfstedMonitorError(`the ${label} job ${jobId} failed: ${job?.failedReason ?? 'no reason given'} (the daemon's log says more)`);
      }
      await sleep(POLL_MS);
    }
  } finally {
    progress.stop();
  }
}

/** The daemon's sweep queue, through its Redis, as `scrape --queue` reaches the provider queue. */
async function withSweepQueue(c: CliContext, use: (queue: Queue, enqueue: (full: boolean) => Promise<{ jobId: string }>) => Promise<void>): Promise<void> {
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
    await use(queue, (full) => enqueueSweep(queue, full, jobSettingsFromConfig(c.config)));
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
