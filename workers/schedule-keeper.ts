import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import type { DaemonQueues } from './daemon-queues.js';
import type { JobSettings } from './job-options.js';
import { DIGEST_SCHEDULER_ID, DISCOVERY_SCHEDULER_ID, OUTBOX_SCHEDULER_ID, SWEEP_SCHEDULER_ID, type JobSchedulerId } from './queues.js';
import { scheduleDigest, scheduleOutbox } from './schedule-alerts.js';
import { scheduleDiscovery, scheduleSweep } from './schedule-sweep.js';
import { schedulerTickJobId } from './schedule-status.js';

/** One job scheduler as a daemon keeps it: the queue it lives on and how config says to create it. */
export interface KeptScheduler {
  id: JobSchedulerId;
  queue: Queue;
  upsert(): Promise<void>;
}

/** The daemon's job schedulers (see JOB_SCHEDULERS in queues.ts), as config defines them. */
export function daemonSchedulers(
  queues: Pick<DaemonQueues, 'sweep' | 'notify'>,
  config: Pick<Config, 'SCRAPE_SCHEDULE' | 'FULL_SWEEP_SCHEDULE' | 'OUTBOX_INTERVAL_MS' | 'DIGEST_SCHEDULE'>,
  settings: JobSettings,
): KeptScheduler[] {
  return [
    { id: DISCOVERY_SCHEDULER_ID, queue: queues.sweep as Queue, upsert: () => scheduleDiscovery(queues.sweep, config.SCRAPE_SCHEDULE, settings) },
    { id: SWEEP_SCHEDULER_ID, queue: queues.sweep as Queue, upsert: () => scheduleSweep(queues.sweep, config.FULL_SWEEP_SCHEDULE, settings) },
    { id: OUTBOX_SCHEDULER_ID, queue: queues.notify as Queue, upsert: () => scheduleOutbox(queues.notify, config.OUTBOX_INTERVAL_MS) },
    { id: DIGEST_SCHEDULER_ID, queue: queues.notify as Queue, upsert: () => scheduleDigest(queues.notify, config.DIGEST_SCHEDULE) },
  ];
}

export interface ScheduleKeeper {
  /** Re-create every scheduler that is gone from Redis now; resolves with the ids re-created. */
  check(): Promise<JobSchedulerId[]>;
  /** Stop checking (the timer and the reconnect listener). */
  stop(): void;
}

export interface ScheduleKeeperOptions {
  /** The daemon's Redis connection: each 'ready' after a reconnect triggers a check. */
  connection: Redis;
  /** SCHEDULER_CHECK_MS. */
  checkEveryMs: number;
  logger: Logger;
}

/**
 * Upsert the schedulers (at start-up config wins: a changed SCRAPE_SCHEDULE or FULL_SWEEP_SCHEDULE takes effect), then keep them:
 * every `checkEveryMs` and after every reconnect, re-create any that Redis lost (a restart without
 * persistence, a FLUSHALL, an evicted key). A scheduler that is present is left alone, because upserting it
 * again would drop a tick that is due but not yet picked up.
 */
export async function keepSchedulers(schedulers: readonly KeptScheduler[], o: ScheduleKeeperOptions): Promise<ScheduleKeeper> {
  for (const s of schedulers) await s.upsert();

  let running: Promise<JobSchedulerId[]> | undefined;
  const check = (): Promise<JobSchedulerId[]> => {
    running ??= (async () => {
      const recreated: JobSchedulerId[] = [];
      for (const s of schedulers) {
        const lost = await whatIsLost(s);
        if (!lost) continue;
        await s.upsert();
        recreated.push(s.id);
        o.logger.warn({ scheduler: s.id, queue: s.queue.name, lost }, 'job scheduler was gone from Redis: re-created');
      }
      return recreated;
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  // While Redis is down the commands wait for the reconnect (maxRetriesPerRequest: null), so this does not
  // repeat itself every interval; the connection's own error listener reports the outage.
  const tick = () => {
    check().catch((err: unknown) => o.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not check the job schedulers'));
  };
  const timer = setInterval(tick, o.checkEveryMs);
  timer.unref();
  o.connection.on('ready', tick);
  return {
    check,
    stop() {
      clearInterval(timer);
      o.connection.off('ready', tick);
    },
  };
}

/** 'scheduler' when its record is gone; 'next tick' when the record is there but the job of its next tick is not. */
async function whatIsLost(s: KeptScheduler): Promise<'scheduler' | 'next tick' | null> {
  const current = await s.queue.getJobScheduler(s.id);
  if (!current) return 'scheduler';
  if (current.next == null) return null;
  // BullMQ adds the following tick when a worker takes this one; a finished next tick means that step was lost.
  const tick = await s.queue.getJob(schedulerTickJobId(s.id, current.next));
  return !tick || tick.finishedOn ? 'next tick' : null;
}
