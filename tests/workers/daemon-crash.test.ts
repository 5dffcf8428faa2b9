import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { notifyJobId } from '../../workers/queues.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import { startDaemonWorld, type DaemonWorld } from './support/daemon-world.js';
import { eventNotifyJobs } from './support/queue-fixture.js';
import { waitFor } from './support/wait-for.js';

// kill -9 a daemon while it downloads a new report: nothing of that report is stored, its job keeps its
// lock in Redis, and another daemon's stalled-job check hands the job on once the lock expires.

const URN = 'SC036243';
/** SC036243's Inadequate report of October 2019, published on 27 November 2019. */
const NEW_REPORT = '10541604';

describe('daemon: kill -9 mid-report', () => {
  let site: FakeOfsted;
  let redis: TestRedis;
  let world: DaemonWorld;
  let store: Store;
  let queues: DaemonWorld['queues'];

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    redis = await startTestRedis();
    world = await startDaemonWorld({
      site,
      redisUrl: redis.url,
      name: 'crash',
      watch: [URN],
      env: {
        // The per-URN sweep; discovery (SCRAPE_SCHEDULE) stays out of the way.
        FULL_SWEEP_SCHEDULE: '*/5 * * * * *',
        SCRAPE_SCHEDULE: '0 0 1 1 *',
        SWEEP_JITTER_MS: '200',
        REQUESTS_PER_SECOND: '20',
        // The dead daemon's job is handed on within about twice this.
        JOB_LOCK_MS: '2500',
        JOB_BACKOFF_MS: '300',
        FETCH_BACKOFF_MS: '50',
        FETCH_TIMEOUT_MS: '60000',
      },
    });
    ({ store, queues } = world);
  });
  after(async () => {
    await world?.close();
    await site?.close();
    await redis?.stop();
  });

  const start = () => world.start();

  it('loses nothing and duplicates nothing: the next daemon stores the report once and raises the decline once', async () => {
    const first = start();
    await first.started();
    const baseline = site.scenario.provider(URN)!.reports.filter((r) => r.publishedAt <= site.now());
    await waitFor('the baseline', async () => (await store.listReports(URN)).length === baseline.length, 30_000);

    // Hold the new report's download open, publish it, and kill the daemon once it is downloading.
    site.setFault({ fileId: NEW_REPORT }, { kind: 'slow', ms: 60_000 });
    site.advance(URN);
    await waitFor('the download of the new report', () => site.requests.some((r) => r.path.endsWith(`/v1/file/${NEW_REPORT}`)), 15_000, 50);
    await first.kill9();
    site.clearFaults();
    assert.equal((await store.listReports(URN)).length, baseline.length, 'nothing of the new report was stored');

    const second = start();
    await second.started();
    const declines = async () => (await store.listEvents({ urn: URN })).filter((e) => e.type === 'rating-declined' && !e.backfill);
    await waitFor('the decline', async () => (await declines()).length > 0, 30_000);
    assert.ok(
      second.logs.some((l) => l.msg?.startsWith('stalled job recovered')),
      'the killed daemon\'s job was recovered as stalled by the other daemon',
    );

    // Two more ticks: nothing more may come of it.
    const ticksBefore = second.logs.filter((l) => l.msg === 'sweep: provider jobs queued').length;
    await second.waitForLog('two more ticks', () => second.logs.filter((l) => l.msg === 'sweep: provider jobs queued').length >= ticksBefore + 2, 15_000);
    await waitFor('the provider queue to drain', async () => {
      const c = await queues.provider.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'waiting-children');
      return Object.values(c).every((n) => n === 0);
    }, 10_000);

    assert.equal((await declines()).length, 1);
    const reports = await store.listReports(URN);
    assert.equal(reports.length, baseline.length + 1);
    assert.equal(new Set(reports.map((r) => r.fileId)).size, reports.length);
    assert.equal(reports.filter((r) => r.fileId === NEW_REPORT).length, 1);
    assert.equal((await store.history(URN)).at(-1)?.overall, 'inadequate');
    const alerts = (await store.listEvents({ urn: URN })).filter((e) => !e.backfill);
    assert.deepEqual(alerts.map((e) => e.type).sort(), ['rating-declined', 'report-published']);
    for (const e of alerts) assert.ok(await queues.notify.getJob(notifyJobId(e.id)));
    // One notify job per alert (the outbox and digest ticks share the queue and are left out).
    assert.equal(await eventNotifyJobs(queues.notify), alerts.length);

    const stopped = await second.stop('SIGTERM');
    assert.equal(stopped.code, 0);
  });
});
