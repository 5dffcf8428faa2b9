import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { testStoreKind } from '../helpers/test-database.js';
import { event, parsed, provider, report, scrape, URN } from './builders.js';
import { TestStores } from './test-stores.js';

// What the dashboard's lists show per provider, from a handful of queries.

const stores = new TestStores();
afterEach(() => stores.cleanup());

describe(`Store.listProviderSummaries on ${testStoreKind()}`, () => {
  it('gives each provider its newest graded inspection, newest inspection of any kind and last rating move', async () => {
    const store = await stores.open();
    await store.watchAdd([URN, 'SC999999']);
    await store.recordScrape(
      scrape({
        reports: [
          report('1', '2019-02-01', parsed('2019-01-08', { overall: 'good' })),
          report('2', '2019-11-27', parsed('2019-10-29', { overall: 'inadequate', inspectionEnd: '2019-10-30' })),
          report('3', '2020-03-01', parsed('2020-02-20', { kind: 'childrens-home-monitoring', overall: null, judgements: [] })),
        ],
        events: [
          event('e1', { type: 'rating-declined', from: 'good', to: 'inadequate', at: '2019-11-28T06:00:00.000Z' }),
          event('e2', { type: 'report-published', at: '2020-03-02T06:00:00.000Z' }),
        ],
      }),
    );
    await store.recordScrape(scrape({ provider: provider({ urn: '123456', owner: 'Someone Else' }) }));

    const summaries = await store.listProviderSummaries();
    assert.deepEqual(summaries.map((s) => s.urn), ['123456', 'SC036243', 'SC999999']);
    const home = summaries.find((s) => s.urn === URN)!;
    assert.equal(home.watched, true);
    assert.equal(home.owner, 'Derby City Council');
    assert.deepEqual(home.latestGraded, { kind: 'childrens-home-full', inspectionStart: '2019-10-29', inspectionEnd: '2019-10-30', overall: 'inadequate', fileId: '2' });
    assert.deepEqual(home.lastInspection, { kind: 'childrens-home-monitoring', inspectionStart: '2020-02-20', fileId: '3' });
    assert.equal(home.lastChange?.type, 'rating-declined', 'a report published is not a move');
    assert.equal(home.lastChange?.to, 'inadequate');

    const unscraped = summaries.find((s) => s.urn === 'SC999999')!;
    assert.equal(unscraped.watched, true, 'watched but never scraped still listed');
    assert.equal(unscraped.latestGraded, null);
    assert.equal(summaries.find((s) => s.urn === '123456')!.watched, false);
  });
});
