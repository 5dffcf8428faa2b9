import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { startApi, type ApiQueues } from '../../src/api/index.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { OfstedMonitorError } from '../../src/errors.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { jobSettingsFromConfig } from '../../workers/job-options.js';
import { daemonSchedulers } from '../../workers/schedule-keeper.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';

/** An IPv4 address of this machine other than loopback, to knock on from "outside"; undefined when it has none. */
function networkAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

describe('startApi', () => {
  let redis: TestRedis;
  let db: TestDatabase;
  let store: Store;
  let connection: Redis;
  let queues: ApiQueues;

  before(async () => {
    redis = await startTestRedis();
    db = await testDatabaseUrl();
    store = await openStore(db.url);
    connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const prefix = `apistart-${process.pid}-${Date.now()}`;
    const q = (name: string) => new Queue(name, { connection, prefix });
    queues = { sweep: q('s'), provider: q('p'), report: q('r'), notify: q('n') };
    // /health answers 200 only with the job schedulers in Redis, as a daemon with the scheduler leaves them.
    const config = loadConfig({ DATABASE_URL: db.url });
    for (const s of daemonSchedulers(queues, config, jobSettingsFromConfig(config))) await s.upsert();
  });
  after(async () => {
    for (const q of Object.values(queues)) {
      // Leave nothing behind in a shared CI Redis.
      await q.obliterate({ force: true });
      await q.close();
    }
    connection.disconnect();
    await store.close();
    await db.cleanup();
    await redis.stop();
  });

  it('listens on config.PORT on loopback only by default: not reachable on the machine\'s network address', async (t) => {
    const config = loadConfig({ PORT: '0', DATABASE_URL: db.url });
    const api = await startApi({ config, logger: pino({ level: 'silent' }), store, queues, redis: connection });
    try {
      assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await fetch(`${api.url}/health`)).status, 200);
      const outside = networkAddress();
      if (!outside) return t.skip('this machine has no non-loopback IPv4 address to try from');
      await assert.rejects(fetch(`http://${outside}:${new URL(api.url).port}/health`), 'refused on the network address');
    } finally {
      await api.close();
    }
  });

  it('listens on every interface with HOST=0.0.0.0 (the image\'s setting) and still returns a URL that can be dialled', async (t) => {
    const outside = networkAddress();
    if (!outside) return t.skip('this machine has no non-loopback IPv4 address to try from');
    const config = loadConfig({ HOST: '0.0.0.0', PORT: '0', DATABASE_URL: db.url });
    const api = await startApi({ config, logger: pino({ level: 'silent' }), store, queues, redis: connection });
    try {
      assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await fetch(`http://${outside}:${new URL(api.url).port}/health`)).status, 200);
    } finally {
      await api.close();
    }
  });

  it('refuses a HOST that is not an address, naming the variable and not the value', () => {
    for (const HOST of ['example.com', '127.1', '0.0.0.0:3000']) {
      assert.throws(() => loadConfig({ HOST }), (error: Error) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /^bad configuration: HOST must be an IP address/);
        assert.ok(!error.message.includes(HOST));
        return true;
      });
    }
  });

  it('fails with one line naming the address and PORT when the port is taken, and leaves nothing open', async () => {
    const config = loadConfig({ DATABASE_URL: db.url });
    const deps = { config, logger: pino({ level: 'silent' }), store, queues, redis: connection };
    const first = await startApi({ ...deps, listen: { host: '127.0.0.1', port: 0 } });
    try {
      const port = Number(new URL(first.url).port);
      await assert.rejects(startApi({ ...deps, listen: { host: '127.0.0.1', port } }), (error: Error) => {
        assert.ok(error instanceof OfstedMonitorError);
        assert.equal(error.message, `the HTTP API cannot listen on 127.0.0.1:${port} (EADDRINUSE): set PORT to a free port`);
        return true;
      });
      assert.equal((await fetch(`${first.url}/health`)).status, 200, 'the first API is unharmed');
    } finally {
      await first.close();
    }
  });

  it('closes idempotently and then refuses connections, leaving the store and queues open for the caller', async () => {
    const config = loadConfig({ DATABASE_URL: db.url });
    const api = await startApi({
      config,
      logger: pino({ level: 'silent' }),
      store,
      queues,
      redis: connection,
      listen: { host: '127.0.0.1', port: 0 },
    });
    await Promise.all([api.close(), api.close()]);
    await api.close();
    await assert.rejects(fetch(`${api.url}/health`));
    await store.ping();
    assert.equal(typeof (await queues.provider.getJobCounts()).waiting, 'number');
  });
});
