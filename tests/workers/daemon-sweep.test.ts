import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { notifyJobId } from '../../workers/queues.js';
import { DaemonProcess, type LogLine } from './support/daemon-process.js';
import { startDaemonWorld, type DaemonWorld } from './support/daemon-world.js';
import { eventNotifyJobs } from './support/queue-fixture.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import { waitFor } from './support/wait-for.js';

// The compiled daemon, as operators run it, on a 5-second schedule against the local Ofsted site:
// real Redis, a real database, child processes.

const WATCHED = ['SC036243', 'SC488596', 'SC036109'];

describe('daemon: scheduled sweeps of the watchlist', () => {
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

  /** A fresh database with the three URNs watched, a queue prefix of its own, and the daemon's environment. */
  async function setUp(name: string) {
    const world = await startDaemonWorld({
      site,
      redisUrl: redis.url,
      name,
      watch: WATCHED,
      env: {
        // The per-URN sweep; discovery (SCRAPE_SCHEDULE) stays out of the way.
        FULL_SWEEP_SCHEDULE: '*/5 * * * * *',
        SCRAPE_SCHEDULE: '0 0 1 1 *',
        SWEEP_JITTER_MS: '300',
        REQUESTS_PER_SECOND: '20',
        JOB_LOCK_MS: '3000',
        JOB_BACKOFF_MS: '300',
        FETCH_BACKOFF_MS: '50',
        SHUTDOWN_GRACE_MS: '4000',
      },
    });
    cleanups.push(() => world.close());
    return { store: world.store, queues: world.queues, start: () => world.start() };
  }

  const published = (urn: string) => site.scenario.provider(urn)!.reports.filter((r) => r.publishedAt <= site.now());

  async function baselineStored(store: Store): Promise<boolean> {
    for (const urn of WATCHED) {
      if ((await store.listReports(urn)).length !== published(urn).length) return false;
    }
    return true;
  }

  const declines = async (store: Store, urn: string) =>
    (await store.listEvents({ urn })).filter((e) => e.type === 'rating-declined' && !e.backfill);

  /** Wait until a sweep tick later than every tick seen so far has run and its provider jobs are done. */
  async function nextTickDone(daemons: DaemonProcess[], queues: DaemonWorld['queues']): Promise<void> {
    const ticks = (d: DaemonProcess) => d.logs.filter((l: LogLine) => l.msg === 'sweep: provider jobs queued').map((l) => Number(l.tick));
    const seen = Math.max(0, ...daemons.flatMap(ticks));
    await waitFor('a later sweep tick', () => daemons.flatMap(ticks).some((t) => t > seen), 12_000);
    await waitFor(
      'its provider jobs to finish',
      async () => {
        const c = await queues.provider.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'waiting-children');
        return Object.values(c).every((n) => n === 0);
      },
      15_000,
    );
  }

  describe('one daemon', () => {
    let ctx: Awaited<ReturnType<typeof setUp>>;
    let daemon: DaemonProcess;

    before(async () => {
      site.setNow('2019-09-30');
      ctx = await setUp('one');
      daemon = ctx.start();
      await daemon.started();
    });
    after(async () => {
      const stopped = await daemon.stop('SIGTERM');
      assert.equal(stopped.code, 0, daemon.text.join('\n'));
      // Parsing reports must not stall the timers that renew job locks (every JOB_LOCK_MS / 2 = 1.5 s).
      const report = daemon.logs.find((l) => l.msg === 'daemon stopped') as { eventLoop?: { maxMs: number; p99Ms: number } } | undefined;
      console.log('# event loop delay during the sweeps:', JSON.stringify(report?.eventLoop));
      assert.ok(report?.eventLoop && report.eventLoop.maxMs < 750, `event loop delay ${JSON.stringify(report?.eventLoop)}`);
    });

    it('sweeps the three watched URNs on a 5-second schedule and stores their histories as a baseline', async () => {
      await waitFor('the baseline of all three URNs', () => baselineStored(ctx.store), 30_000);
      for (const urn of WATCHED) {
        const history = await ctx.store.history(urn);
        const want = published(urn);
        assert.equal(history.length, want.length, `${urn} history`);
        assert.deepEqual(history.map((h) => h.fileId).sort(), want.map((r) => r.fileId).sort());
      }
      const events = await ctx.store.listEvents();
      assert.ok(events.length > 0);
      assert.ok(events.every((e) => e.backfill), 'a baseline raises history, not alerts');
      assert.equal(await eventNotifyJobs(ctx.queues.notify), 0);
      // Every request identifies us honestly.
      assert.ok(site.requests.length > 0);
      assert.ok(site.requests.every((r) => String(r.headers['user-agent']).startsWith('ofsted-monitor/')));
    });

    it('raises each decline once when the site moves on, and nothing on the ticks after', async () => {
      site.advance('SC036243');
      assert.ok(site.now() >= '2019-11-27');
      await waitFor('the SC036243 decline', async () => (await declines(ctx.store, 'SC036243')).length > 0, 15_000);
      await nextTickDone([daemon], ctx.queues);

      const home = await declines(ctx.store, 'SC036243');
      assert.equal(home.length, 1);
      assert.equal(home[0]!.from, 'good');
      assert.equal(home[0]!.to, 'inadequate');
      // SC036109's Inadequate of October 2019 was published in the same stretch of time.
      assert.equal((await declines(ctx.store, 'SC036109')).length, 1);

      // Each alert is handed on once, as one notify job named after its event.
      const alerts = (await ctx.store.listEvents()).filter((e) => !e.backfill);
      assert.ok(alerts.length >= 2);
      for (const e of alerts) assert.ok(await ctx.queues.notify.getJob(notifyJobId(e.id)), `notify job for ${e.id}`);
      assert.equal(await eventNotifyJobs(ctx.queues.notify), alerts.length);
      for (const urn of WATCHED) assert.equal((await ctx.store.listReports(urn)).length, published(urn).length, `${urn} reports`);
    });
  });

  describe('two daemons at once', () => {
    it('share the work and raise the decline once', async () => {
      site.setNow('2019-09-30');
      const ctx = await setUp('two');
      const [a, b] = [ctx.start(), ctx.start()];
      await Promise.all([a.started(), b.started()]);

      await waitFor('the baseline of all three URNs', () => baselineStored(ctx.store), 30_000);
      site.advance('SC036243');
      await waitFor('the SC036243 decline', async () => (await declines(ctx.store, 'SC036243')).length > 0, 15_000);
      await nextTickDone([a, b], ctx.queues);

      assert.equal((await declines(ctx.store, 'SC036243')).length, 1);
      assert.equal((await declines(ctx.store, 'SC036109')).length, 1);
      const events = await ctx.store.listEvents();
      assert.equal(new Set(events.map((e) => e.id)).size, events.length);
      const alerts = events.filter((e) => !e.backfill);
      const missing: string[] = [];
      for (const e of alerts) if (!(await ctx.queues.notify.getJob(notifyJobId(e.id)))) missing.push(`${e.id} at ${e.at}`);
      assert.deepEqual(missing, [], 'every alert has its notify job');
      assert.equal(await eventNotifyJobs(ctx.queues.notify), alerts.length);
      for (const urn of WATCHED) assert.equal((await ctx.store.listReports(urn)).length, published(urn).length);

      // The scheduler lives in Redis: however many daemons run, each tick is one sweep.
      const ticks = [a, b].flatMap((d) => d.logs.filter((l) => l.msg === 'sweep: provider jobs queued').map((l) => l.tick));
      assert.equal(new Set(ticks).size, ticks.length, 'no tick swept twice');
      // Both took jobs.
      const worked = (d: DaemonProcess) => d.logs.filter((l) => typeof l.jobId === 'string' && l.queue !== 'ofsted-sweep').length;
      assert.ok(worked(a) > 0 && worked(b) > 0, `jobs per daemon: ${worked(a)}, ${worked(b)}`);

      const [sa, sb] = await Promise.all([a.stop('SIGTERM'), b.stop('SIGTERM')]);
      assert.equal(sa.code, 0);
      assert.equal(sb.code, 0);
      await delay(0);
    });
  });
});
