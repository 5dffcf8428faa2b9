import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningDaemon } from '../../workers/daemon.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { runCli } from '../helpers/cli.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { LogLine } from './support/daemon-process.js';
import { startInProcessDaemon } from './support/in-process-daemon.js';
import { inspectQueues, uniquePrefix } from './support/queue-fixture.js';
import { waitFor } from './support/wait-for.js';

// The daemon's SCRAPE_SCHEDULE runs discovery (every 2 s here) against the local site's real search: a
// report published for a watched home is found and its decline raised once; `sweep --json` and
// POST /api/sweeps queue jobs that run; a search that changes shape alerts the operator and leaves the mark,
// and the full sweep counts the report discovery missed. (`sweep` runs dist/: `npx tsc -p tsconfig.json` first.)

const TOKEN = 'discovery-test-token';
// The daemon dates its passes by the wall clock, so the local site's calendar is today's.
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const TODAY = day(0);
const MISSED = 'ofsted_monitor_discovery_missed_reports_total{category="childrens-homes"}';

describe('daemon: discovery on SCRAPE_SCHEDULE', () => {
  let site: FakeOfsted;
  let redis: TestRedis;
  let db: TestDatabase;
  let store: Store;
  let daemon: RunningDaemon;
  let logs: LogLine[];
  let env: Record<string, string>;
  let queues: ReturnType<typeof inspectQueues>;
  let urn: string;

  before(async () => {
    site = await startFakeOfsted({ now: TODAY });
    redis = await startTestRedis();
    db = await testDatabaseUrl();
    store = await openStore(db.url);
    const home = site.registerProvider({ localAuthority: 'Derby', owner: 'Brookfield Homes for Children Ltd', registrationDate: '2024-06-01' });
    urn = home.urn;
    site.publishReport(urn, { publishedAt: day(-40), inspectionStart: day(-60) });
    await store.watchAdd([urn]);
    const prefix = uniquePrefix('discovery');
    queues = inspectQueues(redis.url, prefix);
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      OFSTED_REPORTS_URL: site.reportsUrl,
      OFSTED_FILES_URL: site.filesUrl,
      PORT: '0',
      API_TOKEN: TOKEN,
      OPERATOR_EMAIL: 'operator@example.org',
      SCRAPE_SCHEDULE: '*/2 * * * * *',
      FULL_SWEEP_SCHEDULE: '0 0 1 1 *',
      SWEEP_JITTER_MS: '0',
      REQUESTS_PER_SECOND: '50',
      JOB_BACKOFF_MS: '200',
      FETCH_BACKOFF_MS: '10',
      SHUTDOWN_GRACE_MS: '3000',
    };
    ({ daemon, logs } = await startInProcessDaemon(env, { api: true }));
  });
  after(async () => {
    await daemon?.stop();
    await queues?.close();
    await store?.close();
    await db?.cleanup();
    await site?.close();
    await redis?.stop();
  });

  const declines = async () => (await store.listEvents({ urn })).filter((e) => e.type === 'rating-declined' && !e.backfill);
  const passes = () => logs.filter((l) => l.msg === 'discovery: provider jobs queued') as (LogLine & { providers: number; tick: string })[];
  const idle = async () => {
    const c = await queues.provider.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'waiting-children');
    return Object.values(c).every((n) => n === 0);
  };
  const finished = async (jobId: string) => {
    const job = await queues.sweep.getJob(jobId);
    return (await job?.getState()) === 'completed';
  };
  const missed = async () => {
    const text = await (await fetch(`${daemon.apiUrl}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${MISSED} `));
    return line === undefined ? 0 : Number(line.slice(MISSED.length + 1));
  };

  it('baselines the watched home, then finds its newly published report and raises the decline once', async () => {
    await waitFor('the baseline', async () => (await store.listReports(urn)).length === 1 && (await idle()), 20_000);
    assert.deepEqual(await declines(), []);
    await waitFor('a discovery mark', async () => (await store.discoveryMarks()).get('childrens-homes') === TODAY, 10_000);

    site.publishReport(urn, { inspectionStart: day(-20), grades: { experiences: 'inadequate', protection: 'inadequate', leadership: 'inadequate' } });
    await waitFor('the decline', async () => (await declines()).length > 0, 20_000);
    const seen = passes().length;
    await waitFor('two more discovery passes', async () => passes().length >= seen + 2 && (await idle()), 15_000);
    assert.equal((await declines()).length, 1, 'raised once');
    assert.ok(passes().slice(seen).every((p) => p.providers === 0), 'nothing newer than the store holds is handed on again');
    assert.equal(logs.filter((l) => l.msg === 'sweep: provider jobs queued').length, 0, 'discovery found it, not a per-URN sweep');
  });

  it('sweep --json and POST /api/sweeps queue a discovery job that runs', async () => {
    const cli = await runCli(['sweep', '--json'], env);
    assert.equal(cli.code, 0, cli.stderr);
    const { jobId } = cli.json() as { jobId: string };
    assert.match(jobId, /^manual-discovery-/);
    await waitFor('the CLI job to finish', () => finished(jobId), 15_000);

    const unauthorised = await fetch(`${daemon.apiUrl}/api/sweeps`, { method: 'POST' });
    assert.equal(unauthorised.status, 401);
    const res = await fetch(`${daemon.apiUrl}/api/sweeps`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 202);
    const body = (await res.json()) as { jobId: string };
    await waitFor('the API job to finish', () => finished(body.jobId), 15_000);
  });

  it('a search that changed shape tells the operator and keeps the mark; the full sweep counts the report discovery missed', async () => {
    site.setSearchShape('renamed');
    await waitFor(
      'the operator alert',
      async () => (await store.listMessages({ kind: 'operator' })).some((m) => m.key.startsWith('operator|discovery-failed|childrens-homes|')),
      15_000,
    );
    assert.ok(logs.some((l) => l.level === 50 && l.msg === 'discovery failed: its high-water mark stays where it was'));

    // Published on a day the last complete pass had searched, behind discovery's back.
    site.publishReport(urn, { publishedAt: day(-2), inspectionStart: day(-15) });
    assert.equal(await missed(), 0);
    const res = await fetch(`${daemon.apiUrl}/api/sweeps?full=1`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 202);
    await waitFor('the full sweep to store it', async () => (await store.listReports(urn)).length === 3 && (await idle()), 20_000);
    await waitFor('the counter', async () => (await missed()) === 1, 5_000);
    assert.ok(logs.some((l) => l.msg?.startsWith('discovery missed a report')));
    assert.equal((await store.discoveryMarks()).get('childrens-homes'), TODAY, 'failed passes advanced nothing');
    assert.equal((await store.listMessages({ kind: 'operator' })).filter((m) => m.key.startsWith('operator|discovery-failed|')).length, 1, 'one alert');
  });
});
