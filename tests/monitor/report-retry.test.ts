import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { UpstreamUnavailableError } from '../../src/errors.js';
import { scrapeProvider, type ScrapeDeps } from '../../src/monitor/scrape-provider.js';
import { OfstedSite } from '../../src/ofsted/site/ofsted-site.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import type { Fault } from '../../tools/fake-ofsted/types.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

// The fault run of issue 11: a report served once damaged was stored as failed, counted as stored, its page
// fingerprinted as read, and never fetched again, so its decline was lost for good. On the local Ofsted site:
// SC036243's October 2019 inspection (Good → Inadequate, published 27 November 2019) arrives damaged once.

const URN = 'SC036243';
/** The October 2019 report: Inadequate, after Good in January 2019. */
const NEW = '10541604';
/** The January 2019 report, part of the baseline on 30 September 2019. */
const OLD = '70912639';
const MINUTE = 60_000;

describe('a report that could not be fetched or read is tried again', () => {
  let site: FakeOfsted;
  let ofsted: OfstedSite;
  const opened: Array<{ store: Store; db: TestDatabase }> = [];
  let t = 0;

  /** A fresh store, a clock the test moves, and a quick retry policy (1 min doubling, 3 failures). */
  const depsFor = async (o: Partial<ScrapeDeps> = {}): Promise<ScrapeDeps & { store: Store }> => {
    const db = await testDatabaseUrl();
    const store = await openStore(db.url);
    opened.push({ store, db });
    return {
      site: ofsted,
      store,
      logger: pino({ level: 'silent' }),
      now: () => new Date(t),
      retry: { backoffMs: MINUTE, maxBackoffMs: 60 * MINUTE, limit: 3 },
      ...o,
    };
  };
  const fileHits = (id: string) => site.requests.filter((r) => r.origin === 'files' && r.path === `/v1/file/${id}`).length;
  const eventsOf = async (store: Store, type: string) => (await store.listEvents({ urn: URN })).filter((e) => e.type === type);
  const brief = (events: readonly { type: string; fileId: string | null; backfill: boolean }[]) => events.map((e) => [e.type, e.fileId, e.backfill]);

  /** The baseline on 30 September 2019, then the site moves on to the day the October inspection is published. */
  async function baselineThenPublish(deps: ScrapeDeps): Promise<void> {
    site.setNow('2019-09-30');
    await scrapeProvider(URN, deps);
    assert.equal(site.advance(URN), '2019-11-27');
  }

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    ofsted = new OfstedSite({ reportsOrigin: site.reportsUrl, filesOrigin: site.filesUrl, userAgent: 'test', timeoutMs: 10_000, attempts: 2, backoffMs: 10, maxPdfBytes: 25e6, chromiumPath: '/usr/bin/chromium' });
  });
  beforeEach(() => {
    site.clearFaults();
    t = Date.parse('2019-11-27T06:00:00Z');
  });
  after(async () => {
    await ofsted.close();
    for (const { store, db } of opened) {
      await store.close();
      await db.cleanup();
    }
    await site.close();
  });

  const once: Fault[] = [{ kind: 'html-as-pdf' }, { kind: 'truncated-pdf' }, { kind: 'redirect-offsite' }];
  for (const fault of once) {
    it(`scrape <URN>: after ${fault.kind} once, the decline is raised once, as news, and the latest grade is the new one`, async () => {
      // What `scrape <URN>` does: a person asked, so a report waiting for its retry is tried at once.
      const deps = await depsFor({ manual: true });
      await baselineThenPublish(deps);
      site.setFault({ fileId: NEW }, fault);
      const damaged = await scrapeProvider(URN, deps);
      assert.deepEqual(damaged.events, [], 'a damaged download is not news, nor a verdict on the report');
      assert.deepEqual(damaged.retrying.map((r) => r.fileId), [NEW]);
      const stored = await deps.store.getReport(NEW);
      assert.equal(stored?.parsed, null);
      assert.equal(stored?.failure, 'transport');
      assert.equal((await deps.store.getProviderState(URN))?.pageHash, null, 'the page is not fingerprinted as read');

      site.clearFaults();
      const whole = await scrapeProvider(URN, deps);
      const again = await scrapeProvider(URN, deps);
      assert.deepEqual(brief(whole.events.filter((e) => e.type === 'rating-declined')), [['rating-declined', NEW, false]]);
      assert.deepEqual(again.events, [], 'raised once');
      assert.deepEqual(brief(await eventsOf(deps.store, 'rating-declined')).filter(([, , backfill]) => !backfill), [['rating-declined', NEW, false]]);
      assert.deepEqual(await eventsOf(deps.store, 'scrape-failed'), []);
      assert.deepEqual([whole.inspections.at(-1)?.fileId, whole.inspections.at(-1)?.overall], [NEW, 'inadequate']);
      assert.deepEqual(whole.retrying, []);
      assert.ok((await deps.store.getProviderState(URN))?.pageHash, 'fingerprinted once everything it lists is read');
    });
  }

  it('a sweep tries it again once its backoff has passed, not before, though the page has not changed', async () => {
    const deps = await depsFor();
    await baselineThenPublish(deps);
    site.setFault({ fileId: NEW }, { kind: 'html-as-pdf' });
    const damaged = await scrapeProvider(URN, deps);
    assert.deepEqual(damaged.retrying, [{ fileId: NEW, error: damaged.retrying[0]!.error, retryAt: new Date(t + MINUTE).toISOString() }]);
    site.clearFaults();
    const hits = fileHits(NEW);

    t += MINUTE / 2;
    assert.deepEqual((await scrapeProvider(URN, deps)).events, []);
    assert.equal(fileHits(NEW), hits, 'not before its backoff');

    t += MINUTE / 2;
    const due = await scrapeProvider(URN, deps);
    assert.equal(fileHits(NEW), hits + 1);
    assert.deepEqual(brief(due.events.filter((e) => e.type === 'rating-declined')), [['rating-declined', NEW, false]]);
  });

  it('keeps trying a download that keeps arriving damaged, backing off, and tells the operator once at the limit', async () => {
    const deps = await depsFor();
    await baselineThenPublish(deps);
    site.setFault({ fileId: NEW }, { kind: 'truncated-pdf' });
    const raised: string[][] = [];
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const run = await scrapeProvider(URN, deps);
      raised.push(run.events.map((e) => e.type));
      const report = await deps.store.getReport(NEW);
      assert.equal(report?.failure, 'transport', 'damage on the way never makes the report unreadable');
      assert.equal(report?.attempts, attempt);
      waits.push(Date.parse(report!.retryAt!) - t);
      t = Date.parse(report!.retryAt!);
    }
    assert.deepEqual(raised, [[], [], ['scrape-failed'], [], []]);
    assert.deepEqual(waits, [1, 2, 4, 8, 16].map((m) => m * MINUTE));
    const [told] = await eventsOf(deps.store, 'scrape-failed');
    assert.equal(told?.backfill, false);
    assert.match(told!.summary, /3 failed downloads in a row, still being tried/);

    site.clearFaults();
    const whole = await scrapeProvider(URN, deps);
    assert.deepEqual(brief(whole.events.filter((e) => e.type === 'rating-declined')), [['rating-declined', NEW, false]]);
  });

  it('a baseline report unreadable at first and read later is history: what it raises alerts nobody', async () => {
    const deps = await depsFor({ manual: true });
    site.setNow('2019-09-30');
    site.setFault({ fileId: OLD }, { kind: 'scanned-pdf' });
    const baseline = await scrapeProvider(URN, deps);
    assert.deepEqual(baseline.retrying.map((r) => r.fileId), [OLD]);
    assert.equal((await deps.store.getReport(OLD))?.backfill, true);

    site.clearFaults();
    const read = await scrapeProvider(URN, deps);
    assert.ok(read.events.some((e) => e.type === 'report-published' && e.fileId === OLD), JSON.stringify(brief(read.events)));
    assert.deepEqual(read.events.filter((e) => !e.backfill), [], 'the January 2019 inspection is not news in November');
    assert.equal(read.inspections.at(-1)?.fileId, OLD);
  });

  it('stores nothing of a baseline in which a report arrived damaged, so the next try is still a baseline', async () => {
    const deps = await depsFor({ manual: true });
    site.setNow('2019-09-30');
    site.setFault({ fileId: OLD }, { kind: 'html-as-pdf' });
    await assert.rejects(scrapeProvider(URN, deps), (err: unknown) => err instanceof UpstreamUnavailableError && err.message.includes(OLD));
    assert.equal(await deps.store.getProvider(URN), null);
    assert.deepEqual(await deps.store.listReports(URN), []);

    site.clearFaults();
    const baseline = await scrapeProvider(URN, deps);
    assert.ok(baseline.events.length > 0);
    assert.ok(baseline.events.every((e) => e.backfill), 'history, alerting nobody');
  });
});

describe('a report whose bytes no parser can read', () => {
  let site: FakeOfsted;
  let ofsted: OfstedSite;
  let db: TestDatabase;
  let store: Store;
  let t = Date.parse('2019-11-27T06:00:00Z');

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    ofsted = new OfstedSite({ reportsOrigin: site.reportsUrl, filesOrigin: site.filesUrl, userAgent: 'test', timeoutMs: 10_000, attempts: 2, backoffMs: 10, maxPdfBytes: 25e6, chromiumPath: '/usr/bin/chromium' });
    db = await testDatabaseUrl();
    store = await openStore(db.url);
  });
  after(async () => {
    await ofsted.close();
    await store.close();
    await db.cleanup();
    await site.close();
  });

  // The parser version is injected, as a release would change PARSER_VERSION.
  const deps = (parserVersion: string): ScrapeDeps => ({
    site: ofsted,
    store,
    logger: pino({ level: 'silent' }),
    now: () => new Date(t),
    retry: { backoffMs: MINUTE, maxBackoffMs: 60 * MINUTE, limit: 3 },
    parserVersion,
  });
  const fileHits = () => site.requests.filter((r) => r.origin === 'files' && r.path === `/v1/file/${NEW}`).length;

  it('is tried until the same bytes failed the limit, raises one scrape-failed, then waits for a new parser version', async () => {
    await scrapeProvider(URN, deps('v1'));
    site.advance(URN);
    // A well-formed PDF with no text, served every time: the same bytes, unreadable by any reader.
    site.setFault({ fileId: NEW }, { kind: 'scanned-pdf' });

    const raised: string[][] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      raised.push((await scrapeProvider(URN, deps('v1'))).events.map((e) => e.type));
      const report = await store.getReport(NEW);
      assert.equal(report?.failure, 'unreadable');
      assert.equal(report?.attempts, attempt);
      if (attempt < 3) t = Date.parse(report!.retryAt!);
      else assert.equal(report?.retryAt, null, 'given up');
    }
    assert.deepEqual(raised, [[], [], ['scrape-failed']]);
    const [failed] = (await store.listEvents({ urn: URN })).filter((e) => e.type === 'scrape-failed');
    assert.equal(failed?.backfill, false);
    assert.match(failed!.summary, /no readable text/);

    const hits = fileHits();
    t += 30 * 24 * 60 * MINUTE;
    const later = await scrapeProvider(URN, deps('v1'));
    assert.deepEqual(later.events, []);
    assert.equal(fileHits(), hits, 'not fetched again by the same parser version');
    assert.equal((await store.getProviderState(URN))?.pageHash, null, 'and its page is never fingerprinted as read');

    // A new parser version tries it again; still unreadable, so it counts again from one, and raises nothing new.
    const retried = await scrapeProvider(URN, deps('v2'));
    assert.equal(fileHits(), hits + 1);
    assert.deepEqual(retried.events, []);
    assert.equal((await store.getReport(NEW))?.attempts, 1);

    // The real report at last (as if the new parser could read it): its decline is news, raised once.
    site.clearFaults();
    t = Date.parse((await store.getReport(NEW))!.retryAt!);
    const read = await scrapeProvider(URN, deps('v2'));
    assert.deepEqual(
      read.events.filter((e) => e.type === 'rating-declined').map((e) => [e.fileId, e.from, e.to, e.backfill]),
      [[NEW, 'good', 'inadequate', false]],
    );
    assert.equal((await store.listEvents({ urn: URN })).filter((e) => e.type === 'scrape-failed').length, 1, 'one scrape-failed in all');
  });
});
