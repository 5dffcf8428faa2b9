import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testStoreKind } from '../helpers/test-database.js';
import { URN, parsed, report, scrape } from './builders.js';
import { TestStores } from './test-stores.js';

// What operator alerts read: runs of failed scrapes and unreadable reports, plus named settings, on the
// store this run tests (TEST_STORE).

const KIND = testStoreKind();
const stores = new TestStores();
afterEach(() => stores.cleanup());

const T0 = '2025-06-01T06:00:00.000Z';
const T1 = '2025-06-01T06:01:00.000Z';
const T2 = '2025-06-01T06:02:00.000Z';
const T3 = '2025-06-01T06:03:00.000Z';

// ---- scrape health -----------------------------------------------------------------------------

describe(`Store scrape health on ${KIND}`, () => {
  it('starts a run at the first failure of a URN it has never seen', async () => {
    const store = await stores.open();
    assert.deepEqual(await store.recordScrapeOutcome(URN, { ok: false, error: 'HTTP 503', at: T0 }), {
      previous: null,
      current: { urn: URN, failures: 1, failingSince: T0, lastError: 'HTTP 503', alertedAt: null },
    });
  });

  it('counts failures in a row and returns the state before and after each', async () => {
    const store = await stores.open();
    await store.recordScrapeOutcome(URN, { ok: false, error: 'HTTP 503', at: T0 });
    await store.recordScrapeOutcome(URN, { ok: false, error: 'HTTP 503', at: T1 });
    const third = await store.recordScrapeOutcome(URN, { ok: false, error: 'timeout', at: T2 });
    assert.deepEqual(third, {
      previous: { urn: URN, failures: 2, failingSince: T0, lastError: 'HTTP 503', alertedAt: null },
      current: { urn: URN, failures: 3, failingSince: T0, lastError: 'timeout', alertedAt: null },
    });
    const other = await store.recordScrapeOutcome('SC999999', { ok: false, error: 'x', at: T2 });
    assert.equal(other.previous, null, 'each URN has its own run');
  });

  it('ends the run on success and shows the run the operator was told of as previous', async () => {
    const store = await stores.open();
    await store.recordScrapeOutcome(URN, { ok: false, error: 'HTTP 503', at: T0 });
    await store.markScrapeFailureAlerted(URN, T1);
    const recovered = await store.recordScrapeOutcome(URN, { ok: true, at: T2 });
    assert.deepEqual(recovered, {
      previous: { urn: URN, failures: 1, failingSince: T0, lastError: 'HTTP 503', alertedAt: T1 },
      current: { urn: URN, failures: 0, failingSince: null, lastError: 'HTTP 503', alertedAt: null },
    });
    const next = await store.recordScrapeOutcome(URN, { ok: false, error: 'again', at: T3 });
    assert.deepEqual(next.current, { urn: URN, failures: 1, failingSince: T3, lastError: 'again', alertedAt: null });
  });

  it('records a first success with no previous state', async () => {
    const store = await stores.open();
    assert.deepEqual(await store.recordScrapeOutcome(URN, { ok: true, at: T0 }), {
      previous: null,
      current: { urn: URN, failures: 0, failingSince: null, lastError: null, alertedAt: null },
    });
    const second = await store.recordScrapeOutcome(URN, { ok: true, at: T1 });
    assert.deepEqual(second.previous, second.current);
  });

  it('keeps alertedAt through further failures and ignores it for a URN that is not failing', async () => {
    const store = await stores.open();
    await store.markScrapeFailureAlerted(URN, T0);
    await store.recordScrapeOutcome(URN, { ok: true, at: T0 });
    await store.markScrapeFailureAlerted(URN, T0);
    const healthy = await store.recordScrapeOutcome(URN, { ok: true, at: T0 });
    assert.equal(healthy.previous?.alertedAt, null, 'a healthy URN has no run to have alerted about');
    const first = await store.recordScrapeOutcome(URN, { ok: false, error: 'x', at: T1 });
    assert.equal(first.current.alertedAt, null, 'an alert noted while healthy must not silence the next run');
    await store.markScrapeFailureAlerted(URN, T2);
    const second = await store.recordScrapeOutcome(URN, { ok: false, error: 'x', at: T3 });
    assert.equal(second.current.alertedAt, T2);
    assert.equal(second.current.failures, 2);
  });

  // Transactions from several SQLite connections in one process would block its event loop on the
  // file lock; SQLite's cross-process queueing is covered by the sqlite-store tests.
  const sharedTransactions = KIND === 'postgres' ? false : 'SQLite: one process cannot hold two write transactions';

  it('counts every outcome when several stores record failures of one URN at once', { skip: sharedTransactions }, async () => {
    const daemons = await stores.openShared(4);
    for (let round = 0; round < 3; round += 1) {
      const urn = `SC40000${round}`;
      const results = await Promise.all(daemons.map((s) => s.recordScrapeOutcome(urn, { ok: false, error: 'x', at: T0 })));
      assert.deepEqual(
        results.map((r) => r.previous?.failures ?? null).sort(),
        [1, 2, 3, null],
        `round ${round}: each saw the one before it`,
      );
      assert.deepEqual(results.map((r) => r.current.failures).sort(), [1, 2, 3, 4]);
    }
  });
});

// ---- report counts and settings ----------------------------------------------------------------

describe(`Store.countReportsFetchedSince on ${KIND}`, () => {
  it('counts reports fetched at or after the time, and the unreadable ones among them', async () => {
    const store = await stores.open();
    const at = (fileId: string, fetchedAt: string, readable: boolean) => ({
      ...report(fileId, '2019-11-20', readable ? parsed('2019-10-29') : null),
      fetchedAt,
    });
    await store.recordScrape(
      scrape({
        reports: [
          at('old', '2025-05-31T23:59:59.999Z', false),
          at('edge', '2025-06-01T00:00:00.000Z', false),
          at('new', '2025-06-01T12:00:00.000Z', true),
          at('new-bad', '2025-06-02T12:00:00.000Z', false),
        ],
      }),
    );
    assert.deepEqual(await store.countReportsFetchedSince('2025-06-01T00:00:00.000Z'), { total: 3, unreadable: 2 });
    assert.deepEqual(await store.countReportsFetchedSince('2025-06-01'), { total: 3, unreadable: 2 });
    assert.deepEqual(await store.countReportsFetchedSince('2025-06-02T00:00:00.000Z'), { total: 1, unreadable: 1 });
    assert.deepEqual(await store.countReportsFetchedSince('2025-07-01'), { total: 0, unreadable: 0 });
  });
});

describe(`Store.ensureSetting on ${KIND}`, () => {
  it('creates a setting the first time and returns the stored value ever after', async () => {
    const { url } = await stores.freshDatabase();
    const store = await stores.openUrl(url);
    let made = 0;
    const create = () => `secret-${(made += 1)}`;
    assert.equal(await store.ensureSetting('unsubscribe-secret', create), 'secret-1');
    assert.equal(await store.ensureSetting('unsubscribe-secret', create), 'secret-1');
    assert.equal(made, 1, 'create is not called once the value exists');
    assert.equal(await store.ensureSetting('other', () => 'x'), 'x');
    await store.close();
    const reopened = await stores.openUrl(url);
    assert.equal(await reopened.ensureSetting('unsubscribe-secret', () => 'new'), 'secret-1');
  });

  it('gives every store the same value when they ask for a new setting at once', async () => {
    const daemons = await stores.openShared(4);
    for (let round = 0; round < 5; round += 1) {
      const values = await Promise.all(daemons.map((s, i) => s.ensureSetting(`name-${round}`, () => `value-${i}`)));
      assert.equal(new Set(values).size, 1, `round ${round}: ${values.join(', ')}`);
    }
  });
});
