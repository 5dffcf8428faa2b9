import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Queue } from 'bullmq';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { jobSettingsFromConfig } from '../../workers/job-options.js';
import { enqueueManualScrape } from '../../workers/manual-scrape.js';
import { loadConfig } from '../../src/config.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import type { DaemonProcess } from './support/daemon-process.js';
import { startDaemonWorld, type DaemonWorld } from './support/daemon-world.js';
import { waitFor } from './support/wait-for.js';

// kill -9 the daemon three times while it downloads the same report: BullMQ then fails the report's job
// for stalling (maxStalledCount). The provider must come back within minutes, not at the next sweep.

const URN = 'SC036243';
/** SC036243's Inadequate report of October 2019, published on 27 November 2019. */
const NEW_REPORT = '10541604';

describe('daemon: a job failed by three kill -9s', () => {
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
      name: 'stalls',
      watch: [URN],
      env: {
        // No sweep during the test: only the re-queue can bring the provider back.
        SCRAPE_SCHEDULE: '0 0 1 1 *',
        REQUESTS_PER_SECOND: '20',
        // A dead daemon's job is recovered within about twice this.
        JOB_LOCK_MS: '1500',
        JOB_BACKOFF_MS: '300',
        FETCH_BACKOFF_MS: '50',
        FETCH_TIMEOUT_MS: '60000',
        SCHEDULER_CHECK_MS: '500',
        STALL_REQUEUE_DELAY_MS: '200',
      },
    });
    store = world.store;
  });
  after(async () => {
    await world?.close();
    await site?.close();
    await redis?.stop();
  });

  const scrapeNow = () => enqueueManualScrape(world.queues.provider as Queue, URN, jobSettingsFromConfig(loadConfig(world.env)));
  const downloads = () => site.requests.filter((r) => r.path.endsWith(`/v1/file/${NEW_REPORT}`)).length;

  it('scrapes the provider again soon after, and stores the report once', async () => {
    let daemon: DaemonProcess = world.start();
    await daemon.started();
    await scrapeNow();
    const baseline = site.scenario.provider(URN)!.reports.filter((r) => r.publishedAt <= site.now());
    await waitFor('the baseline', async () => (await store.listReports(URN)).length === baseline.length, 30_000);

    // The new report takes seconds to download, long enough to kill each daemon in the middle of it.
    site.setFault({ fileId: NEW_REPORT }, { kind: 'slow', ms: 4_000 });
    site.advance(URN);
    await scrapeNow();
    for (let kill = 1; kill <= 3; kill++) {
      await waitFor(`download ${kill} of the new report`, () => downloads() >= kill, 30_000, 50);
      await daemon.kill9();
      daemon = world.start();
      await daemon.started();
    }
    assert.equal((await store.listReports(URN)).length, baseline.length, 'nothing of the new report was stored');

    await waitFor('the new report stored', async () => (await store.listReports(URN)).some((r) => r.fileId === NEW_REPORT), 45_000);
    assert.ok(daemon.logs.some((l) => l.msg?.startsWith('job failed for stalling') && l.urn === URN), 'BullMQ failed the job for stalling');
    assert.ok(daemon.logs.some((l) => l.msg === 'provider job queued again after a stall failure' && l.urn === URN));
    assert.equal(downloads(), 4, 'three killed downloads, then the one of the re-queued job');

    const reports = await store.listReports(URN);
    assert.equal(reports.length, baseline.length + 1);
    const declines = (await store.listEvents({ urn: URN })).filter((e) => e.type === 'rating-declined' && !e.backfill);
    assert.equal(declines.length, 1);
    assert.equal((await daemon.stop('SIGTERM')).code, 0);
  });
});
