import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { scrapeProvider, type ScrapeDeps } from '../../src/monitor/scrape-provider.js';
import { OfstedSite } from '../../src/ofsted/site/ofsted-site.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

// Ofsted can withdraw a report: the provider page keeps listing it, its file URL answers "We cannot
// publish". It must move no grade, must not pass in silence, and must not be fetched forever.

const URN = '2999001';

describe('a report Ofsted has withdrawn', () => {
  let site: FakeOfsted;
  let ofsted: OfstedSite;
  const opened: Array<{ store: Store; db: TestDatabase }> = [];
  let withdrawnId = '';
  let goodId = '';

  const depsFor = async (): Promise<ScrapeDeps & { store: Store }> => {
    const db = await testDatabaseUrl();
    const store = await openStore(db.url);
    opened.push({ store, db });
    return { site: ofsted, store, logger: pino({ level: 'silent' }) };
  };
  const fileHits = (id: string) => site.requests.filter((r) => r.origin === 'files' && r.path === `/v1/file/${id}`).length;

  before(async () => {
    site = await startFakeOfsted({ now: '2024-12-31', bulk: false });
    ofsted = new OfstedSite({ reportsOrigin: site.reportsUrl, filesOrigin: site.filesUrl, userAgent: 'test', timeoutMs: 10_000, attempts: 2, backoffMs: 10, maxPdfBytes: 25e6, chromiumPath: '/usr/bin/chromium' });
    const reports = site.scenario.provider(URN)?.reports ?? [];
    withdrawnId = reports.find((r) => r.withdrawn)?.fileId ?? '';
    goodId = reports.find((r) => !r.withdrawn)?.fileId ?? '';
    assert.ok(withdrawnId && goodId);
  });
  after(async () => {
    await ofsted.close();
    for (const { store, db } of opened) {
      await store.close();
      await db.cleanup();
    }
    await site.close();
  });

  it('raises one scrape-failed saying it was withdrawn, moves no grade, and is not fetched again', async () => {
    site.setNow('2024-12-31');
    const deps = await depsFor();
    await scrapeProvider(URN, deps);
    site.setNow('2025-12-31');

    const run = await scrapeProvider(URN, deps);
    assert.deepEqual(run.events.map((e) => [e.type, e.fileId, e.backfill]), [['scrape-failed', withdrawnId, false]]);
    assert.match(run.events[0]!.summary, new RegExp(`^${URN}: report ${withdrawnId} could not be read \\(Ofsted has withdrawn it: .+ answers "We cannot publish" instead of the PDF\\)$`));
    // The stored history is the one readable report, Good: the withdrawn one's Inadequate was never seen.
    assert.deepEqual(run.inspections.map((h) => [h.fileId, h.overall]), [[goodId, 'good']]);
    const stored = (await deps.store.listReports(URN)).find((r) => r.fileId === withdrawnId);
    assert.equal(stored?.parsed, null);
    assert.equal(stored?.publishedAt, '2025-03-20');
    assert.match(stored?.error ?? '', /withdrawn/);

    const hits = fileHits(withdrawnId);
    const again = await scrapeProvider(URN, deps);
    assert.deepEqual(again.events, [], 'recorded once');
    assert.equal(fileHits(withdrawnId), hits, 'never fetched again');
  });

  it('is not hidden in a first scrape either: the baseline records it and says so', async () => {
    site.setNow('2025-12-31');
    const run = await scrapeProvider(URN, await depsFor());
    const types = run.events.map((e) => [e.type, e.fileId, e.backfill]);
    assert.deepEqual(types, [
      ['scrape-failed', withdrawnId, false],
      ['report-published', goodId, true],
    ]);
    assert.ok(!run.events.some((e) => e.type === 'rating-declined'));
  });
});
