import { randomBytes } from 'node:crypto';
import { Queue, type JobType } from 'bullmq';
import { Redis } from 'ioredis';
import {
  lastSweepKey,
  NOTIFY_JOB,
  NOTIFY_QUEUE,
  PROVIDER_QUEUE,
  REPORT_QUEUE,
  stallRequeueCountKey,
  stallRequeuePendingKey,
  SWEEP_QUEUE,
} from '../../../workers/queues.js';

/** A queue prefix no other test (or test run on a shared Redis) uses. */
export function uniquePrefix(name: string): string {
  return `t-${name}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** The four queues under `prefix`, for a test to look into, and a cleanup that deletes them from Redis. */
export function inspectQueues(redisUrl: string, prefix: string) {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  const make = (name: string) => {
    const q = new Queue(name, { connection, prefix });
    q.on('error', () => undefined);
    return q;
  };
  const queues = { sweep: make(SWEEP_QUEUE), provider: make(PROVIDER_QUEUE), report: make(REPORT_QUEUE), notify: make(NOTIFY_QUEUE) };
  return {
    ...queues,
    connection,
    async close(): Promise<void> {
      for (const q of Object.values(queues)) {
        await q.removeJobScheduler('watchlist-sweep').catch(() => undefined);
        await q.obliterate({ force: true }).catch(() => undefined);
        await q.close();
      }
      await connection.del(`${prefix}:ofsted-politeness`, lastSweepKey(prefix), stallRequeuePendingKey(prefix)).catch(() => undefined);
      const counts = await connection.keys(`${stallRequeueCountKey(prefix, '*')}`).catch(() => []);
      if (counts.length) await connection.del(...counts).catch(() => undefined);
      connection.disconnect();
    },
  };
}

/** Notify jobs for events in the given states (the outbox and digest ticks share the queue; they are left out). */
export async function eventNotifyJobs(
  queue: Queue,
  states: JobType[] = ['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'],
): Promise<number> {
  return (await queue.getJobs(states)).filter((j) => j.name === NOTIFY_JOB).length;
}
