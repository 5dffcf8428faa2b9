import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testStoreKind } from '../helpers/test-database.js';
import { parsed, provider, report, scrape } from './builders.js';
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
    const before = await stores.openUrl(url);
    await before.recordScrape(
      scrape({
        provider: provider({ urn: 'SC000021' }),
        reports: [
          report('a', '2019-02-01', parsed('2019-01-08', { urn: 'SC000021', overall: 'good' }), 'SC000021'),
          report('b', '2019-11-27', parsed('2019-10-29', { urn: 'SC000021', overall: 'inadequate' }), 'SC000021'),
          report('c', '2020-03-01', parsed('2020-02-20', { urn: 'SC000021', kind: 'childrens-home-monitoring', overall: null, judgements: [] }), 'SC000021'),
        ],
      }),
    );
    await before.recordScrape(scrape({ provider: provider({ urn: 'SC000022' }), reports: [report('d', '2018-04-01', parsed('2018-03-13', { urn: 'SC000022', overall: 'outstanding' }), 'SC000022')] }));
    await before.watchAdd(['SC000021', 'SC000022', 'SC000023']);
    await before.close();

    // What a database of the release before looks like: no table, 0010 not applied.
    const db = rawKysely(url);
    try {
      await db.schema.dropTable('provider_latest').execute();
      await db.deleteFrom('kysely_migration').where('name', '=', '0010-provider-latest').execute();
      assert.equal(Number((await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(db)).rows[0]!.n), 8);
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
