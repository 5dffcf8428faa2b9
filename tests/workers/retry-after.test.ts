import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOfsted, type FakeOfsted, type RequestRecord } from '../../tools/fake-ofsted/index.js';
import { SWEEP_JOB } from '../../workers/queues.js';
import type { RunningDaemon } from '../../workers/daemon.js';
import { startInProcessDaemon } from './support/in-process-daemon.js';
import { startDaemonWorld } from './support/daemon-world.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import { waitFor } from './support/wait-for.js';

// Ofsted answers 429 with Retry-After: every worker holds back that long, not just the one that asked.

describe('daemon: 429 with Retry-After', () => {
  let site: FakeOfsted;
  let redis: TestRedis;
  const cleanups: (() => Promise<unknown>)[] = [];

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    redis = await startTestRedis();
  });
  after(async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
    await site.close();
    await redis.stop();
  });

  async function run(name: string, urns: string[], requestsPerSecond: number) {
    const world = await startDaemonWorld({
      site,
      redisUrl: redis.url,
      name,
      watch: urns,
      env: {
        // Sweeps are started by hand here.
        SCRAPE_SCHEDULE: '0 0 1 1 *',
        SWEEP_JITTER_MS: '0',
        REQUESTS_PER_SECOND: String(requestsPerSecond),
        FETCH_BACKOFF_MS: '50',
      },
    });
    cleanups.push(() => world.close());
    const { store, queues } = world;
    const { daemon, logs } = await startInProcessDaemon(world.env);
    let stopped = false;
    const stop = async (): Promise<void> => {
      if (stopped) return;
      stopped = true;
      await daemon.stop();
    };
    cleanups.push(stop);
    await queues.sweep.add(SWEEP_JOB, { reason: 'manual' }, { jobId: `sweep-${name}` });
    const done = () =>
      waitFor(
        'every baseline',
        async () => {
          for (const urn of urns) {
            const want = site.scenario.provider(urn)!.reports.filter((r) => r.publishedAt <= site.now()).length;
            if ((await store.listReports(urn)).length !== want) return false;
          }
          return true;
        },
        30_000,
      );
    return { daemon: daemon as RunningDaemon, logs, queues, done, stop };
  }

  const pageOf = (urn: string) => (r: RequestRecord) => r.path.startsWith('/provider/') && r.path.endsWith(`/${urn}`);

  it('sits out a short Retry-After in the job, and holds every other worker back meanwhile', async () => {
    site.clearFaults();
    site.setFault({ urn: 'SC036243' }, { kind: 'status', status: 429, times: 1, retryAfter: '4' });
    const from = site.requests.length;
    const { done, stop } = await run('short', ['SC036243', 'SC488596', 'SC036109'], 5);
    await done();
    await stop();

    const requests = site.requests.slice(from);
    const pages = requests.filter(pageOf('SC036243'));
    assert.ok(pages.length >= 2, 'the page was asked for again');
    const [refused, retried] = pages as [RequestRecord, RequestRecord];
    assert.ok(retried.at - refused.at >= 3_900, `retried after ${retried.at - refused.at} ms`);
    // Requests already given a slot before the 429 may still go out (at most 8 jobs x 200 ms); after
    // those, nobody asks Ofsted for anything until the Retry-After has passed.
    const quiet = requests.filter((r) => r.at > refused.at + 1_800 && r.at < refused.at + 3_900);
    assert.deepEqual(quiet.map((r) => r.path), []);
  });

  it('puts the job back and pauses the queue for a Retry-After too long to sit out, using no attempt', async () => {
    site.clearFaults();
    site.setFault({ urn: 'SC036109' }, { kind: 'status', status: 429, times: 1, retryAfter: '7' });
    const from = site.requests.length;
    const { done, logs, queues, stop } = await run('long', ['SC036109'], 20);
    await done();
    await waitFor('the provider job to complete', async () => (await queues.provider.getJobState('provider_SC036109_sweep-long')) === 'completed', 10_000);
    // Read once completed: a job read while still active holds its attempts as they were then.
    const job = (await queues.provider.getJob('provider_SC036109_sweep-long'))!;
    // BullMQ counts the attempt that completed; a rate limit is no failed attempt.
    assert.equal(job.attemptsMade, 1);
    assert.ok(!job.failedReason, job.failedReason);
    assert.ok(!logs.some((l) => l.msg === 'job failed; will retry'));
    await stop();

    assert.ok(logs.some((l) => l.msg === 'Ofsted request budget spent: pausing the queue and putting the job back'));
    const requests = site.requests.slice(from);
    const [refused, retried] = requests.filter(pageOf('SC036109')) as [RequestRecord, RequestRecord];
    assert.ok(retried.at - refused.at >= 6_900, `retried after ${retried.at - refused.at} ms`);
    assert.deepEqual(requests.filter((r) => r.at > refused.at && r.at < refused.at + 6_900).map((r) => r.path), []);
  });
});
