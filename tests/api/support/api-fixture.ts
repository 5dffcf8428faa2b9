import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { startApi, type ApiQueues, type RunningApi } from '../../../src/api/index.js';
import { loadConfig } from '../../../src/config.js';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';
import { jobSettingsFromConfig } from '../../../workers/job-options.js';
import { lastSweepKey, NOTIFY_QUEUE, PROVIDER_QUEUE, REPORT_QUEUE, SWEEP_QUEUE } from '../../../workers/queues.js';
import { daemonSchedulers } from '../../../workers/schedule-keeper.js';
import { testDatabaseUrl } from '../../helpers/test-database.js';
import { startTestRedis, type TestRedis } from '../../helpers/test-redis.js';

export const TOKEN = `test-token-${randomBytes(12).toString('hex')}`;

export interface ApiFixture {
  url: string;
  api: RunningApi;
  store: Store;
  queues: ApiQueues;
  redis: TestRedis;
  /** Connection options (with the test's prefix) for making more BullMQ objects on the same queues. */
  bull: { connection: Redis; prefix: string };
  /** Every log line the API wrote, as raw JSON text. */
  logs: string[];
  fetch(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  /** API_TOKEN; undefined leaves it unset. @defaultValue TOKEN */
  apiToken?: string | undefined;
  /** Start a private redis-server even when REDIS_URL is set (to stop it in a test). */
  ownRedis?: boolean;
  /** Create the job schedulers in Redis first, as a daemon with the scheduler does. @defaultValue true */
  schedulers?: boolean;
  /** More environment for the API's config (e.g. SWEEP_OVERDUE_MS). */
  env?: Record<string, string>;
}

/**
 * A running API on 127.0.0.1 with everything real: Redis, an empty store of the kind this run tests,
 * BullMQ queues under a unique prefix, and a logger that captures every line (with no redaction, so a
 * test sees whatever the API handed it).
 */
export async function startApiFixture(options: FixtureOptions = {}): Promise<ApiFixture> {
  const apiToken = 'apiToken' in options ? options.apiToken : TOKEN;
  const redis = await startTestRedis({ own: options.ownRedis });
  const db = await testDatabaseUrl();
  const store = await openStore(db.url);
  const prefix = `apitest-${process.pid}-${randomBytes(4).toString('hex')}`;
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  // A stopped Redis makes every client emit 'error'; unhandled, that would end the test process.
  connection.on('error', () => undefined);
  const make = (name: string) => {
    const q = new Queue(name, { connection, prefix });
    q.on('error', () => undefined);
    return q;
  };
  const queues: ApiQueues = {
    sweep: make(SWEEP_QUEUE),
    provider: make(PROVIDER_QUEUE),
    report: make(REPORT_QUEUE),
    notify: make(NOTIFY_QUEUE),
  };

  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const env: NodeJS.ProcessEnv = { DATABASE_URL: db.url, REDIS_URL: redis.url, PORT: '0', ...options.env };
  if (apiToken !== undefined) env.API_TOKEN = apiToken;
  const config = loadConfig(env);
  // /health reports a missing job scheduler: leave Redis as a daemon with the scheduler leaves it.
  if (options.schedulers !== false) {
    for (const s of daemonSchedulers(queues, config, jobSettingsFromConfig(config))) await s.upsert();
  }

  // The health check pings the queues' own connection, as the daemon does: one that waits for Redis
  // forever (maxRetriesPerRequest: null), so only the API's own timeout can make /health answer.
  const api = await startApi({ config, logger, store, queues, redis: connection, listen: { host: '127.0.0.1', port: 0 } });

  let closed = false;
  return {
    url: api.url,
    api,
    store,
    queues,
    redis,
    bull: { connection, prefix },
    logs,
    fetch(path, init = {}) {
      const { token, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
      return fetch(`${api.url}${path}`, { ...rest, headers, redirect: 'manual' });
    },
    async close() {
      if (closed) return;
      closed = true;
      await api.close();
      const redisUp = await Promise.race([
        connection.ping().then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => setTimeout(resolve, 1_000, false).unref()),
      ]);
      // With Redis gone a queue's close() waits for a reconnect; dropping the shared connection first ends that.
      if (!redisUp) connection.disconnect();
      for (const q of Object.values(queues)) {
        // Leave nothing behind in a shared CI Redis.
        if (redisUp) await q.obliterate({ force: true }).catch(() => undefined);
        await q.close();
      }
      if (redisUp) await connection.del(lastSweepKey(prefix)).catch(() => undefined);
      connection.disconnect();
      await store.close().catch(() => undefined);
      await db.cleanup();
      await redis.stop();
    },
  };
}
