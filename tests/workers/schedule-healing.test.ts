import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import type { RunningDaemon } from '../../workers/daemon.js';
import { DIGEST_SCHEDULER_ID, DISCOVERY_SCHEDULER_ID, OUTBOX_SCHEDULER_ID, SWEEP_SCHEDULER_ID } from '../../workers/queues.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';
import { hasRedisServer, startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import type { LogLine } from './support/daemon-process.js';
import { startInProcessDaemon } from './support/in-process-daemon.js';
import { inspectQueues, uniquePrefix } from './support/queue-fixture.js';
import { waitFor } from './support/wait-for.js';

// Redis that comes back empty (a restart without persistence, a FLUSHALL) takes the job schedulers with
// it. A daemon with the scheduler puts them back (on its periodic check and when its connection comes
// back), and /health, which reads the schedule from Redis, says 503 until then, on any daemon.

const RECREATED = 'job scheduler was gone from Redis: re-created';

describe('daemon: job schedulers lost by Redis', { skip: !hasRedisServer() && 'redis-server is not installed' }, () => {
  // A private server: FLUSHALL must not touch anyone else's keys.
  let redis: TestRedis;
  let admin: Redis;
  let db: TestDatabase;
  let env: Record<string, string>;
  let queues: ReturnType<typeof inspectQueues>;
  const running: RunningDaemon[] = [];

  before(async () => {
    redis = await startTestRedis({ own: true });
    admin = new Redis(redis.url);
    db = await testDatabaseUrl();
  });
  beforeEach(() => {
    const prefix = uniquePrefix('schedules');
    queues = inspectQueues(redis.url, prefix);
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      PORT: '0',
      // Nothing here may reach Ofsted: the watchlist is empty and nothing listens on port 9.
      OFSTED_REPORTS_URL: 'http://127.0.0.1:9',
      OFSTED_FILES_URL: 'http://127.0.0.1:9',
      SHUTDOWN_GRACE_MS: '2000',
    };
  });
  afterEach(async () => {
    for (const d of running.splice(0)) await d.stop();
    await queues.close();
  });
  after(async () => {
    admin?.disconnect();
    await db?.cleanup();
    await redis?.stop();
  });

  const start = async (overrides: Record<string, string>, options: { api: boolean; scheduler: boolean }) => {
    const started = await startInProcessDaemon({ ...env, ...overrides }, options);
    running.push(started.daemon);
    return started;
  };
  const schedulersInRedis = async () =>
    [
      await queues.sweep.getJobScheduler(DISCOVERY_SCHEDULER_ID),
      await queues.sweep.getJobScheduler(SWEEP_SCHEDULER_ID),
      await queues.notify.getJobScheduler(OUTBOX_SCHEDULER_ID),
      await queues.notify.getJobScheduler(DIGEST_SCHEDULER_ID),
    ].map((s) => s !== undefined);
  const health = async (daemon: RunningDaemon) => {
    const res = await fetch(`${daemon.apiUrl}/health`);
    return { status: res.status, body: (await res.json()) as { schedulers: Record<string, string>; sweep: { status: string } } };
  };
  const recreated = (logs: LogLine[]) => logs.filter((l) => l.msg === RECREATED).map((l) => l.scheduler).sort();

  it('puts them back on the next check, and /health of a daemon without the scheduler is 503 only meanwhile', async () => {
    const owner = await start({ SCHEDULER_CHECK_MS: '500' }, { api: false, scheduler: true });
    // Its API reads the schedule from Redis: it owns none of it, and is healthy while someone keeps it.
    const observer = await start({ SCHEDULER_CHECK_MS: '500' }, { api: true, scheduler: false });
    assert.deepEqual(await schedulersInRedis(), [true, true, true, true]);
    assert.equal((await health(observer.daemon)).status, 200);

    await admin.flushall();
    await waitFor('the schedulers back in Redis', async () => (await schedulersInRedis()).every(Boolean), 10_000, 100);
    assert.equal((await health(observer.daemon)).status, 200);
    assert.deepEqual(recreated(owner.logs), [DIGEST_SCHEDULER_ID, OUTBOX_SCHEDULER_ID, DISCOVERY_SCHEDULER_ID, SWEEP_SCHEDULER_ID].sort());
    assert.deepEqual(recreated(observer.logs), [], 'a daemon started without the scheduler leaves the schedule alone');
  });

  it('answers 503 naming every missing scheduler until the connection comes back, then puts them back at once', async () => {
    // No periodic check during the test: only the reconnect can bring them back.
    const { daemon, logs } = await start({ SCHEDULER_CHECK_MS: '600000' }, { api: true, scheduler: true });
    assert.equal((await health(daemon)).status, 200);

    await admin.flushall();
    const lost = await health(daemon);
    assert.equal(lost.status, 503);
    assert.deepEqual(lost.body.schedulers, { [DISCOVERY_SCHEDULER_ID]: 'missing', [SWEEP_SCHEDULER_ID]: 'missing', [OUTBOX_SCHEDULER_ID]: 'missing', [DIGEST_SCHEDULER_ID]: 'missing' });
    assert.equal(lost.body.sweep.status, 'unscheduled');
    assert.deepEqual(await schedulersInRedis(), [false, false, false, false]);

    // As after a Redis restart: every client is cut off and reconnects.
    await admin.call('CLIENT', 'KILL', 'TYPE', 'normal');
    await waitFor('/health to answer 200', async () => (await health(daemon)).status === 200, 10_000, 100);
    assert.deepEqual(await schedulersInRedis(), [true, true, true, true]);
    assert.deepEqual(recreated(logs), [DIGEST_SCHEDULER_ID, OUTBOX_SCHEDULER_ID, DISCOVERY_SCHEDULER_ID, SWEEP_SCHEDULER_ID].sort());
  });
});
