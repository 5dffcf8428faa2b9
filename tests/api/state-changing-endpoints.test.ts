import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'bullmq';
import { loadConfig } from '../../src/config.js';
import { jobSettingsFromConfig, providerJobOptions } from '../../workers/job-options.js';
import {
  MANUAL_PRIORITY,
  manualProviderJobId,
  PROVIDER_JOB,
  PROVIDER_QUEUE,
  providerDeduplicationId,
  reportJobId,
  sweepProviderJobId,
} from '../../workers/queues.js';
import { startApiFixture, TOKEN, type ApiFixture } from './support/api-fixture.js';
import { HOME } from './support/seed.js';

describe('state-changing calls need the bearer token', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  const calls: Array<[string, string]> = [
    ['POST', `/api/providers/${HOME}/scrape`],
    ['POST', `/api/watchlist/${HOME}`],
    ['DELETE', `/api/watchlist/${HOME}`],
  ];

  for (const [method, path] of calls) {
    it(`refuses ${method} ${path.replace(HOME, '<URN>')} with 401 without a token, or with a wrong one, and changes nothing`, async () => {
      for (const headers of [{} as Record<string, string>, { authorization: `Bearer ${TOKEN}x` }, { authorization: `Basic ${TOKEN}` }, { authorization: TOKEN }]) {
        const res = await fx.fetch(path, { method, headers });
        assert.equal(res.status, 401, JSON.stringify(headers));
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
        assert.match((await res.json()).error, /Authorization: Bearer <API_TOKEN>/);
      }
      assert.deepEqual(await fx.store.watchList(), []);
      assert.equal(await fx.queues.provider.getJob(manualProviderJobId(HOME)), undefined);
    });
  }

  it('checks the token before the URN, so a caller without it learns nothing', async () => {
    const res = await fx.fetch('/api/watchlist/NOTAURN', { method: 'POST' });
    assert.equal(res.status, 401);
  });

  it('rejects a malformed URN with 400 once the token is right', async () => {
    for (const [method, path] of [
      ['POST', '/api/providers/SC12345/scrape'],
      ['POST', '/api/watchlist/XX1'],
      ['DELETE', '/api/watchlist/EY'],
    ] as const) {
      const res = await fx.fetch(path, { method, token: TOKEN });
      assert.equal(res.status, 400, path);
      assert.match((await res.json()).error, /^not a URN/);
    }
  });
});

describe('POST /api/providers/<URN>/scrape and GET /api/jobs/<id>', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  it('enqueues a high-priority manual provider job and answers 202 with its id', async () => {
    const res = await fx.fetch(`/api/providers/${HOME.toLowerCase()}/scrape`, { method: 'POST', token: TOKEN });
    assert.equal(res.status, 202);
    const body = await res.json();
    assert.equal(body.jobId, manualProviderJobId(HOME));
    assert.equal(body.deduplicated, false);
    assert.equal(res.headers.get('location'), `/api/jobs/${body.jobId}`);

    const job = await fx.queues.provider.getJob(body.jobId);
    assert.ok(job, 'the job is in the provider queue');
    assert.equal(job.name, PROVIDER_JOB);
    assert.deepEqual(job.data, { urn: HOME, reason: 'manual' });
    assert.equal(job.opts.priority, MANUAL_PRIORITY);
  });

  it('deduplicates while the job for the URN is still waiting: same id, still one job', async () => {
    const res = await fx.fetch(`/api/providers/${HOME}/scrape`, {
      method: 'POST',
      token: TOKEN,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 202);
    const body = await res.json();
    assert.equal(body.jobId, manualProviderJobId(HOME));
    assert.equal(body.deduplicated, true);
    const counts = await fx.queues.provider.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
    assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), 1);
  });

  it('reports a waiting job\'s state, data and timestamps', async () => {
    const res = await fx.fetch(`/api/jobs/${manualProviderJobId(HOME)}`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.id, manualProviderJobId(HOME));
    assert.equal(body.queue, PROVIDER_QUEUE);
    // BullMQ keeps a prioritized job out of `waiting` until a worker takes it.
    assert.equal(body.state, 'prioritized');
    assert.deepEqual(body.data, { urn: HOME, reason: 'manual' });
    assert.equal(body.returnvalue, null);
    assert.equal(body.failedReason, null);
    assert.ok(!Number.isNaN(Date.parse(body.createdAt)));
    assert.equal(body.finishedAt, null);
  });

  it('reports a completed job with its return value, and a new request after it enqueues a fresh job', async () => {
    const worker = new Worker(PROVIDER_QUEUE, async (job) => ({ scraped: job.data.urn }), {
      connection: fx.bull.connection.duplicate({ maxRetriesPerRequest: null }),
      prefix: fx.bull.prefix,
    });
    try {
      await waitFor(async () => (await fx.queues.provider.getJobState(manualProviderJobId(HOME))) === 'completed');
      const done = await (await fx.fetch(`/api/jobs/${manualProviderJobId(HOME)}`)).json();
      assert.equal(done.state, 'completed');
      assert.deepEqual(done.returnvalue, { scraped: HOME });
      assert.equal(done.attemptsMade, 1);
      assert.ok(Date.parse(done.finishedAt) >= Date.parse(done.processedAt));

      const again = await fx.fetch(`/api/providers/${HOME}/scrape`, { method: 'POST', token: TOKEN });
      const body = await again.json();
      assert.equal(again.status, 202);
      assert.equal(body.deduplicated, false);
      await waitFor(async () => {
        const job = await fx.queues.provider.getJob(manualProviderJobId(HOME));
        return job?.attemptsMade === 1 && (await job.getState()) === 'completed' && job.timestamp > Date.parse(done.createdAt);
      });
    } finally {
      await worker.close();
      await worker.disconnect();
    }
  });

  it('reports a failed job with its reason', async () => {
    await fx.queues.report.add('report', { urn: HOME }, { jobId: reportJobId(HOME, '77'), attempts: 1 });
    const worker = new Worker(
      fx.queues.report.name,
      async () => {
        throw new Error('the PDF is not a PDF');
      },
      { connection: fx.bull.connection.duplicate({ maxRetriesPerRequest: null }), prefix: fx.bull.prefix },
    );
    try {
      await waitFor(async () => (await fx.queues.report.getJobState(reportJobId(HOME, '77'))) === 'failed');
      const body = await (await fx.fetch(`/api/jobs/${reportJobId(HOME, '77')}`)).json();
      assert.equal(body.queue, fx.queues.report.name);
      assert.equal(body.state, 'failed');
      assert.equal(body.failedReason, 'the PDF is not a PDF');
    } finally {
      await worker.close();
      await worker.disconnect();
    }
  });

  it('hands back the pending sweep job of the URN instead of queueing a second scrape, moved up to manual priority', async () => {
    const urn = 'SC111111';
    const settings = jobSettingsFromConfig(loadConfig({}));
    const sweepId = sweepProviderJobId(urn, 'tick1');
    await fx.queues.provider.add(
      PROVIDER_JOB,
      { urn, reason: 'sweep' },
      providerJobOptions(settings, { jobId: sweepId, deduplicationId: providerDeduplicationId(urn), reason: 'sweep', delay: 60_000 }),
    );
    const res = await fx.fetch(`/api/providers/${urn}/scrape`, { method: 'POST', token: TOKEN });
    assert.equal(res.status, 202);
    const body = await res.json();
    assert.equal(body.jobId, sweepId);
    assert.equal(body.deduplicated, true);
    assert.equal(await fx.queues.provider.getJob(manualProviderJobId(urn)), undefined);
    const job = await (await fx.fetch(`/api/jobs/${sweepId}`)).json();
    assert.equal(job.state, 'prioritized');
  });

  it('answers 404 for an unknown job id and 400 for one no job could have', async () => {
    const unknown = await fx.fetch('/api/jobs/provider_SC000000_never');
    assert.equal(unknown.status, 404);
    assert.match((await unknown.json()).error, /no job provider_SC000000_never/);
    const bad = await fx.fetch(`/api/jobs/${encodeURIComponent('a:b')}`);
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error, /not a job id/);
  });
});

describe('POST and DELETE /api/watchlist/<URN>', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  it('adds a URN with 201, answers 200 when it is already watched, with counts', async () => {
    const first = await fx.fetch(`/api/watchlist/${HOME.toLowerCase()}`, { method: 'POST', token: TOKEN });
    assert.equal(first.status, 201);
    assert.deepEqual(await first.json(), { added: 1, alreadyWatched: 0 });
    const second = await fx.fetch(`/api/watchlist/${HOME}`, { method: 'POST', token: TOKEN });
    assert.equal(second.status, 200);
    assert.deepEqual(await second.json(), { added: 0, alreadyWatched: 1 });
    assert.deepEqual(
      (await fx.store.watchList()).map((w) => w.urn),
      [HOME],
    );
  });

  it('removes a URN with 200 and counts, and says when it was not watched', async () => {
    const first = await fx.fetch(`/api/watchlist/${HOME}`, { method: 'DELETE', token: TOKEN });
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { removed: 1, notWatched: 0 });
    const second = await fx.fetch(`/api/watchlist/${HOME}`, { method: 'DELETE', token: TOKEN });
    assert.equal(second.status, 200);
    assert.deepEqual(await second.json(), { removed: 0, notWatched: 1 });
    assert.deepEqual(await fx.store.watchList(), []);
  });

  it('answers a body that is not JSON with 400, and one that is too large with 413', async () => {
    const bad = await fx.fetch(`/api/watchlist/${HOME}`, {
      method: 'POST',
      token: TOKEN,
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error, 'the request body is not valid JSON');
    const big = await fx.fetch(`/api/watchlist/${HOME}`, {
      method: 'POST',
      token: TOKEN,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(100_000) }),
    });
    assert.equal(big.status, 413);
  });
});

describe('with API_TOKEN unset', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture({ apiToken: undefined });
  });
  after(() => fx?.close());

  it('refuses every state-changing call with 503 and says to set API_TOKEN, whatever token is sent', async () => {
    for (const [method, path] of [
      ['POST', `/api/providers/${HOME}/scrape`],
      ['POST', `/api/watchlist/${HOME}`],
      ['DELETE', `/api/watchlist/${HOME}`],
    ] as const) {
      for (const token of [undefined, '', 'undefined']) {
        const res = await fx.fetch(path, { method, token });
        assert.equal(res.status, 503, `${method} ${path} ${token}`);
        assert.match((await res.json()).error, /API_TOKEN is not set: set it/);
      }
    }
    assert.deepEqual(await fx.store.watchList(), []);
  });

  it('still answers the read-only calls', async () => {
    assert.equal((await fx.fetch('/api/providers')).status, 200);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
