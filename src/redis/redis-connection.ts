import { Redis } from 'ioredis';

/** Where BullMQ's Redis is when REDIS_URL is unset (CONTRACT.md). */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface RedisConnectionOptions {
  /**
   * 'worker': a long-lived connection that waits out Redis restarts (BullMQ requires
   * maxRetriesPerRequest null for workers). 'client': a one-shot command (`scrape --queue`) that must
   * fail within seconds when Redis is not there.
   */
  role: 'worker' | 'client';
  /** Shown by CLIENT LIST, so an operator can tell daemons apart. @defaultValue ofsted-monitor */
  connectionName?: string;
}

/** An ioredis connection for BullMQ queues, workers and the politeness limiter. */
export function createRedisConnection(url: string, options: RedisConnectionOptions): Redis {
  const common = { connectionName: options.connectionName ?? 'ofsted-monitor', lazyConnect: false };
  if (options.role === 'worker') {
    return new Redis(url, {
      ...common,
      maxRetriesPerRequest: null,
      // Back off up to 5 s between reconnects; never give up (a daemon outlives a Redis restart).
      retryStrategy: (times) => Math.min(200 * times, 5_000),
    });
  }
  return new Redis(url, {
    ...common,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    enableOfflineQueue: true,
    retryStrategy: (times) => (times > 2 ? null : 200),
  });
}

/** True when something at `url` answers PING within `timeoutMs`. Never throws. */
export async function redisAnswers(url: string, timeoutMs = 1_500): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // Connection errors surface through connect(); the listener keeps ioredis from logging them.
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** A Redis URL with any password replaced, for log lines and error messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unreadable REDIS_URL)';
  }
}
