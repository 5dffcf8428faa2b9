import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { OfstedMonitorError } from '../../src/errors.js';
import { openStore, type OpenStoreOptions } from '../../src/store/open-store.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import { freshPostgresDatabase, testPostgresUrl, type TestDatabase } from '../helpers/test-database.js';
import { URN, event, parsed, provider, report, scrape } from './builders.js';

// What only PostgreSQL has: a server shared by many processes, a pool, locales, timeouts. These run
// whenever TEST_POSTGRES_URL names a server (CI always sets it), whatever TEST_STORE says.

const SERVER = testPostgresUrl();
const skip = SERVER ? false : 'TEST_POSTGRES_URL is not set';

let databases: TestDatabase[] = [];
let opened: Store[] = [];
let clients: pg.Client[] = [];

beforeEach(() => {
  databases = [];
  opened = [];
  clients = [];
});

afterEach(async () => {
  for (const client of clients) await client.end().catch(() => undefined);
  for (const store of opened) await store.close().catch(() => undefined);
  for (const database of databases) await database.cleanup();
});

async function database(options = ''): Promise<TestDatabase> {
  const created = await freshPostgresDatabase(options);
  databases.push(created);
  return created;
}

async function open(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const store = await openStore(url, options);
  opened.push(store);
  return store;
}

/** A plain pg connection to look at the database from outside the store. */
async function peek(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

describe('openStore with postgres:// (PostgreSQL-only: the server)', { skip }, () => {
  it('returns a migrated PostgresStore and records each migration once', async () => {
    const { url } = await database();
    const store = await open(url);
    assert.ok(store instanceof PostgresStore);
    await store.migrate();
    const client = await peek(url);
    const { rows } = await client.query<{ name: string }>('select name from kysely_migration order by name');
    assert.deepEqual(
      rows.map((r) => r.name),
      ['0001-initial', '0002-report-texts', '0003-alerts', '0004-page-hash', '0005-reference-snapshots', '0006-report-retries', '0008-list-indexes', '0009-event-supersession', '0010-provider-latest', '0011-discovery', '0012-webhook-secrets'],
    );
  });

  it('lets several daemons starting at once migrate the same new database without error', async () => {
    const { url } = await database();
    const stores = await Promise.all([open(url), open(url), open(url)]);
    assert.deepEqual(await Promise.all(stores.map((s, i) => s.watchAdd([`SC00000${i}`]))), [1, 1, 1]);
    assert.equal((await stores[0]!.watchList()).length, 3);
  });

  it('says which database is missing without showing the password', async () => {
    const url = new URL(SERVER!);
    url.username = 'postgres';
    url.password = 'not-shown-9f2';
    url.pathname = '/om_test_no_such_database';
    await assert.rejects(open(url.toString()), (error: unknown) => {
      assert.ok(error instanceof OfstedMonitorError);
      const message = (error as Error).message;
      assert.match(message, /^cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@.*om_test_no_such_database: /);
      assert.match(message, /does not exist/);
      assert.doesNotMatch(message, /not-shown-9f2/);
      return true;
    });
  });
});

describe('PostgresStore schema (PostgreSQL-only: column types and collation)', { skip }, () => {
  it('keeps report text in bytea, numbers events with an identity column and collates text "C"', async () => {
    const { url } = await database();
    const store = await open(url);
    const pages = ['page one\u0000with a NUL', 'page two ’quoted’'];
    await store.recordScrape(scrape({ reports: [{ ...report('100', '2019-11-20', parsed('2019-10-29')), pages }] }));
    assert.deepEqual(await store.getReportPages('100'), pages);

    const client = await peek(url);
    const columns = await client.query<{ table_name: string; column_name: string; data_type: string; is_identity: string; collation_name: string | null }>(
      `select table_name, column_name, data_type, is_identity, collation_name from information_schema.columns
       where table_schema = 'public' and table_name not like 'kysely%'`,
    );
    const column = (table: string, name: string) => columns.rows.find((c) => c.table_name === table && c.column_name === name);
    assert.equal(column('report_texts', 'pages_gz')?.data_type, 'bytea');
    assert.equal(column('events', 'seq')?.is_identity, 'YES');
    const text = columns.rows.filter((c) => c.data_type === 'text');
    assert.ok(text.length >= 30, `found ${text.length} text columns`);
    assert.deepEqual(
      text.filter((c) => c.collation_name !== 'C').map((c) => `${c.table_name}.${c.column_name}`),
      [],
    );
  });

  it('orders and compares like SQLite on a database whose locale sorts "a" before "B"', async () => {
    const { url } = await database("locale_provider icu icu_locale 'en' template template0");
    const client = await peek(url);
    const locale = await client.query<{ x: string }>("select x from (values ('a'), ('B')) v(x) order by x");
    assert.deepEqual(
      locale.rows.map((r) => r.x),
      ['a', 'B'],
      'the database itself sorts by locale',
    );

    const store = await open(url);
    for (const urn of ['a-lower', 'B-upper', 'SC000002']) await store.recordScrape(scrape({ provider: provider({ urn }) }));
    assert.deepEqual(
      (await store.listProviders()).map((p) => p.urn),
      ['B-upper', 'SC000002', 'a-lower'],
    );
    await store.recordScrape(
      scrape({
        events: [event('day', { at: '2025-03-01T00:00:00.000Z' }), event('before', { at: '2025-02-28T23:59:59.000Z' })],
      }),
    );
    assert.deepEqual(
      (await store.listEvents({ since: '2025-03-01' })).map((e) => e.id),
      ['day'],
    );
  });
});

describe('PostgresStore shared by several workers (PostgreSQL-only: separate pools on one server)', { skip }, () => {
  it('stores a scrape recorded by four workers at once once, and returns each event to one of them', async () => {
    const { url } = await database();
    const workers = await Promise.all([open(url), open(url), open(url), open(url)]);
    for (let round = 0; round < 5; round += 1) {
      const urn = `SC20000${round}`;
      const record = scrape({
        provider: provider({ urn }),
        reports: [
          report(`${round}-1`, '2019-11-20', parsed('2019-10-29', { urn }), urn),
          report(`${round}-2`, '2021-04-01', parsed('2021-03-01', { urn }), urn),
        ],
        events: [event(`${round}-e1`, { urn }), event(`${round}-e2`, { urn, type: 'rating-declined' })],
      });
      const results = await Promise.all(workers.map((w) => w.recordScrape(record)));
      assert.deepEqual(
        results
          .flat()
          .map((e) => e.id)
          .sort(),
        [`${round}-e1`, `${round}-e2`],
        `round ${round}`,
      );
      assert.deepEqual(
        (await workers[0]!.history(urn)).map((h) => h.fileId),
        [`${round}-1`, `${round}-2`],
      );
    }
    assert.equal((await workers[1]!.listEvents()).length, 10);
  });

  it('keeps the newest report of an inspection when an original and its amendment are stored at once', async () => {
    const { url } = await database();
    const [one, two] = await Promise.all([open(url), open(url)]);
    for (let round = 0; round < 6; round += 1) {
      const urn = `SC30000${round}`;
      const original = scrape({ provider: provider({ urn }), reports: [report(`${round}-a`, '2019-11-20', parsed('2019-10-29', { urn }), urn)] });
      const amended = scrape({
        provider: provider({ urn }),
        reports: [report(`${round}-b`, '2019-12-05', parsed('2019-10-29', { urn, overall: 'inadequate' }), urn)],
      });
      const pair = round % 2 === 0 ? [one!.recordScrape(original), two!.recordScrape(amended)] : [one!.recordScrape(amended), two!.recordScrape(original)];
      await Promise.all(pair);
      assert.deepEqual(
        (await one!.history(urn)).map((h) => h.fileId),
        [`${round}-b`],
        `round ${round}`,
      );
    }
  });
});

describe('PostgresStore connections (PostgreSQL-only: pool, timeouts, dropped connections)', { skip }, () => {
  it('opens at most poolSize connections however many calls run at once', async () => {
    const { url } = await database();
    const store = await open(url, { poolSize: 2 });
    const name = new URL(url).pathname.slice(1);
    const client = await peek(url);
    let most = 0;
    const calls = Array.from({ length: 12 }, (_, i) => store.recordScrape(scrape({ provider: provider({ urn: `SC4${String(i).padStart(5, '0')}` }) })));
    const watching = (async () => {
      for (let i = 0; i < 20; i += 1) {
        const { rows } = await client.query<{ n: number }>(
          "select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = 'ofsted-monitor'",
          [name],
        );
        most = Math.max(most, rows[0]!.n);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await Promise.all([...calls, watching]);
    assert.ok(most >= 1 && most <= 2, `saw ${most} connections`);
    assert.equal((await store.listProviders()).length, 12);
  });

  it('gives up on a statement stuck behind a lock after statementTimeoutMs instead of hanging', async () => {
    const { url } = await database();
    const store = await open(url, { statementTimeoutMs: 300 });
    const holder = await peek(url);
    await holder.query('begin');
    await holder.query('lock table watchlist in access exclusive mode');
    const started = Date.now();
    await assert.rejects(store.watchAdd([URN]), /statement timeout/);
    const waited = Date.now() - started;
    assert.ok(waited >= 250 && waited < 5000, `waited ${waited} ms`);
    await holder.query('rollback');
    assert.equal(await store.watchAdd([URN]), 1, 'the store works again once the lock is gone');
  });

  it('survives the server dropping its idle connections: the next call reconnects', async () => {
    const { url } = await database();
    const idleErrors: Error[] = [];
    const store = await open(url, { onIdleError: (error) => idleErrors.push(error) });
    await store.watchAdd([URN]);
    const admin = await peek(url);
    const { rowCount } = await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = 'ofsted-monitor'",
      [new URL(url).pathname.slice(1)],
    );
    assert.ok((rowCount ?? 0) >= 1, 'the store held a connection to drop');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(idleErrors.length >= 1, 'the dropped connection was reported');
    assert.deepEqual(
      (await store.watchList()).map((w) => w.urn),
      [URN],
    );
  });
});
