import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { readProviderListing, scrapeProvider, type ScrapeDeps } from '../../src/monitor/scrape-provider.js';
import { OfstedSite } from '../../src/ofsted/site/ofsted-site.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

// A sweep re-reads thousands of pages that have not changed. Once everything a page lists is stored,
// the same content is not parsed again; anything new, or anything not yet stored, is.

const URN = 'SC036243';

describe('a provider page whose content has not changed', () => {
  let site: FakeOfsted;
  let db: TestDatabase;
  let store: Store;
  let ofsted: OfstedSite;
  let deps: ScrapeDeps;

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    db = await testDatabaseUrl();
    store = await openStore(db.url);
    ofsted = new OfstedSite({ reportsOrigin: site.reportsUrl, filesOrigin: site.filesUrl, userAgent: 'test', timeoutMs: 10_000, attempts: 2, backoffMs: 10, maxPdfBytes: 25e6, chromiumPath: '/usr/bin/chromium' });
    deps = { site: ofsted, store, logger: pino({ level: 'silent' }) };
  });
  after(async () => {
    await ofsted.close();
    await store.close();
    await db.cleanup();
    await site.close();
  });

  it('is fetched but not read again once its reports are all stored', async () => {
    await scrapeProvider(URN, deps);
    assert.ok((await store.getProviderState(URN))?.pageHash, 'fingerprint stored after a complete baseline');
    const requests = site.requests.length;
    const listing = await readProviderListing(URN, deps);
    assert.equal(site.requests.length, requests + 1, 'the page is still fetched: only reading it is skipped');
    assert.equal(listing.unchanged, true);
    assert.deepEqual(listing.fresh, []);
    assert.equal(listing.provider.owner, 'Derby City Council', 'the stored details stand in for the page');
  });

  it('is read again when the page lists something new', async () => {
    site.advance(URN);
    const listing = await readProviderListing(URN, deps);
    assert.equal(listing.unchanged, false);
    assert.deepEqual(listing.fresh.map((r) => r.fileId), ['10541604']);
  });

  it('keeps being read while a listed report waits for its retry', async () => {
    site.setFault({ fileId: '10541604' }, { kind: 'status', status: 503 });
    const failed = await scrapeProvider(URN, deps);
    assert.deepEqual(failed.retrying.map((r) => r.fileId), ['10541604'], 'stored, to be tried again');
    assert.equal((await store.getProviderState(URN))?.pageHash, null, 'no fingerprint while a report is unread');
    const waiting = await readProviderListing(URN, deps);
    assert.equal(waiting.unchanged, false);
    assert.deepEqual(waiting.fresh, [], 'not due before its backoff');
    assert.equal(waiting.waiting, 1);
    site.clearFaults();
    const done = await scrapeProvider(URN, { ...deps, manual: true });
    assert.ok(done.events.some((e) => e.type === 'rating-declined'));
    assert.equal((await readProviderListing(URN, deps)).unchanged, true);
  });
});
