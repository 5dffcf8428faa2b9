import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator } from 'kysely';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { testStoreKind } from '../helpers/test-database.js';
import { URN, event, scrape } from './builders.js';
import { rawKysely } from './raw-kysely.js';
import { TestStores } from './test-stores.js';

// Upgrading a database an older release left behind to the alerts schema, on the store this run tests.

const KIND = testStoreKind();
const stores = new TestStores();
afterEach(() => stores.cleanup());

const T0 = '2025-06-01T06:00:00.000Z';

describe(`0003-alerts migration on ${KIND}`, () => {
  it('counts events stored before alerts existed as planned, so an upgrade mails nobody about old events', async () => {
    const { url } = await stores.freshDatabase();
    const db = rawKysely(url);
    try {
      const migrator = new Migrator({ db, provider: migrationProvider(KIND) });
      const { error } = await migrator.migrateTo('0002-report-texts');
      assert.equal(error, undefined);
      await db
        .insertInto('events')
        .values({ id: 'old', urn: URN, type: 'rating-declined', at: T0, summary: 'old decline', backfill: 0 })
        .execute();
    } finally {
      await db.destroy();
    }

    const store = await stores.openUrl(url);
    assert.deepEqual(await store.listUnplannedEvents(10), []);
    assert.deepEqual(
      (await store.listEvents()).map((e) => e.id),
      ['old'],
    );
    await store.recordScrape(scrape({ events: [event('new')] }));
    assert.deepEqual(
      (await store.listUnplannedEvents(10)).map((e) => e.id),
      ['new'],
    );
  });
});
