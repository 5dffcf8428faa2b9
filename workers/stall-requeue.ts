import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../src/logger.js';
import { providerJobOptions, type JobSettings } from './job-options.js';
import {
  PROVIDER_JOB,
  providerDeduplicationId,
  stallRequeueCountKey,
  stallRequeueJobId,
  stallRequeuePendingKey,
  type ProviderJobData,
} from './queues.js';

/**
 * Why BullMQ fails a job whose worker stopped renewing its lock more than maxStalledCount times (a
 * process killed mid-job, again and again). It says nothing about the provider: the job is worth another
 * try once whatever killed its workers has passed.
 */
export const STALLED_REASON = 'job stalled more than allowable limit';

export interface StallRequeueOptions {
  connection: Redis;
  /** QUEUE_PREFIX. */
  prefix: string;
  /** The provider queue. */
  queue: Queue;
  settings: JobSettings;
  /** STALL_REQUEUES_PER_DAY: provider jobs re-queued per URN per UTC day; 0 re-queues nothing. */
  perDay: number;
  /** STALL_REQUEUE_DELAY_MS: each re-queued job starts this much later. */
  delayMs: number;
  logger: Logger;
}

interface Owed {
  jobId: string;
  reason: ProviderJobData['reason'];
}

// Delete the owed entry only if it is still the one this daemon added (a newer one may have replaced it).
const SETTLE = "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end return 0";

/**
 * Brings a provider back within minutes when one of its jobs (provider, record or report) was failed for
 * stalling, instead of at the next daily sweep. What is owed is kept in Redis, so any daemon's workers can
 * add it: a URN's provider job cannot be added while another of its provider jobs is pending (one per URN,
 * see providerDeduplicationId), and the one pending may have read its page before the failure, so the
 * debt stays until a new job is in. Bounded per URN and day: a job that kills its worker every time stops
 * coming back and waits for the next sweep.
 */
export class StallRequeue {
  readonly #o: StallRequeueOptions;
  #draining: Promise<number> | undefined;

  constructor(options: StallRequeueOptions) {
    this.#o = options;
  }

  /** A job of `urn` was failed for stalling: owe its provider a new job, unless the day's budget is spent. */
  async noteStalled(urn: string, reason: ProviderJobData['reason'], failedJobId: string | undefined): Promise<void> {
    const { connection, prefix, perDay, logger } = this.#o;
    const day = new Date().toISOString().slice(0, 10);
    const countKey = stallRequeueCountKey(prefix, day);
    const n = await connection.hincrby(countKey, urn, 1);
    await connection.expire(countKey, 2 * 24 * 3600);
    if (n > perDay) {
      logger.warn(
        { urn, failedJobId, requeuedToday: n - 1, limit: perDay },
        'job failed for stalling again: not queued again today (STALL_REQUEUES_PER_DAY); the next sweep scrapes the provider',
      );
      return;
    }
    const owed: Owed = { jobId: stallRequeueJobId(urn, day, n), reason };
    await connection.hset(stallRequeuePendingKey(prefix), urn, JSON.stringify(owed));
    logger.warn(
      { urn, failedJobId, jobId: owed.jobId, delayMs: this.#o.delayMs },
      'job failed for stalling (its worker died repeatedly): scraping the provider again',
    );
    await this.drain();
  }

  /** Add the provider jobs owed whose URN has no provider job pending; resolves with how many were added. */
  drain(): Promise<number> {
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  async #drain(): Promise<number> {
    const { connection, prefix, queue, settings, delayMs, logger } = this.#o;
    const key = stallRequeuePendingKey(prefix);
    let added = 0;
    for (const [urn, raw] of Object.entries(await connection.hgetall(key))) {
      let owed: Owed;
      try {
        owed = JSON.parse(raw) as Owed;
      } catch {
        await connection.hdel(key, urn);
        continue;
      }
      const data: ProviderJobData = { urn, reason: owed.reason };
      const job = await queue.add(
        PROVIDER_JOB,
        data,
        providerJobOptions(settings, { jobId: owed.jobId, deduplicationId: providerDeduplicationId(urn), reason: owed.reason, delay: delayMs }),
      );
      if (job.id === owed.jobId) {
        added++;
        logger.info({ urn, jobId: owed.jobId, delayMs }, 'provider job queued again after a stall failure');
      } else {
        // Another provider job of the URN is pending. One that has not started will read the page afresh.
        // One that has already started (or just finished) does not count: try again on the next drain.
        const pending = job.id ? await queue.getJob(job.id) : undefined;
        if (!pending || pending.processedOn) continue;
      }
      await connection.eval(SETTLE, 1, key, urn, raw);
    }
    return added;
  }
}
