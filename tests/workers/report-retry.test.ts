import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_ALERT_EVENTS } from '../../src/alerts/types.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { SWEEP_JOB } from '../../workers/queues.js';
import { readMessage } from '../helpers/mime-reader.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import { startInProcessDaemon } from './support/in-process-daemon.js';
import { startDaemonWorld, type DaemonWorld } from './support/daemon-world.js';
import { waitFor } from './support/wait-for.js';

// The daemon's side of issue 11's fault run: SC036243's decline (Good → Inadequate, published 27 November
// 2019) arrives as an HTML page once. Through the queues, the store and a real SMTP server, it is emailed
// exactly once when the report comes whole: on the next sweep, or on the daemon's own retry tick.

const URN = 'SC036243';
const NEW = '10541604';
const SUBJECT = 'SC036243: Good → Inadequate (inspected 29–30 Oct 2019)';

describe('daemon: a report that arrived damaged once', () => {
  let site: FakeOfsted;
  let redis: TestRedis;
  let sink: SmtpSink;
  const cleanups: (() => Promise<unknown>)[] = [];

  before(async () => {
    redis = await startTestRedis();
    sink = await SmtpSink.start();
  });
  after(async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
    await sink?.close();
    await redis?.stop();
  });

  /** A fresh site, database and queue prefix, SC036243 watched by a subscriber, and the daemon in this process. */
  async function setUp(name: string, env: Record<string, string>) {
    const fresh = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    cleanups.push(() => fresh.close());
    site = fresh;
    sink.reset();
    const world = await startDaemonWorld({
      site,
      redisUrl: redis.url,
      name,
      watch: [URN],
      env: {
        SMTP_URL: sink.url(),
        SCRAPE_SCHEDULE: '0 0 1 1 *',
        SWEEP_JITTER_MS: '0',
        REQUESTS_PER_SECOND: '50',
        FETCH_ATTEMPTS: '2',
        FETCH_BACKOFF_MS: '20',
        JOB_ATTEMPTS: '2',
        JOB_BACKOFF_MS: '100',
        ...env,
      },
    });
    cleanups.push(() => world.close());
    await world.store.addSubscription(
      { channel: 'email', target: 'reporter@example.org', scope: 'urn', value: URN, events: [...DEFAULT_ALERT_EVENTS], mode: 'immediate' },
      new Date().toISOString(),
    );
    const { daemon } = await startInProcessDaemon(world.env);
    cleanups.push(() => daemon.stop());
    return { world, daemon };
  }

  async function sweep(queues: DaemonWorld['queues'], tick: string): Promise<void> {
    await queues.sweep.add(SWEEP_JOB, { reason: 'manual' }, { jobId: tick });
    const state = await waitFor(`sweep ${tick} of ${URN}`, async () => {
      const s = await (await queues.provider.getJob(`provider_${URN}_${tick}`))?.getState();
      return s === 'completed' || s === 'failed' ? s : null;
    }, 20_000);
    assert.equal(state, 'completed', `the provider job of ${tick}`);
  }

  /** Baseline, then the decline is published and its file answers an HTML page until the faults are cleared. */
  async function damagedDecline(world: DaemonWorld): Promise<void> {
    await sweep(world.queues, 'sweep-1');
    site.advance(URN);
    site.setFault({ fileId: NEW }, { kind: 'html-as-pdf' });
    await sweep(world.queues, 'sweep-2');
    const report = await world.store.getReport(NEW);
    assert.equal(report?.parsed, null);
    assert.equal(report?.failure, 'transport', 'stored to be tried again, not as unreadable');
    assert.equal(sink.messages.length, 0);
  }

  const declines = async (store: Store) => (await store.listEvents({ urn: URN })).filter((e) => e.type === 'rating-declined' && !e.backfill);

  it('the next sweep fetches it again (its page unchanged) and the decline is emailed exactly once', async () => {
    // A retry tick every hour: only the sweeps fetch here.
    const { world } = await setUp('retry-sweep', { REPORT_RETRY_BACKOFF_MS: '500', OUTBOX_INTERVAL_MS: '3600000' });
    await damagedDecline(world);
    site.clearFaults();
    await delay(600);
    await sweep(world.queues, 'sweep-3');
    const [mail] = await sink.waitFor(1, 15_000);
    assert.equal(readMessage(mail!.raw).subject, SUBJECT);
    await sweep(world.queues, 'sweep-4');
    await delay(500);
    assert.equal(sink.messages.length, 1, 'emailed once');
    assert.equal((await declines(world.store)).length, 1);
    assert.deepEqual((await world.store.listEvents({ urn: URN })).filter((e) => e.type === 'scrape-failed'), []);
  });

  it('without a sweep, the retry tick fetches it once its backoff has passed, and the decline is emailed once', async () => {
    const { world } = await setUp('retry-tick', { REPORT_RETRY_BACKOFF_MS: '1000', OUTBOX_INTERVAL_MS: '300' });
    await damagedDecline(world);
    site.clearFaults();
    const [mail] = await sink.waitFor(1, 20_000);
    assert.equal(readMessage(mail!.raw).subject, SUBJECT);
    await delay(1_500);
    assert.equal(sink.messages.length, 1, 'emailed once');
    assert.equal((await declines(world.store)).length, 1);
    assert.ok((await world.store.getReport(NEW))?.parsed, 'read at last');
  });
});
