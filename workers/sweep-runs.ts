import type { Queue } from 'bullmq';
import type { Logger } from '../src/logger.js';
import { summariseSweep, sweepSummaryText, type ProviderOutcome, type SweepSummary } from '../src/monitor/sweep-summary.js';

// A sweep (or discovery) job only queues provider jobs; it ends long before they do. So a run is tracked in
// Redis: the sweep job writes how many provider jobs it queued, each of those writes its outcome under its
// URN (idempotent: a job retried, or its event handled twice, writes the same field), and whoever writes the
// last one (or the total, if every job was already done) finishes the run: its summary is logged and kept.

/** Summaries kept for the dashboard and `sweep --wait`, newest first. */
export const SWEEP_SUMMARIES_KEPT = 50;
/** A run whose jobs never all finish (a daemon lost an outcome in a crash) is forgotten after this. */
const RUN_TTL_SECONDS = 7 * 24 * 3600;

const runKey = (prefix: string, id: string) => `${prefix}:ofsted-sweep-run:${id}`;
const outcomesKey = (prefix: string, id: string) => `${prefix}:ofsted-sweep-run:${id}:outcomes`;
export const sweepSummariesKey = (prefix: string) => `${prefix}:ofsted-sweep-summaries`;

/** Where a run stands: `total` is null until its sweep job has queued every provider job. */
export interface SweepRunProgress {
  kind: SweepSummary['kind'];
  startedAt: string;
  total: number | null;
  done: number;
  /** Once finished (kept an hour on the run itself; the list keeps it longer). */
  summary: SweepSummary | null;
}

/** The queue's own Redis client (BullMQ's facade: commands it lacks go through runCommand). */
async function redisOf(queue: Queue) {
  const client = await queue.getBackend().client;
  const run = <T>(name: string, ...args: (string | number)[]): Promise<T> => client.runCommand(name, args) as Promise<T>;
  return { redis: client, run, prefix: queue.opts.prefix ?? 'bull' };
}

/** Called by the sweep job as it starts (again on a retry: the first start time stays). */
export async function beginSweepRun(queue: Queue, id: string, kind: SweepSummary['kind']): Promise<void> {
  const { redis, run, prefix } = await redisOf(queue);
  await run('hsetnx', runKey(prefix, id), 'startedAt', new Date().toISOString());
  await redis.hset(runKey(prefix, id), { kind });
  await run('expire', runKey(prefix, id), RUN_TTL_SECONDS);
}

/** Called by the sweep job once every provider job is queued: `total` of them belong to this run. */
export async function setSweepTotal(queue: Queue, id: string, total: number, log: Logger): Promise<SweepSummary | null> {
  const { redis, prefix } = await redisOf(queue);
  await redis.hset(runKey(prefix, id), { total });
  return finishIfDone(queue, id, log);
}

/** Called when a provider job of the run completes, or fails for good. */
export async function recordSweepOutcome(queue: Queue, id: string, urn: string, outcome: ProviderOutcome, log: Logger): Promise<SweepSummary | null> {
  const { redis, run, prefix } = await redisOf(queue);
  await redis.hset(outcomesKey(prefix, id), { [urn]: JSON.stringify(outcome) });
  await run('expire', outcomesKey(prefix, id), RUN_TTL_SECONDS);
  return finishIfDone(queue, id, log);
}

export async function readSweepRun(queue: Queue, id: string): Promise<SweepRunProgress | null> {
  const { redis, run: command, prefix } = await redisOf(queue);
  const [run, done] = await Promise.all([redis.hgetall(runKey(prefix, id)), command<number>('hlen', outcomesKey(prefix, id))]);
  if (!run.startedAt) return null;
  const summary = run.summary === undefined ? null : (JSON.parse(run.summary) as SweepSummary);
  return { kind: run.kind === 'full' ? 'full' : 'discovery', startedAt: run.startedAt, total: run.total === undefined ? null : Number(run.total), done: summary?.providers ?? done, summary };
}

/** The last finished sweeps, newest first. */
export async function listSweepSummaries(queue: Queue, limit = SWEEP_SUMMARIES_KEPT): Promise<SweepSummary[]> {
  const { redis, prefix } = await redisOf(queue);
  const kept = await redis.lrange(sweepSummariesKey(prefix), 0, limit - 1);
  return kept.map((s: string) => JSON.parse(s) as SweepSummary);
}

async function finishIfDone(queue: Queue, id: string, log: Logger): Promise<SweepSummary | null> {
  const { redis, run: command, prefix } = await redisOf(queue);
  const [run, done] = await Promise.all([redis.hgetall(runKey(prefix, id)), command<number>('hlen', outcomesKey(prefix, id))]);
  if (run.total === undefined || run.finishedAt !== undefined || done < Number(run.total)) return null;
  // Exactly one caller finishes the run, however many see it done at once.
  const finishedAt = new Date().toISOString();
  if ((await command<number>('hsetnx', runKey(prefix, id), 'finishedAt', finishedAt)) !== 1) return null;
  const outcomes = Object.values(await redis.hgetall(outcomesKey(prefix, id))).map((o) => JSON.parse(o) as ProviderOutcome);
  const summary = summariseSweep({ id, kind: run.kind === 'full' ? 'full' : 'discovery', startedAt: run.startedAt ?? finishedAt, finishedAt }, outcomes);
  const kept = JSON.stringify(summary);
  await command('lpush', sweepSummariesKey(prefix), kept);
  await redis.ltrim(sweepSummariesKey(prefix), 0, SWEEP_SUMMARIES_KEPT - 1);
  await redis.hset(runKey(prefix, id), { summary: kept });
  await command('expire', runKey(prefix, id), 3600);
  await redis.del(outcomesKey(prefix, id));
  log.info({ sweep: summary }, sweepSummaryText(summary));
  return summary;
}
