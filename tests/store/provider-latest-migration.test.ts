import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Migrator } from 'kysely';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { testStoreKind } from '../helpers/test-database.js';
import { rawKysely } from './raw-kysely.js';
import { TestStores } from './test-stores.js';

// Upgrading to 0010: a store written before provider_latest existed gets it filled from its inspections,
// so the watchlist's grade filter and sorts are right from the first request after the upgrade.

const KIND = testStoreKind();
const stores = new TestStores();
afterEach(() => stores.cleanup());

describe(`0010-provider-latest migration on ${KIND}`, () => {
  it('fills provider_latest from the inspections already stored', async () => {
    const { url } = await stores.freshDatabase();
    // A database as the release before left it: migrated to 0009, holding reports and inspections.
    const db = rawKysely(url);
    try {
      const { error } = await new Migrator({ db, provider: migrationProvider(KIND) }).migrateTo('0009-event-supersession');
      assert.equal(error, undefined);
      for (const urn of ['SC000021', 'SC000022']) {
        await db.insertInto('providers').values({ urn, category: 'CARE', url: `http://127.0.0.1/provider/CARE/${urn}` }).execute();
      }
      const reports: [file: string, urn: string, kind: string, start: string, overall: string | null][] = [
        ['a', 'SC000021', 'childrens-home-full', '2019-01-08', 'good'],
        ['b', 'SC000021', 'childrens-home-full', '2019-10-29', 'inadequate'],
        ['c', 'SC000021', 'childrens-home-monitoring', '2020-02-20', null],
        ['d', 'SC000022', 'childrens-home-full', '2018-03-13', 'outstanding'],
      ];
      for (const [file_id, urn, kind, inspection_start, overall] of reports) {
        await db
          .insertInto('reports')
          .values({ file_id, urn, url: `http://127.0.0.1/v1/file/${file_id}`, title: file_id, parser_version: '1', status: 'parsed', kind, inspection_start, overall, fetched_at: '2025-06-01T06:00:00.000Z' })
          .execute();
        await db.insertInto('inspections').values({ urn, kind, inspection_start, file_id }).execute();
      }
      for (const urn of ['SC000021', 'SC000022', 'SC000023']) await db.insertInto('watchlist').values({ urn, added_at: '2025-06-01T06:00:00.000Z' }).execute();
    } finally {
      await db.destroy();
    }

    const store = await stores.openUrl(url);
    const urns = async (q: Partial<Parameters<typeof store.watchedProviderSummaries>[0]>) =>
      (await store.watchedProviderSummaries({ sort: 'urn', offset: 0, limit: 10, ...q })).items.map((s) => s.urn);
    assert.deepEqual(await urns({ grade: 'inadequate' }), ['SC000021'], 'the newest graded inspection, not the later monitoring visit');
    assert.deepEqual(await urns({ grade: 'outstanding' }), ['SC000022']);
    assert.deepEqual(await urns({ grade: 'none' }), ['SC000023']);
    assert.deepEqual(await urns({ sort: 'inspected' }), ['SC000021', 'SC000022', 'SC000023']);
    assert.deepEqual(await urns({ sort: 'grade' }), ['SC000021', 'SC000022', 'SC000023']);
  });
});
