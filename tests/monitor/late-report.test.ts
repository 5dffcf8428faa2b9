import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { scrapeProvider, type ScrapeDeps } from '../../src/monitor/scrape-provider.js';
import type { ChangeEvent } from '../../src/ofsted/types.js';
import { OfstedSite } from '../../src/ofsted/site/ofsted-site.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

// SC036243 was rated Good in January 2019, Inadequate in October, Requires improvement in December. When the
// October report cannot be fetched on the sweep that finds both, December's is compared with January's; the
// October report, arriving on the next sweep, must still raise its decline, and the events that stand must be
// those of a sweep that read both in order.

const URN = 'SC036243';

describe('a report that arrives a sweep after a newer one', () => {
  let site: FakeOfsted;
  let ofsted: OfstedSite;
  const opened: Array<{ store: Store; db: TestDatabase }> = [];
  let october = '';
  let december = '';

  const depsFor = async (): Promise<ScrapeDeps & { store: Store }> => {
    const db = await testDatabaseUrl();
    const store = await openStore(db.url);
    opened.push({ store, db });
    // manual: tried at once, as `scrape <URN>` does, rather than after the retry backoff.
    return { site: ofsted, store, logger: pino({ level: 'silent' }), manual: true };
  };
  const standing = async (store: Store) =>
    (await store.listEvents({ urn: URN }))
      .filter((e) => !e.backfill && !e.supersededBy)
      .map((e) => [e.type, e.from, e.to, e.fileId].join(' | '))
      .sort();
  const moves = (events: ChangeEvent[]) => events.filter((e) => e.type !== 'report-published').map((e) => [e.type, e.from, e.to, e.fileId, e.restates ?? null]);

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    ofsted = new OfstedSite({ reportsOrigin: site.reportsUrl, filesOrigin: site.filesUrl, userAgent: 'test', timeoutMs: 10_000, attempts: 2, backoffMs: 10, maxPdfBytes: 25e6, chromiumPath: '/usr/bin/chromium' });
    const reports = site.scenario.provider(URN)!.reports;
    october = reports.find((r) => r.inspectionStart === '2019-10-29')!.fileId;
    december = reports.find((r) => r.inspectionStart === '2019-12-10')!.fileId;
  });
  after(async () => {
    await ofsted.close();
    for (const { store, db } of opened) {
      await store.close();
      await db.cleanup();
    }
    await site.close();
  });

  it('raises its decline, supersedes the comparison it falls into, and leaves standing what an in-order sweep would', async () => {
    const late = await depsFor();
    const inOrder = await depsFor();
    site.setNow('2019-09-30');
    await scrapeProvider(URN, late);
    await scrapeProvider(URN, inOrder);

    site.setNow('2020-01-31');
    site.setFault({ fileId: october }, { kind: 'status', status: 503 });
    // The 503 is transport damage: October is stored to be tried again, December is read meanwhile.
    const damaged = await scrapeProvider(URN, late);
    assert.deepEqual(damaged.retrying.map((r) => r.fileId), [october]);
    const [told] = (await late.store.listEvents({ urn: URN })).filter((e) => e.type === 'rating-declined');
    assert.deepEqual([told?.from, told?.to, told?.fileId], ['good', 'requires-improvement', december], 'December compared with January meanwhile');

    site.clearFaults();
    const next = await scrapeProvider(URN, late);
    assert.deepEqual(moves(next.events), [
      ['rating-declined', 'good', 'inadequate', october, null],
      ['rating-improved', 'inadequate', 'requires-improvement', december, null],
    ]);
    assert.equal((await late.store.getEvent(told!.id))?.supersededBy, october);

    await scrapeProvider(URN, inOrder);
    assert.deepEqual(await standing(late.store), await standing(inOrder.store));
    assert.deepEqual((await scrapeProvider(URN, late)).events, [], 'a further sweep raises nothing');
  });
});
