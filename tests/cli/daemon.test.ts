import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { redisAnswers } from '../../src/redis/redis-connection.js';
import { findOnPath } from '../../src/redis/local-redis-server.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { DaemonProcess } from '../workers/support/daemon-process.js';
import { startDaemonWorld, type DaemonWorld } from '../workers/support/daemon-world.js';
import { freePort, startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import { waitFor } from '../workers/support/wait-for.js';

// The `daemon` command and `scrape --queue`, run as users run them.

describe('scrape --queue and the daemon', () => {
  let site: FakeOfsted;
  let redis: TestRedis;
  let world: DaemonWorld;
  let store: Store;
  let queues: DaemonWorld['queues'];
  let env: Record<string, string>;

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    redis = await startTestRedis();
    world = await startDaemonWorld({
      site,
      redisUrl: redis.url,
      name: 'cli',
      env: { SCRAPE_SCHEDULE: '0 0 1 1 *', REQUESTS_PER_SECOND: '20' },
    });
    ({ store, queues, env } = world);
  });
  after(async () => {
    await world?.close();
    await site?.close();
    await redis?.stop();
  });

  it('queues a high-priority job, gives the pending job again to a second request, and the daemon runs it', async () => {
    const first = await runCli(['scrape', 'SC036243', '--queue', '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    const queued = first.json();
    assert.equal(queued.jobId, 'manual_SC036243');
    assert.equal(queued.deduplicated, false);
    const job = await queues.provider.getJob(queued.jobId);
    assert.equal(job?.priority, 1);

    const again = await runCli(['scrape', 'sc036243', '--queue', '--json'], env);
    assert.equal(again.code, 0, again.stderr);
    const second = again.json<{ jobId: string; deduplicated: boolean }>();
    assert.equal(second.jobId, 'manual_SC036243');
    assert.equal(second.deduplicated, true);

    const daemon = world.start();
    await daemon.started();
    await waitFor('the job to complete', async () => (await queues.provider.getJobState('manual_SC036243')) === 'completed', 20_000);
    // Read once completed: a job read while still active has no return value yet, whatever its state is now.
    const done = await queues.provider.getJob('manual_SC036243');
    assert.equal(done?.returnvalue.urn, 'SC036243');
    assert.equal((await store.history('SC036243')).length, 6);

    // Finished, so the next request is a new job.
    const third = await runCli(['scrape', 'SC036243', '--queue'], env);
    assert.equal(third.code, 0, third.stderr);
    assert.match(third.stdout, /^queued: job manual_SC036243/);
    await waitFor('the new job to complete', async () => (await (await queues.provider.getJob('manual_SC036243'))?.getState()) === 'completed', 20_000);
    assert.equal((await daemon.stop('SIGTERM')).code, 0);
  });

  it('rejects a malformed URN before touching Redis', async () => {
    const run = await runCli(['scrape', 'not-a-urn', '--queue'], { ...env, REDIS_URL: 'redis://127.0.0.1:1' });
    assert.equal(run.code, 2);
  });

  it('says in one line how to reach the daemon when Redis does not answer', async () => {
    const run = await runCli(['scrape', 'SC036243', '--queue', '--json'], { ...env, REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.match(run.stderr, /cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+.*daemon/);
  });

  it('exits 1 with one line, leaving nothing running, when its HTTP port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      const daemon = world.start({ PORT: String(port) });
      const exit = await daemon.exit(15_000);
      assert.equal(exit.code, 1);
      assert.equal(daemon.text.length, 1, daemon.text.join('\n'));
      assert.match(daemon.text[0]!, /EADDRINUSE/);
    } finally {
      taken.close();
    }
  });

  it('refuses a SCRAPE_SCHEDULE that is not a cron pattern', async () => {
    const daemon = world.start({ SCRAPE_SCHEDULE: 'every morning' });
    const stopped = await daemon.exit();
    assert.equal(stopped.code, 2);
    assert.match(daemon.text.join('\n'), /SCRAPE_SCHEDULE "every morning" is not a cron pattern/);
  });
});

describe('daemon without REDIS_URL', () => {
  let tmp: ReturnType<typeof tempDir>;
  let occupied = false;
  before(async () => {
    tmp = tempDir();
    occupied = await redisAnswers('redis://127.0.0.1:6379', 500);
  });
  after(() => tmp.cleanup());

  const env = () => ({ DATABASE_URL: `sqlite:${join(tmp.dir, 'monitor.db')}`, PORT: '0', SCRAPE_SCHEDULE: '0 0 1 1 *' });

  it('says in one line how to get Redis when nothing answers on 6379 and redis-server is not installed', async (t) => {
    if (occupied) return t.skip('something answers on 127.0.0.1:6379 here');
    const daemon = DaemonProcess.start({ ...env(), PATH: '/nonexistent' }, [], tmp.dir);
    const stopped = await daemon.exit();
    assert.equal(stopped.code, 1);
    assert.deepEqual(daemon.text, [
      'ofsted-monitor: the daemon needs Redis: nothing answers on 127.0.0.1:6379 and redis-server is not installed (apt-get install redis-server, or set REDIS_URL=redis://host:port)',
    ]);
  });

  it('starts a local redis-server with its data under ./data/redis, and stops it on exit', async (t) => {
    if (occupied) return t.skip('something answers on 127.0.0.1:6379 here');
    if (!findOnPath('redis-server')) return t.skip('redis-server is not installed');
    const daemon = DaemonProcess.start(env(), [], tmp.dir);
    try {
      await daemon.started();
      assert.ok(daemon.logs.some((l) => l.msg?.includes('started a local redis-server')));
      assert.ok(await redisAnswers('redis://127.0.0.1:6379'));
      assert.ok(existsSync(join(tmp.dir, 'data', 'redis')));
    } finally {
      const stopped = await daemon.stop('SIGTERM');
      assert.equal(stopped.code, 0);
    }
    assert.equal(await redisAnswers('redis://127.0.0.1:6379', 500), false, 'the child redis-server is stopped');
    assert.ok(existsSync(join(tmp.dir, 'data', 'redis', 'appendonlydir')), 'with AOF on');
  });
});
