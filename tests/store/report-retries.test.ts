import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { parseDatabaseUrl } from '../../src/store/open-store.js';
import type { StoredReport } from '../../src/store/store.js';
import { testStoreKind } from '../helpers/test-database.js';
import { URN, parsed, provider, report, scrape } from './builders.js';
import { TestStores } from './test-stores.js';

// The store's side of report retries: each unread report's failure class, attempts, retry time and baseline
// flag, the daemon's question "which watched providers have a report due?", and the upgrade of failed
// reports stored before retries existed. On the store this run tests (TEST_STORE).

const KIND = testStoreKind();
const stores = new TestStores();
afterEach(() => stores.cleanup());

const NOW = '2025-06-01T12:00:00.000Z';
const unread = (fileId: string, o: Partial<StoredReport>, urn = URN): StoredReport => ({ ...report(fileId, '2025-05-01', null, urn), ...o });

describe(`report retries on ${KIND}`, () => {
  it('keeps each unread report\'s failure, attempts, retry time and baseline flag, and clears them once it is read', async () => {
    const store = await stores.open();
    const waiting = unread('1', { failure: 'transport', attempts: 2, retryAt: '2025-06-01T13:00:00.000Z', backfill: true });
    await store.recordScrape(scrape({ reports: [waiting] }));
    assert.deepEqual(await store.getReport('1'), waiting);
    assert.deepEqual(await store.listReportStates(URN), [
      { fileId: '1', parsed: false, failure: 'transport', attempts: 2, retryAt: '2025-06-01T13:00:00.000Z', sha256: null, parserVersion: '1', backfill: true },
    ]);

    await store.recordScrape(scrape({ reports: [{ ...report('1', '2025-05-01', parsed('2025-04-20')), failure: 'transport', attempts: 2, retryAt: NOW }] }));
    const [state] = await store.listReportStates(URN);
    assert.deepEqual([state?.parsed, state?.failure, state?.attempts, state?.retryAt], [true, null, 0, null]);
  });

  it('lists watched providers with a report due: by its retry time, or given up under another parser version', async () => {
    const store = await stores.open();
    const urns = ['SC000001', 'SC000002', 'SC000003', 'SC000004', 'SC000005', 'SC000006'];
    await store.watchAdd(urns);
    const rows: Array<[string, Partial<StoredReport>]> = [
      ['SC000001', { failure: 'transport', attempts: 1, retryAt: '2025-06-01T11:00:00.000Z' }], // due
      ['SC000002', { failure: 'transport', attempts: 1, retryAt: '2025-06-01T13:00:00.000Z' }], // not yet
      ['SC000003', { failure: 'unreadable', attempts: 3, retryAt: null, parserVersion: '1' }], // given up by v1: due under v2
      ['SC000004', { failure: 'unreadable', attempts: 3, retryAt: null, parserVersion: '2' }], // given up by v2 itself
      ['SC000005', { failure: 'withdrawn', attempts: 1, retryAt: null }], // never
      ['SC000006', { failure: null, retryAt: '2025-06-01T10:00:00.000Z' }], // due (an upgraded old row)
    ];
    for (const [urn, o] of rows) {
      await store.recordScrape(scrape({ provider: provider({ urn }), reports: [unread(`f-${urn}`, o, urn)] }));
    }
    // Not watched: left to whoever scrapes it by hand.
    await store.recordScrape(scrape({ provider: provider({ urn: 'SC000009' }), reports: [unread('f-9', { failure: 'transport', attempts: 1, retryAt: '2025-06-01T09:00:00.000Z' }, 'SC000009')] }));

    assert.deepEqual(await store.listReportRetriesDue({ now: NOW, parserVersion: '2', limit: 10 }), [
      { urn: 'SC000006', retryAt: '2025-06-01T10:00:00.000Z' },
      { urn: 'SC000001', retryAt: '2025-06-01T11:00:00.000Z' },
      { urn: 'SC000003', retryAt: null },
    ]);
    assert.deepEqual(await store.listReportRetriesDue({ now: NOW, parserVersion: '2', limit: 1 }), [{ urn: 'SC000006', retryAt: '2025-06-01T10:00:00.000Z' }]);
    assert.deepEqual((await store.listReportRetriesDue({ now: NOW, parserVersion: '1', limit: 10 })).map((d) => d.urn), ['SC000006', 'SC000001', 'SC000004']);
  });

  it('upgrades failed reports stored before retries: due now, in the baseline when fetched by it, and their page read again', async () => {
    const { url } = await stores.freshDatabase();
    const db = rawKysely(url);
    try {
      const { error } = await new Migrator({ db, provider: migrationProvider(KIND) }).migrateTo('0005-reference-snapshots');
      assert.equal(error, undefined);
      await db
        .insertInto('providers')
        .values({ urn: URN, category: 'CARE', url: 'http://x/provider', first_scraped_at: '2025-01-10T06:00:05.000Z', last_scraped_at: NOW, page_hash: 'abc' })
        .execute();
      const row = (fileId: string, status: string, fetchedAt: string) => ({
        file_id: fileId, urn: URN, url: `http://x/${fileId}`, title: 'Full inspection', parser_version: '1', status, fetched_at: fetchedAt,
      });
      await db
        .insertInto('reports')
        .values([
          row('in-baseline', 'failed', '2025-01-10T06:00:01.000Z'),
          row('later', 'failed', '2025-03-01T06:00:01.000Z'),
          row('read', 'parsed', '2025-01-10T06:00:02.000Z'),
        ])
        .execute();
    } finally {
      await db.destroy();
    }

    const store = await stores.openUrl(url);
    const states = new Map((await store.listReportStates(URN)).map((s) => [s.fileId, s]));
    assert.deepEqual(
      ['in-baseline', 'later', 'read'].map((id) => { const s = states.get(id)!; return [id, s.failure, s.attempts, s.retryAt, s.backfill]; }),
      [
        ['in-baseline', null, 0, '2025-01-10T06:00:01.000Z', true],
        ['later', null, 0, '2025-03-01T06:00:01.000Z', false],
        ['read', null, 0, null, false],
      ],
    );
    assert.equal((await store.getProviderState(URN))?.pageHash, null);
  });
});

/** A bare Kysely on a test database, to build the schema as an older release left it. */
function rawKysely(url: string): Kysely<any> {
  const target = parseDatabaseUrl(url);
  if (target.kind === 'postgres') return new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 1 }) }) });
  return new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(target.path) }) });
}
