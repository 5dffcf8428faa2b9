import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';
import type { FakeOfsted } from '../../../tools/fake-ofsted/index.js';
import { testDatabaseUrl, type TestDatabase } from '../../helpers/test-database.js';
import { DaemonProcess } from './daemon-process.js';
import { inspectQueues, uniquePrefix } from './queue-fixture.js';

export interface DaemonWorldOptions {
  site: FakeOfsted;
  redisUrl: string;
  /** Names the queue prefix, so a test's keys are recognisable in Redis. */
  name: string;
  /** URNs on the watchlist from the start. */
  watch?: readonly string[];
  /** The test's own settings, on top of the ones every daemon here needs. */
  env?: Record<string, string>;
}

/** What a daemon under test works with, and a way to start it as users do. */
export interface DaemonWorld {
  db: TestDatabase;
  store: Store;
  queues: ReturnType<typeof inspectQueues>;
  /** DATABASE_URL, REDIS_URL, QUEUE_PREFIX, the local site's origins and PORT=0, then the test's own. */
  env: Record<string, string>;
  /** The compiled daemon as a child process with `env` (and `overrides`); killed by close() if still running. */
  start(overrides?: Record<string, string>): DaemonProcess;
  /** Kill what start() left running, close the queues and the store, drop the database. */
  close(): Promise<void>;
}

/**
 * A fresh database (TEST_STORE decides which kind) and a queue prefix of its own on a shared Redis and
 * local Ofsted site: the surroundings of every daemon test.
 */
export async function startDaemonWorld(o: DaemonWorldOptions): Promise<DaemonWorld> {
  const db = await testDatabaseUrl();
  const store = await openStore(db.url);
  if (o.watch?.length) await store.watchAdd(o.watch);
  const prefix = uniquePrefix(o.name);
  const queues = inspectQueues(o.redisUrl, prefix);
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: o.redisUrl,
    QUEUE_PREFIX: prefix,
    OFSTED_REPORTS_URL: o.site.reportsUrl,
    OFSTED_FILES_URL: o.site.filesUrl,
    PORT: '0',
    // No schedule fires by the calendar in a test (the weekly full sweep fell on a Sunday 03:00 run); a test
    // that wants one sets it.
    SCRAPE_SCHEDULE: '0 0 1 1 *',
    FULL_SWEEP_SCHEDULE: '0 0 1 1 *',
    ...o.env,
  };
  const daemons: DaemonProcess[] = [];
  return {
    db,
    store,
    queues,
    env,
    start(overrides = {}) {
      const daemon = DaemonProcess.start({ ...env, ...overrides });
      daemons.push(daemon);
      return daemon;
    },
    async close() {
      for (const d of daemons) await d.stop('SIGKILL').catch(() => undefined);
      await queues.close();
      await store.close();
      await db.cleanup();
    },
  };
}
