import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countEvents, countParseFailure, observeFetch } from '../../src/api/index.js';
import {
  DIGEST_SCHEDULER_ID,
  NOTIFY_QUEUE,
  OUTBOX_SCHEDULER_ID,
  PROVIDER_QUEUE,
  REPORT_QUEUE,
  SWEEP_QUEUE,
  SWEEP_SCHEDULER_ID,
  DISCOVERY_SCHEDULER_ID,
} from '../../workers/queues.js';
import { markSweepStarted } from '../../workers/schedule-status.js';
import { waitFor } from '../workers/support/wait-for.js';
import { startApiFixture, type ApiFixture } from './support/api-fixture.js';
import { hasRedisServer } from '../helpers/test-redis.js';

/** The value of one sample line, e.g. `ofsted_monitor_jobs{queue="x",state="waiting"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const ALL_SCHEDULERS_OK = { [DISCOVERY_SCHEDULER_ID]: 'ok', [SWEEP_SCHEDULER_ID]: 'ok', [OUTBOX_SCHEDULER_ID]: 'ok', [DIGEST_SCHEDULER_ID]: 'ok' };

describe('GET /health', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  it('answers 200 with redis and db ok, every job scheduler in place and the sweep on time', async () => {
    const res = await fx.fetch('/health');
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual(
      { ...body, sweep: { ...body.sweep, nextDueAt: typeof body.sweep.nextDueAt } },
      { redis: 'ok', db: 'ok', schedulers: ALL_SCHEDULERS_OK, sweep: { status: 'ok', lastStartedAt: null, nextDueAt: 'string' } },
    );
    assert.ok(Date.parse(body.sweep.nextDueAt) > Date.now(), 'the next tick of SCRAPE_SCHEDULE is to come');
  });

  it('answers 503 naming the database when the store does not answer', async () => {
    await fx.store.close();
    const res = await fx.fetch('/health');
    assert.equal(res.status, 503);
    const body = await res.json();
    assert.deepEqual([body.redis, body.db, body.schedulers], ['ok', 'unreachable', ALL_SCHEDULERS_OK]);
  });
});

describe('GET /health and /metrics: the schedule in Redis', () => {
  let fx: ApiFixture;
  before(async () => {
    // Every second, and overdue one second late: with no worker here to take the ticks, the sweep falls behind.
    fx = await startApiFixture({ env: { SCRAPE_SCHEDULE: '* * * * * *', SWEEP_OVERDUE_MS: '1000' } });
  });
  after(() => fx?.close());

  it('answers 503 naming a job scheduler that is gone from Redis, and /metrics reports it absent', async () => {
    await fx.queues.notify.removeJobScheduler(OUTBOX_SCHEDULER_ID);
    const res = await fx.fetch('/health');
    assert.equal(res.status, 503);
    const body = await res.json();
    assert.deepEqual([body.redis, body.db, body.schedulers], ['ok', 'ok', { ...ALL_SCHEDULERS_OK, [OUTBOX_SCHEDULER_ID]: 'missing' }]);

    const text = await (await fx.fetch('/metrics')).text();
    assert.equal(sample(text, `ofsted_monitor_job_scheduler_present{scheduler="${OUTBOX_SCHEDULER_ID}"}`), 0);
    assert.equal(sample(text, `ofsted_monitor_job_scheduler_present{scheduler="${DIGEST_SCHEDULER_ID}"}`), 1);
  });

  it('answers 503 with the sweep overdue once its due tick has waited longer than SWEEP_OVERDUE_MS for a worker', async () => {
    const body = await waitFor('the sweep to be overdue', async () => {
      const res = await fx.fetch('/health');
      const answer = await res.json();
      return res.status === 503 && answer.sweep.status === 'overdue' ? answer : null;
    }, 10_000, 250);
    assert.equal(body.schedulers[SWEEP_SCHEDULER_ID], 'ok');
    assert.ok(Date.parse(body.sweep.nextDueAt) < Date.now() - 1_000);
  });

  it('reports the seconds since the last sweep started, whichever daemon started it', async () => {
    const none = await (await fx.fetch('/metrics')).text();
    assert.ok(Number.isNaN(sample(none, 'ofsted_monitor_last_sweep_age_seconds')), 'no sweep recorded: no value');
    await markSweepStarted(fx.queues.sweep, Date.now() - 90_000);
    const text = await (await fx.fetch('/metrics')).text();
    const age = sample(text, 'ofsted_monitor_last_sweep_age_seconds') ?? 0;
    assert.ok(age >= 90 && age < 120, String(age));
    const body = await (await fx.fetch('/health')).json();
    assert.ok(Date.parse(body.sweep.lastStartedAt) <= Date.now() - 90_000);
  });
});

describe('GET /health and /metrics when Redis stops', { skip: !hasRedisServer() && 'redis-server is not installed' }, () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture({ ownRedis: true });
  });
  after(() => fx?.close());

  it('answers 503 naming Redis within a few seconds, and /metrics still answers with the queues down', async () => {
    assert.equal((await fx.fetch('/health')).status, 200);
    await fx.redis.stop();

    const started = Date.now();
    const res = await fx.fetch('/health');
    assert.equal(res.status, 503);
    const body = await res.json();
    assert.deepEqual([body.redis, body.db, body.sweep.status], ['unreachable', 'ok', 'unknown']);
    assert.deepEqual(Object.values(body.schedulers), ['unknown', 'unknown', 'unknown', 'unknown'], 'not reported missing: Redis did not say');
    assert.ok(Date.now() - started < 5_000, 'a hanging Redis is cut off by the health timeout');

    const metrics = await fx.fetch('/metrics');
    assert.equal(metrics.status, 200);
    const text = await metrics.text();
    assert.equal(sample(text, `ofsted_monitor_queue_up{queue="${PROVIDER_QUEUE}"}`), 0);
    assert.equal(sample(text, `ofsted_monitor_jobs{queue="${PROVIDER_QUEUE}",state="waiting"}`), undefined);
  });
});

describe('GET /metrics', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  it('serves Prometheus text with job gauges by queue and state, read from the queues at each scrape', async () => {
    await fx.queues.provider.add('p', { urn: 'SC000001', reason: 'sweep' });
    await fx.queues.provider.add('p', { urn: 'SC000002', reason: 'sweep' });
    await fx.queues.report.add('r', { urn: 'SC000001' }, { delay: 60_000 });
    const res = await fx.fetch('/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    assert.match(text, /# TYPE ofsted_monitor_jobs gauge/);
    assert.equal(sample(text, `ofsted_monitor_jobs{queue="${PROVIDER_QUEUE}",state="waiting"}`), 2);
    assert.equal(sample(text, `ofsted_monitor_jobs{queue="${REPORT_QUEUE}",state="delayed"}`), 1);
    assert.equal(sample(text, `ofsted_monitor_jobs{queue="${REPORT_QUEUE}",state="waiting"}`), 0);
    for (const queue of [SWEEP_QUEUE, PROVIDER_QUEUE, REPORT_QUEUE, NOTIFY_QUEUE]) {
      assert.equal(sample(text, `ofsted_monitor_jobs{queue="${queue}",state="failed"}`), 0, queue);
      assert.equal(sample(text, `ofsted_monitor_queue_up{queue="${queue}"}`), 1, queue);
    }

    await fx.queues.provider.add('p', { urn: 'SC000003', reason: 'sweep' });
    const again = await (await fx.fetch('/metrics')).text();
    assert.equal(sample(again, `ofsted_monitor_jobs{queue="${PROVIDER_QUEUE}",state="waiting"}`), 3);
  });

  it('counts fetch latency by status, parse failures and events by type as other code reports them', async () => {
    const before = await (await fx.fetch('/metrics')).text();
    const count = (text: string, series: string) => sample(text, series) ?? 0;

    observeFetch(120, 200);
    observeFetch(40, 200);
    observeFetch(3_000, 'timeout');
    countParseFailure();
    countEvents([{ type: 'rating-declined' }, { type: 'report-published' }, { type: 'rating-declined' }]);

    const after = await (await fx.fetch('/metrics')).text();
    assert.equal(
      count(after, 'ofsted_monitor_fetch_duration_seconds_count{status="200"}') -
        count(before, 'ofsted_monitor_fetch_duration_seconds_count{status="200"}'),
      2,
    );
    assert.equal(
      count(after, 'ofsted_monitor_fetch_duration_seconds_bucket{le="0.25",status="200"}') -
        count(before, 'ofsted_monitor_fetch_duration_seconds_bucket{le="0.25",status="200"}'),
      2,
    );
    assert.equal(
      count(after, 'ofsted_monitor_fetch_duration_seconds_bucket{le="2.5",status="timeout"}') -
        count(before, 'ofsted_monitor_fetch_duration_seconds_bucket{le="2.5",status="timeout"}'),
      0,
    );
    assert.equal(count(after, 'ofsted_monitor_parse_failures_total') - count(before, 'ofsted_monitor_parse_failures_total'), 1);
    assert.equal(
      count(after, 'ofsted_monitor_events_total{type="rating-declined"}') -
        count(before, 'ofsted_monitor_events_total{type="rating-declined"}'),
      2,
    );
    assert.equal(
      count(after, 'ofsted_monitor_events_total{type="report-published"}') -
        count(before, 'ofsted_monitor_events_total{type="report-published"}'),
      1,
    );
  });

  it('includes Node\'s default process metrics', async () => {
    const text = await (await fx.fetch('/metrics')).text();
    assert.match(text, /^process_cpu_user_seconds_total \d/m);
    assert.match(text, /^nodejs_eventloop_lag_seconds /m);
    assert.match(text, /^process_resident_memory_bytes \d/m);
  });
});
