import type { Redis } from 'ioredis';
import { sleepUnlessAborted } from './abortable.js';
import { PolitenessDelayError } from './politeness-delay-error.js';

// Why a limiter of our own and not BullMQ's: BullMQ limits job starts per queue, but both the provider
// queue (pages, and a search the first time a provider is seen) and the report queue (PDFs) request
// from Ofsted, a job may make one or two requests, and the HTTP client's own retries are requests too.
// Splitting REQUESTS_PER_SECOND between two queue limiters would halve a sweep's speed whenever one
// queue is idle. So every request, from any queue, worker or daemon, first reserves a slot in one shared
// schedule in Redis (GCRA: a "next free slot" time, advanced 1/RPS per request by an atomic script using
// Redis's clock, so daemons on machines with skewed clocks agree). BullMQ's limiter stays on the two
// queues only so that `queue.rateLimit()` works (it is ignored on a queue without a limiter).

const RESERVE_SCRIPT = `
local key = KEYS[1]
local interval = tonumber(ARGV[1])
local notBefore = tonumber(ARGV[2])
local maxWait = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call('GET', key) or '0')
local start = math.max(now + notBefore, tat)
local wait = start - now
if wait > maxWait then
  if notBefore > 0 and now + notBefore > tat then
    redis.call('SET', key, string.format('%.0f', now + notBefore), 'PX', math.ceil(notBefore / 1000) + 60000)
  end
  return -wait
end
local nextFree = start + interval
redis.call('SET', key, string.format('%.0f', nextFree), 'PX', math.ceil((nextFree - now) / 1000) + 60000)
return wait
`;

export interface PolitenessLimiterOptions {
  /** Requests per second to Ofsted across every process sharing `key`. */
  requestsPerSecond: number;
  /** Redis key of the shared schedule, e.g. `<QUEUE_PREFIX>:ofsted-politeness`. */
  key: string;
  /**
   * Longest wait for a slot that a job sits out holding its worker slot, ms; a longer one throws
   * PolitenessDelayError (the job goes back to the queue). @defaultValue 5000
   */
  maxInlineWaitMs?: number;
  /** Aborts every wait (shutdown). */
  signal?: AbortSignal;
}

/** One shared request schedule for everything that fetches from Ofsted. */
export class PolitenessLimiter {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #intervalUs: number;
  readonly #maxInlineWaitMs: number;
  readonly #signal: AbortSignal | undefined;
  /** Requests this process was granted (for benchmarks and logs). */
  granted = 0;

  constructor(redis: Redis, options: PolitenessLimiterOptions) {
    if (!(options.requestsPerSecond > 0)) throw new RangeError('requestsPerSecond must be positive');
    this.#redis = redis;
    this.#key = options.key;
    // Whole microseconds, rounded up: never faster than asked.
    this.#intervalUs = Math.max(1, Math.ceil(1_000_000 / options.requestsPerSecond));
    this.#maxInlineWaitMs = options.maxInlineWaitMs ?? 5_000;
    this.#signal = options.signal;
  }

  /**
   * Reserve the next slot and return how long to wait for it, ms. With `notBeforeMs`, the slot is at
   * least that far ahead and nobody else's is earlier (a server asked everyone to wait). Throws
   * PolitenessDelayError, reserving nothing, when the wait would exceed the inline limit.
   */
  async reserve(notBeforeMs = 0): Promise<number> {
    const result = (await this.#redis.eval(
      RESERVE_SCRIPT,
      1,
      this.#key,
      this.#intervalUs,
      Math.max(0, Math.round(notBeforeMs * 1000)),
      this.#maxInlineWaitMs * 1000,
    )) as number;
    if (result < 0) throw new PolitenessDelayError(Math.ceil(-result / 1000));
    this.granted++;
    return result / 1000;
  }

  /** Wait for `count` consecutive request slots (a request made of two fetches takes two). */
  async take(count = 1): Promise<void> {
    for (let i = 0; i < count; i++) await sleepUnlessAborted(await this.reserve(), this.#signal);
  }

  /**
   * The HTTP client is about to retry after `ms` (Ofsted's Retry-After, or its own backoff): hold every
   * worker back that long, then wait for a slot for the retry.
   */
  async backOff(ms: number): Promise<void> {
    await sleepUnlessAborted(await this.reserve(ms), this.#signal);
  }
}
