import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import { DaemonProcess } from './support/daemon-process.js';
import { startDaemonWorld, type DaemonWorld } from './support/daemon-world.js';
import { waitFor } from './support/wait-for.js';

// `daemon --no-workers`: the HTTP API (and scheduler) in a process of its own, so requests never share an
// event loop with the jobs; worker processes (`daemon --no-api --no-scheduler`) do the work.

const URN = 'SC036243';
const TOKEN = 'no-workers-token';

describe('daemon --no-workers', () => {
  let site: FakeOfsted;
  let redis: TestRedis;
  let world: DaemonWorld;
  const daemons: DaemonProcess[] = [];

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    redis = await startTestRedis();
    world = await startDaemonWorld({ site, redisUrl: redis.url, name: 'noworkers', env: { SCRAPE_SCHEDULE: '0 0 1 1 *', REQUESTS_PER_SECOND: '20', API_TOKEN: TOKEN } });
  });
  after(async () => {
    // A failed assertion leaves its daemons running: stop them before the world they use.
    await Promise.all(daemons.map((d) => d.stop('SIGKILL')));
    await world?.close();
    await site?.close();
    await redis?.stop();
  });

  it('serves the API and takes no job; a worker process then runs the job it queued', { timeout: 90_000 }, async () => {
    const api = DaemonProcess.start(world.env, ['--no-workers', '--no-scheduler']);
    daemons.push(api);
    const started = await api.started();
    assert.equal(started.concurrency, 0);
    const base = String(started.api);

    const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(10_000) });
    // No daemon here owns the schedule (--no-scheduler), so /health may be 503 for the missing schedulers;
    // what this checks is that the API process answers and reaches Redis and the database.
    const body = (await health.json()) as { redis: string; db: string };
    assert.deepEqual([body.redis, body.db], ['ok', 'ok']);
    const queued = await fetch(`${base}/api/providers/${URN}/scrape`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(queued.status, 202);
    const { jobId } = (await queued.json()) as { jobId: string };

    // Nothing on these queues is a BullMQ worker, and the job is still waiting a while later.
    assert.deepEqual(await world.queues.provider.getWorkers(), []);
    await delay(1_500);
    assert.equal(await (await world.queues.provider.getJob(jobId))?.getState(), 'prioritized');
    assert.deepEqual(await world.store.history(URN), []);

    const worker = DaemonProcess.start(world.env, ['--no-api', '--no-scheduler']);
    daemons.push(worker);
    await worker.started();
    // BullMQ names its connection a moment after the worker starts: wait for it rather than race it.
    await waitFor('a worker process to register', async () => (await world.queues.provider.getWorkers()).length > 0, 10_000);
    await waitFor('the job to complete', async () => (await (await world.queues.provider.getJob(jobId))?.getState()) === 'completed', 20_000);
    assert.ok((await world.store.history(URN)).length > 0);
    assert.equal((await worker.stop('SIGTERM')).code, 0);
    assert.equal((await api.stop('SIGTERM')).code, 0);
  });
});
