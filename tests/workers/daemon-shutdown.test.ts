import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import { startDaemonWorld, type DaemonWorld } from './support/daemon-world.js';
import { waitFor } from './support/wait-for.js';

// SIGTERM in the middle of a sweep, with one report download hanging: the daemon stops taking jobs,
// releases what it cannot finish, and exits 0 well within 10 s; the next daemon finishes the sweep.

const WATCHED = ['SC036243', 'SC488596', 'SC036109'];
/** One of SC488596's reports: its download hangs until the first daemon has gone. */
const HANGING = '81560207';

describe('daemon: SIGTERM mid-sweep', () => {
  let site: FakeOfsted;
  let redis: TestRedis;
  let world: DaemonWorld;
  let store: Store;

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    redis = await startTestRedis();
    world = await startDaemonWorld({
      site,
      redisUrl: redis.url,
      name: 'sigterm',
      watch: WATCHED,
      env: {
        // The per-URN sweep; discovery (SCRAPE_SCHEDULE) stays out of the way.
        FULL_SWEEP_SCHEDULE: '*/5 * * * * *',
        SCRAPE_SCHEDULE: '0 0 1 1 *',
        SWEEP_JITTER_MS: '200',
        // Slow enough that the sweep is still going when the signal comes.
        REQUESTS_PER_SECOND: '4',
        FETCH_TIMEOUT_MS: '60000',
        // SHUTDOWN_GRACE_MS and JOB_LOCK_MS keep their defaults (8 s, 30 s): the bound is the shipped one.
      },
    });
    store = world.store;
  });
  after(async () => {
    await world?.close();
    await site?.close();
    await redis?.stop();
  });

  const published = (urn: string) => site.scenario.provider(urn)!.reports.filter((r) => r.publishedAt <= site.now());

  it('exits 0 within 10 s, and the next start finishes the work', async () => {
    site.setFault({ fileId: HANGING }, { kind: 'slow', ms: 120_000 });
    const first = world.start();
    await first.started();
    await waitFor('the hanging download to start', () => site.requests.some((r) => r.path.endsWith(`/v1/file/${HANGING}`)), 20_000, 50);
    await first.waitForLog('a report parsed', (l) => l.msg === 'report parsed', 20_000);
    const before = await store.listReports('SC488596');
    assert.ok(before.length < published('SC488596').length, 'the sweep is not finished');

    const stopped = await first.stop('SIGTERM');
    assert.equal(stopped.code, 0, first.text.join('\n'));
    console.log(`# stopped in ${stopped.ms} ms`);
    assert.ok(stopped.ms < 10_000, `stopped in ${stopped.ms} ms`);
    assert.ok(first.logs.some((l) => l.msg === 'released unfinished job back to the queue'), 'the hanging job was handed back');
    assert.ok(first.logs.some((l) => l.msg?.startsWith('daemon stopped')));

    site.clearFaults();
    const second = world.start();
    await second.started();
    await waitFor(
      'every history stored',
      async () => {
        for (const urn of WATCHED) if ((await store.listReports(urn)).length !== published(urn).length) return false;
        return true;
      },
      30_000,
    );
    for (const urn of WATCHED) {
      const reports = await store.listReports(urn);
      assert.equal(new Set(reports.map((r) => r.fileId)).size, reports.length);
      assert.equal((await store.history(urn)).length, published(urn).length);
    }
    const events = await store.listEvents();
    assert.ok(events.every((e) => e.backfill));
    assert.equal((await second.stop('SIGTERM')).code, 0);
  });
});
