import type { Queue } from 'bullmq';
import { JOB_SCHEDULERS, lastSweepKey, type JobSchedulerId } from './queues.js';

/** What Redis says about the schedule, whoever owns it: read by /health and /metrics. */
export interface ScheduleStatus {
  /** Each job scheduler: present in Redis or not. */
  schedulers: Record<JobSchedulerId, 'ok' | 'missing'>;
  /** Discovery's and the full sweep's schedulers together (both live on the sweep queue). */
  sweep: {
    /**
     * `overdue`: a tick either scheduler has due did not start within SWEEP_OVERDUE_MS (no worker took
     * it); `unscheduled`: either scheduler is missing.
     */
    status: 'ok' | 'overdue' | 'unscheduled';
    /** When the last sweep tick started, by any daemon, ISO; null when Redis holds no record of one. */
    lastStartedAt: string | null;
    /** When the earlier of the two schedulers' next ticks is due, ISO; null without a scheduler. */
    nextDueAt: string | null;
  };
}

/** The job id BullMQ gives a scheduler's tick due at `millis`. */
export function schedulerTickJobId(schedulerId: string, millis: number): string {
  return `repeat:${schedulerId}:${millis}`;
}

/**
 * Read the schedule's state: a handful of Redis commands (one scheduler lookup each, one GET), no scans.
 * BullMQ adds a scheduler's following tick as soon as a worker takes the current one, so a `next` that
 * stays in the past means no worker has started that tick.
 */
export async function readScheduleStatus(
  queues: { sweep: Queue; notify: Queue },
  o: { overdueAfterMs: number; now?: number },
): Promise<ScheduleStatus> {
  const now = o.now ?? Date.now();
  const found = await Promise.all(JOB_SCHEDULERS.map((s) => queues[s.queue].getJobScheduler(s.id)));
  const schedulers = Object.fromEntries(JOB_SCHEDULERS.map((s, i) => [s.id, found[i] ? 'ok' : 'missing'])) as ScheduleStatus['schedulers'];
  const sweeps = JOB_SCHEDULERS.flatMap((s, i) => (s.queue === 'sweep' ? [found[i]] : []));
  const nexts = sweeps.flatMap((s) => (s?.next == null ? [] : [s.next]));
  const next = nexts.length > 0 ? Math.min(...nexts) : null;
  const last = await readLastSweepStart(queues.sweep);
  return {
    schedulers,
    sweep: {
      status: sweeps.some((s) => !s) ? 'unscheduled' : next !== null && next + o.overdueAfterMs < now ? 'overdue' : 'ok',
      lastStartedAt: last === null ? null : new Date(last).toISOString(),
      nextDueAt: next === null ? null : new Date(next).toISOString(),
    },
  };
}

/** The sweep worker notes each tick's start here (discovery's and the full sweep's) (one SET), so health checks need not look through jobs. */
export async function markSweepStarted(sweepQueue: Queue, at: number = Date.now()): Promise<void> {
  const client = await sweepQueue.getBackend().client;
  await client.set(lastSweepKey(prefixOf(sweepQueue)), String(at));
}

async function readLastSweepStart(sweepQueue: Queue): Promise<number | null> {
  const client = await sweepQueue.getBackend().client;
  const value = Number(await client.get(lastSweepKey(prefixOf(sweepQueue))));
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** BullMQ's own default when a queue is opened without a prefix. */
function prefixOf(queue: Queue): string {
  return queue.opts.prefix ?? 'bull';
}
