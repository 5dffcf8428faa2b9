import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import type { RunningDaemon } from '../../workers/daemon.js';
import { notifyJobId, SWEEP_JOB } from '../../workers/queues.js';
import type { LogLine } from './support/daemon-process.js';
import { startInProcessDaemon } from './support/in-process-daemon.js';
import { startDaemonWorld, type DaemonWorld } from './support/daemon-world.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import { waitFor } from './support/wait-for.js';

// What the daemon does when things go wrong: an unreadable report, Ofsted failing for a while, a URN
// Ofsted does not know, a provider that disappears.

/** SC036109's one report before October 2019; served as a scan no reader can read here. */
const UNREADABLE = '99804934';
/** One of SC036243's reports; Ofsted answers 503 to its first four requests. */
const FLAKY = '95385440';

describe('daemon: failure policy', () => {
  let site: FakeOfsted;
  let redis: TestRedis;
  let world: DaemonWorld;
  let store: Store;
  let queues: DaemonWorld['queues'];
  let daemon: RunningDaemon;
  let logs: LogLine[];

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    redis = await startTestRedis();
    world = await startDaemonWorld({
      site,
      redisUrl: redis.url,
      name: 'failures',
      watch: ['SC036243', 'SC036109', 'SC999999'],
      env: {
        SCRAPE_SCHEDULE: '0 0 1 1 *',
        SWEEP_JITTER_MS: '0',
        REQUESTS_PER_SECOND: '50',
        FETCH_ATTEMPTS: '2',
        FETCH_BACKOFF_MS: '20',
        JOB_BACKOFF_MS: '200',
        // Given up at the first unreadable reading, so its scrape-failed comes at once.
        REPORT_RETRY_LIMIT: '1',
      },
    });
    ({ store, queues } = world);
    site.setFault({ fileId: UNREADABLE }, { kind: 'scanned-pdf' });
    site.setFault({ fileId: FLAKY }, { kind: 'status', status: 503, times: 4 });
    ({ daemon, logs } = await startInProcessDaemon(world.env));
    await queues.sweep.add(SWEEP_JOB, { reason: 'manual' }, { jobId: 'sweep-1' });
  });
  after(async () => {
    await daemon?.stop();
    await world?.close();
    await site?.close();
    await redis?.stop();
  });

  const providerJob = (urn: string, tick: string) =>
    waitFor(`provider job ${urn} to finish`, async () => {
      const job = await queues.provider.getJob(`provider_${urn}_${tick}`);
      const state = await job?.getState();
      return state === 'completed' || state === 'failed' ? { job: job!, state } : null;
    }, 20_000);

  it('stores a report it cannot read and raises scrape-failed, never a rating', async () => {
    const { state } = await providerJob('SC036109', 'sweep-1');
    assert.equal(state, 'completed');
    const [report] = await store.listReports('SC036109');
    assert.equal(report?.fileId, UNREADABLE);
    assert.equal(report?.parsed, null);
    assert.ok(report?.error);
    const events = await store.listEvents({ urn: 'SC036109' });
    assert.deepEqual(events.map((e) => e.type), ['scrape-failed']);
    assert.equal(events[0]!.backfill, false, 'an unreadable report is news even in a baseline');
    assert.ok(await queues.notify.getJob(notifyJobId(events[0]!.id)), 'and is handed on');
  });

  it('retries a report download that keeps failing with exponential backoff, and stores it once', async () => {
    const { state } = await providerJob('SC036243', 'sweep-1');
    assert.equal(state, 'completed');
    const retried = logs.filter((l) => l.msg === 'job failed; will retry' && l.jobId === `report_SC036243_${FLAKY}`);
    assert.equal(retried.length, 2, 'two attempts of two requests each were refused');
    const reports = await store.listReports('SC036243');
    assert.equal(reports.filter((r) => r.fileId === FLAKY).length, 1);
    assert.ok(reports.find((r) => r.fileId === FLAKY)?.parsed);
    assert.equal(reports.length, 6);
  });

  it('logs every line of a job, the site client\'s requests included, with the job id and URN', async () => {
    const requests = logs.filter((l) => l.msg === 'GET' && typeof l.url === 'string' && String(l.url).includes('/v1/file/'));
    assert.ok(requests.length > 0);
    for (const l of requests) {
      assert.match(String(l.jobId), /^report_/);
      assert.match(String(l.urn), /^SC\d{6}$/);
    }
  });

  it('gives up at once on a URN Ofsted does not know', async () => {
    const { job, state } = await providerJob('SC999999', 'sweep-1');
    assert.equal(state, 'failed');
    assert.equal(job.attemptsMade, 1, 'not retried');
    assert.match(job.failedReason, /no Ofsted provider with URN SC999999/);
  });

  it('raises provider-closed when a provider it knows disappears, hands it on, and stops', async () => {
    site.clearFaults();
    site.setFault({ urn: 'SC036243' }, { kind: 'status', status: 404 });
    await queues.sweep.add(SWEEP_JOB, { reason: 'manual' }, { jobId: 'sweep-2' });
    const { job, state } = await providerJob('SC036243', 'sweep-2');
    assert.equal(state, 'failed');
    assert.equal(job.attemptsMade, 1);
    const events = await store.listEvents({ urn: 'SC036243' });
    const closed = events.filter((e) => e.type === 'provider-closed');
    // Once seen to fail under load with no provider-closed; say everything needed to tell why.
    const stored = await store.getProviderState('SC036243');
    const jobLines = logs.filter((l) => String(l.jobId ?? '').includes('SC036243')).map((l) => `${String(l.jobId)} ${String(l.msg)}`);
    assert.equal(closed.length, 1, JSON.stringify({ failedReason: job.failedReason, stored, events: events.map((e) => e.type), jobLines }));
    assert.ok(await queues.notify.getJob(notifyJobId(closed[0]!.id)));
    assert.ok((await store.getProvider('SC036243'))?.closedAt);
  });
});

describe('daemon: two provider jobs for one URN at once', () => {
  it('records the reports once when a provider job was queued without the shared deduplication', async () => {
    const site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    const redis = await startTestRedis();
    const world = await startDaemonWorld({
      site,
      redisUrl: redis.url,
      name: 'overlap',
      watch: ['SC036109'],
      env: { SCRAPE_SCHEDULE: '0 0 1 1 *', SWEEP_JITTER_MS: '0', REQUESTS_PER_SECOND: '50', JOB_BACKOFF_MS: '500', FETCH_TIMEOUT_MS: '20000' },
    });
    const { store, queues } = world;
    let daemon: RunningDaemon | undefined;
    try {
      // The sweep's job holds SC036109's report download open for 3 s.
      site.setFault({ fileId: UNREADABLE }, { kind: 'slow', ms: 3_000 });
      let logs: LogLine[];
      ({ daemon, logs } = await startInProcessDaemon(world.env));
      await queues.sweep.add(SWEEP_JOB, { reason: 'manual' }, { jobId: 'sweep-1' });
      await waitFor('the slow download', () => site.requests.some((r) => r.path.endsWith(`/v1/file/${UNREADABLE}`)), 10_000, 20);
      // A second job for the URN with no deduplication id, as a client adding jobs by hand would.
      await queues.provider.add('manual-scrape', { urn: 'SC036109', reason: 'manual' }, { jobId: 'by-hand', priority: 1, attempts: 6, backoff: { type: 'exponential', delay: 500 } });
      const done = await waitFor('both jobs to finish', async () => {
        const states = await Promise.all(['provider_SC036109_sweep-1', 'by-hand'].map(async (id) => (await queues.provider.getJob(id))?.getState()));
        return states.every((s) => s === 'completed' || s === 'failed') ? states : null;
      }, 20_000);
      assert.deepEqual(done, ['completed', 'completed']);
      assert.ok(logs.some((l) => l.jobId === 'by-hand' && String(l.err).includes('being recorded by another job')));
      assert.equal((await store.listReports('SC036109')).length, 1);
      assert.equal((await store.listEvents({ urn: 'SC036109' })).length, 1);
    } finally {
      await daemon?.stop();
      await world.close();
      await site.close();
      await redis.stop();
    }
  });
});
