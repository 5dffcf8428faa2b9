import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { testStoreKind } from '../helpers/test-database.js';
import { event, parsed, report, scrape, URN } from './builders.js';
import { TestStores } from './test-stores.js';

// Events a report arriving out of order no longer lets stand, and events that restate what one of them told
// (src/monitor/detect-changes.ts decides which; the store keeps the marks, in the scrape's transaction).

const stores = new TestStores();
afterEach(() => stores.cleanup());

const declined = (id: string, inspectionDate: string, more = {}) =>
  event(id, { type: 'rating-declined', from: 'good', to: 'inadequate', inspectionDate, fileId: id.replace(/\D/g, ''), ...more });

describe(`event supersession on ${testStoreKind()}`, () => {
  it('marks a superseded event once and keeps it listed; made anew, it stands again without being raised twice', async () => {
    const store = await stores.open();
    await store.recordScrape(scrape({ events: [declined('e1', '2019-10-29')] }));

    assert.deepEqual(await store.recordScrape(scrape({ superseded: [{ id: 'e1', by: '200' }] })), []);
    assert.equal((await store.getEvent('e1'))?.supersededBy, '200');
    await store.recordScrape(scrape({ superseded: [{ id: 'e1', by: '300' }] }));
    assert.equal((await store.getEvent('e1'))?.supersededBy, '200', 'the first report to supersede it is kept');
    assert.deepEqual((await store.listEvents()).map((e) => e.id), ['e1'], 'still listed: it may have been sent');

    assert.deepEqual(await store.recordScrape(scrape({ events: [declined('e1', '2019-10-29')] })), [], 'not raised again');
    assert.deepEqual(await store.getEvent('e1'), declined('e1', '2019-10-29'), 'stands again, and reads as CONTRACT shows an event');
  });

  it('stores a restatement with its alerts planned, so the outbox never picks it up', async () => {
    const store = await stores.open();
    const restated = declined('e2', '2019-10-29', { from: 'requires-improvement', restates: 'e1' });
    const raised = await store.recordScrape(scrape({ events: [declined('e1', '2019-06-04'), restated], superseded: [] }));
    assert.deepEqual(raised.map((e) => e.id), ['e1', 'e2']);
    assert.equal((await store.getEvent('e2'))?.restates, 'e1');
    assert.deepEqual((await store.listUnplannedEvents(10)).map((e) => e.id), ['e1']);
  });

  it("gives a provider's last change from its newest inspection, leaving superseded events out", async () => {
    const store = await stores.open();
    await store.recordScrape(
      scrape({
        reports: [report('1', '2019-02-01', parsed('2019-01-08')), report('3', '2020-01-08', parsed('2019-12-10', { overall: 'requires-improvement' }))],
        events: [declined('e3', '2019-12-10', { to: 'requires-improvement' }), declined('e9', '2020-06-01', { to: 'requires-improvement' })],
        superseded: [],
      }),
    );
    await store.recordScrape(scrape({ superseded: [{ id: 'e9', by: '2' }] }));
    // A report inspected in October arrives after December's was compared: its move is raised last.
    await store.recordScrape(scrape({ reports: [report('2', '2019-11-27', parsed('2019-10-29', { overall: 'inadequate' }))], events: [declined('e2', '2019-10-29')] }));
    const home = (await store.listProviderSummaries()).find((s) => s.urn === URN)!;
    assert.deepEqual([home.lastChange?.to, home.lastChange?.inspectionDate], ['requires-improvement', '2019-12-10']);
  });
});
