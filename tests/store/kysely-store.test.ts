import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../src/errors.js';
import type { ChangeEvent } from '../../src/ofsted/types.js';
import { openStore, type OpenStoreOptions } from '../../src/store/open-store.js';
import type { EventFilter, Store } from '../../src/store/store.js';
import { testDatabaseUrl, testStoreKind, type TestDatabase } from '../helpers/test-database.js';
import { URN, event, parsed, provider, report, scrape } from './builders.js';

// The Store contract, run against the store this run tests (TEST_STORE=postgres or SQLite): every
// query in KyselyStore must mean the same on both dialects.

const KIND = testStoreKind();

let databases: TestDatabase[] = [];
let opened: Store[] = [];

beforeEach(() => {
  databases = [];
  opened = [];
});

afterEach(async () => {
  for (const store of opened) await store.close().catch(() => undefined);
  for (const database of databases) await database.cleanup();
});

/** A store on a fresh database of this run's kind. */
async function open(options: OpenStoreOptions = {}): Promise<Store> {
  const database = await testDatabaseUrl();
  databases.push(database);
  const store = await openStore(database.url, options);
  opened.push(store);
  return store;
}

describe(`openStore on ${KIND}`, () => {
  it('migrates idempotently: reopening the same database keeps its data', async () => {
    const database = await testDatabaseUrl();
    databases.push(database);
    const first = await openStore(database.url);
    opened.push(first);
    await first.watchAdd([URN]);
    await first.migrate();
    await first.close();

    const second = await openStore(database.url);
    opened.push(second);
    await second.migrate();
    assert.deepEqual(
      (await second.watchList()).map((w) => w.urn),
      [URN],
    );
  });

  it('answers ping while open and rejects it once closed', async () => {
    const store = await open();
    await store.ping();
    await store.close();
    await assert.rejects(store.ping());
  });
});

// ---- recording scrapes ----------------------------------------------------------------------------

describe(`Store.recordScrape on ${KIND}`, () => {
  it('stores the provider, its reports and events, keeping first_scraped_at on later scrapes', async () => {
    const store = await open();
    await store.recordScrape(
      scrape({
        reports: [report('100', '2019-11-20', parsed('2019-10-29'))],
        events: [event('e1')],
        at: '2025-06-01T06:00:00.000Z',
      }),
    );
    await store.recordScrape(scrape({ provider: provider({ name: 'Renamed Home' }), at: '2025-06-02T06:00:00.000Z' }));

    const stored = await store.getProvider(URN);
    assert.deepEqual(stored, {
      ...provider({ name: 'Renamed Home' }),
      firstScrapedAt: '2025-06-01T06:00:00.000Z',
      lastScrapedAt: '2025-06-02T06:00:00.000Z',
      closedAt: null,
    });
    assert.deepEqual(await store.getReport('100'), report('100', '2019-11-20', parsed('2019-10-29')));
    assert.equal((await store.listEvents()).length, 1);
    assert.equal(await store.getProvider('SC999999'), null);
  });

  it('is atomic: a failure mid-transaction leaves nothing of that scrape stored', async () => {
    const store = await open();
    await store.recordScrape(
      scrape({ reports: [report('100', '2019-11-20', parsed('2019-10-29'))], events: [event('e1')] }),
    );

    const broken = { ...event('bad'), id: null } as unknown as ChangeEvent;
    await assert.rejects(
      store.recordScrape(
        scrape({
          provider: provider({ name: 'Should Not Stick' }),
          reports: [report('200', '2021-03-01', parsed('2021-02-01'))],
          events: [event('e2'), broken],
          at: '2025-07-01T06:00:00.000Z',
        }),
      ),
      /not[ -]null/i,
    );

    const stored = await store.getProvider(URN);
    assert.equal(stored?.name, 'Test Home');
    assert.equal(stored?.lastScrapedAt, '2025-06-01T06:00:00.000Z');
    assert.equal(await store.getReport('200'), null);
    assert.deepEqual(
      (await store.history(URN)).map((h) => h.fileId),
      ['100'],
    );
    assert.deepEqual(
      (await store.listEvents()).map((e) => e.id),
      ['e1'],
    );
    // And the store is still usable afterwards.
    assert.deepEqual(await store.recordScrape(scrape({ events: [event('e2')] })), [event('e2')]);
  });

  it('returns only newly stored events and never stores an event id twice', async () => {
    const store = await open();
    const first = await store.recordScrape(scrape({ events: [event('e1'), event('e2', { backfill: true })] }));
    assert.deepEqual(
      first.map((e) => e.id),
      ['e1', 'e2'],
    );

    const second = await store.recordScrape(
      scrape({ events: [event('e1'), event('e2', { backfill: true }), event('e3', { type: 'rating-declined' })] }),
    );
    assert.deepEqual(second, [event('e3', { type: 'rating-declined' })]);

    const all = await store.listEvents();
    assert.deepEqual(all, [event('e1'), event('e2', { backfill: true }), event('e3', { type: 'rating-declined' })]);
  });

  it('reads one event back by its id, and null for an id never stored', async () => {
    const store = await open();
    await store.recordScrape(scrape({ events: [event('e1'), event('e2', { type: 'rating-declined', backfill: true })] }));
    assert.deepEqual(await store.getEvent('e2'), event('e2', { type: 'rating-declined', backfill: true }));
    assert.equal(await store.getEvent('e9'), null);
  });

  it('enforces foreign keys: a report for a provider never stored is refused', async () => {
    const store = await open();
    await assert.rejects(
      store.recordScrape(scrape({ reports: [report('300', '2020-01-01', parsed('2019-12-01'), 'SC111111')] })),
      /foreign key/i,
    );
  });

  it('upserts a report by fileId: a re-parse replaces the stored reading', async () => {
    const store = await open();
    await store.recordScrape(scrape({ reports: [report('100', '2019-11-20', null)] }));
    assert.equal((await store.getReport('100'))?.error, 'not a PDF');
    assert.deepEqual(await store.history(URN), []);

    await store.recordScrape(scrape({ reports: [report('100', '2019-11-20', parsed('2019-10-29'))] }));
    const stored = await store.getReport('100');
    assert.equal(stored?.error, null);
    assert.equal(stored?.parsed?.overall, 'good');
    assert.equal((await store.listReports(URN)).length, 1);
    assert.deepEqual(
      (await store.history(URN)).map((h) => h.fileId),
      ['100'],
    );
  });
});

describe(`Store report texts and re-parses on ${KIND}`, () => {
  it('keeps a report\'s page text, compressed, and gives it back page by page', async () => {
    const store = await open();
    const pages = ['SC036243\nFull inspection', 'Inspection judgements\nGood ’curly’ text', ''];
    await store.recordScrape(scrape({ reports: [{ ...report('100', '2019-11-20', parsed('2019-10-29')), pages }] }));
    assert.deepEqual(await store.getReportPages('100'), pages);
    assert.equal(await store.getReportPages('999'), null);
    assert.equal((await store.getReport('100'))?.pages, undefined, 'text is not loaded with the report');
  });

  it('updateReports replaces readings and inspection pointers without touching providers or events', async () => {
    const store = await open();
    await store.recordScrape(scrape({ reports: [report('100', '2019-11-20', parsed('2019-10-29'))], events: [event('e1')] }));
    const before = await store.getProvider(URN);
    await store.updateReports([{ ...report('100', '2019-11-20', parsed('2019-10-29', { overall: 'inadequate' })), parserVersion: '2' }]);
    const stored = await store.getReport('100');
    assert.equal(stored?.parsed?.overall, 'inadequate');
    assert.equal(stored?.parserVersion, '2');
    assert.equal((await store.history(URN))[0]?.overall, 'inadequate');
    assert.deepEqual(await store.getProvider(URN), before);
    assert.equal((await store.listEvents()).length, 1);
  });
});

describe(`Store inspections on ${KIND}`, () => {
  it('lets an amended report (new fileId, later publication) replace the original inspection', async () => {
    const store = await open();
    await store.recordScrape(scrape({ reports: [report('100', '2019-11-20', parsed('2019-10-29'))] }));
    await store.recordScrape(
      scrape({ reports: [report('101', '2019-12-05', parsed('2019-10-29', { overall: 'inadequate' }))] }),
    );

    const history = await store.history(URN);
    assert.equal(history.length, 1);
    assert.equal(history[0]?.fileId, '101');
    assert.equal(history[0]?.overall, 'inadequate');
    assert.equal(history[0]?.publishedAt, '2019-12-05');
    assert.equal((await store.listReports(URN)).length, 2, 'the original report is still kept');
  });

  it('replaces on an equal publication date but not with an older publication', async () => {
    const store = await open();
    await store.recordScrape(scrape({ reports: [report('100', '2019-11-20', parsed('2019-10-29'))] }));
    await store.recordScrape(scrape({ reports: [report('099', '2019-11-01', parsed('2019-10-29'))] }));
    assert.equal((await store.history(URN))[0]?.fileId, '100');

    await store.recordScrape(scrape({ reports: [report('102', '2019-11-20', parsed('2019-10-29'))] }));
    assert.equal((await store.history(URN))[0]?.fileId, '102');
  });

  it('hands the inspection back to the remaining report when its newest report fails a re-parse', async () => {
    const store = await open();
    await store.recordScrape(
      scrape({
        reports: [report('100', '2019-11-20', parsed('2019-10-29')), report('101', '2019-12-05', parsed('2019-10-29'))],
      }),
    );
    assert.equal((await store.history(URN))[0]?.fileId, '101');

    await store.recordScrape(scrape({ reports: [report('101', '2019-12-05', null)] }));
    assert.deepEqual(
      (await store.history(URN)).map((h) => h.fileId),
      ['100'],
    );
  });

  it('keeps different kinds on the same start date as separate inspections', async () => {
    const store = await open();
    await store.recordScrape(
      scrape({
        reports: [
          report('100', '2022-05-01', parsed('2022-04-01')),
          report('101', '2022-05-02', parsed('2022-04-01', { kind: 'childrens-home-monitoring', overall: null })),
        ],
      }),
    );
    assert.deepEqual(
      (await store.history(URN)).map((h) => [h.fileId, h.kind]),
      [
        ['100', 'childrens-home-full'],
        ['101', 'childrens-home-monitoring'],
      ],
    );
  });

  it('lists history oldest inspection first and leaves out failed or undated reports', async () => {
    const store = await open();
    await store.recordScrape(
      scrape({
        reports: [
          report('2021', '2021-04-01', parsed('2021-03-01')),
          report('2019', '2019-11-20', parsed('2019-10-29', { overall: 'inadequate' })),
          report('fail', '2020-06-01', null),
          report('undated', '2020-07-01', parsed('2020-01-01', { inspectionStart: null })),
          report('2020', '2020-03-01', parsed('2020-02-01', { overall: 'requires-improvement' })),
        ],
      }),
    );
    const history = await store.history(URN);
    assert.deepEqual(
      history.map((h) => [h.inspectionStart, h.fileId, h.overall]),
      [
        ['2019-10-29', '2019', 'inadequate'],
        ['2020-02-01', '2020', 'requires-improvement'],
        ['2021-03-01', '2021', 'good'],
      ],
    );
    assert.deepEqual(history[0], {
      ...parsed('2019-10-29', { overall: 'inadequate' }),
      fileId: '2019',
      url: 'http://127.0.0.1/v1/file/2019',
      publishedAt: '2019-11-20',
    });
    assert.deepEqual(await store.history('SC999999'), []);
  });

  it('lists every stored report, failed ones included, oldest publication first', async () => {
    const store = await open();
    await store.recordScrape(
      scrape({
        reports: [
          report('b', '2021-01-01', parsed('2020-12-01')),
          report('c', null, null),
          report('a', '2019-01-01', null),
        ],
      }),
    );
    assert.deepEqual(
      (await store.listReports(URN)).map((r) => r.fileId),
      ['a', 'b', 'c'],
    );
    assert.deepEqual((await store.listReportFileIds(URN)).sort(), ['a', 'b', 'c'], 'fileIds alone, failed ones included');
    assert.deepEqual(await store.listReportFileIds('SC999999'), []);
  });
});

// ---- events, providers, watchlist -----------------------------------------------------------------

describe(`Store.listEvents on ${KIND}`, () => {
  it('filters by since (inclusive, date or timestamp) and by urn, oldest first', async () => {
    const store = await open();
    await store.recordScrape(scrape({ provider: provider({ urn: 'SC000002' }) }));
    await store.recordScrape(
      scrape({
        events: [
          event('jan', { at: '2025-01-15T06:00:00.000Z' }),
          event('other', { urn: 'SC000002', at: '2025-02-01T06:00:00.000Z' }),
          event('mar', { at: '2025-03-01T00:00:00.000Z' }),
          event('feb', { at: '2025-02-20T06:00:00.000Z' }),
        ],
      }),
    );
    const ids = async (filter?: EventFilter) => (await store.listEvents(filter)).map((e) => e.id);

    assert.deepEqual(await ids(), ['jan', 'other', 'mar', 'feb'], 'insertion order, not `at` order');
    assert.deepEqual(await ids({ since: '2025-02-01' }), ['other', 'mar', 'feb']);
    assert.deepEqual(await ids({ since: '2025-03-01' }), ['mar']);
    assert.deepEqual(await ids({ since: '2025-03-01T00:00:00Z' }), ['mar']);
    assert.deepEqual(await ids({ since: '2025-02-20T07:00:00+01:00' }), ['mar', 'feb']);
    assert.deepEqual(await ids({ urn: 'SC000002' }), ['other']);
    assert.deepEqual(await ids({ urn: URN, since: '2025-02-01' }), ['mar', 'feb']);
    await assert.rejects(store.listEvents({ since: 'last tuesday' }), BadInputError);
  });
});

describe(`Store providers on ${KIND}`, () => {
  it('lists providers by URN and marks one closed', async () => {
    const store = await open();
    await store.recordScrape(scrape({ provider: provider({ urn: 'SC000002' }) }));
    await store.recordScrape(scrape());
    await store.markProviderClosed('SC000002', '2025-08-01T00:00:00.000Z');

    const providers = await store.listProviders();
    assert.deepEqual(
      providers.map((p) => [p.urn, p.closedAt]),
      [
        ['SC000002', '2025-08-01T00:00:00.000Z'],
        [URN, null],
      ],
    );
  });
});

describe(`Store watchlist on ${KIND}`, () => {
  it('adds, removes and lists URNs, counting only real changes', async () => {
    const store = await open();
    assert.equal(await store.watchAdd(['SC000001', 'SC000002', 'SC000001']), 2);
    assert.equal(await store.watchAdd(['SC000002', 'SC000003']), 1);
    assert.equal(await store.watchAdd([]), 0);
    assert.deepEqual(
      (await store.watchList()).map((w) => w.urn),
      ['SC000001', 'SC000002', 'SC000003'],
    );
    assert.match((await store.watchList())[0]?.addedAt ?? '', /^\d{4}-\d{2}-\d{2}T/);

    assert.equal(await store.watchRemove(['SC000001', 'SC999999', 'SC000001']), 1);
    assert.equal(await store.watchRemove([]), 0);
    assert.deepEqual(
      (await store.watchList()).map((w) => w.urn),
      ['SC000002', 'SC000003'],
    );
  });

  it('keeps the first added_at when a URN is added again', async () => {
    let clock = new Date('2025-01-01T00:00:00.000Z');
    const store = await open({ now: () => clock });
    await store.watchAdd(['SC000001']);
    clock = new Date('2025-02-01T00:00:00.000Z');
    await store.watchAdd(['SC000001', 'SC000002']);
    assert.deepEqual(await store.watchList(), [
      { urn: 'SC000001', addedAt: '2025-01-01T00:00:00.000Z' },
      { urn: 'SC000002', addedAt: '2025-02-01T00:00:00.000Z' },
    ]);
  });

  it('imports URNs given in batches, counting distinct ones across batches and only new ones as added', async () => {
    const store = await open();
    await store.watchAdd(['SC000002']);
    async function* batches() {
      yield ['SC000001', 'SC000002', 'SC000001'];
      yield [];
      yield ['SC000003', 'SC000001'];
    }
    assert.deepEqual(await store.watchImport(batches()), { found: 3, added: 2 });
    assert.deepEqual((await store.watchList()).map((w) => w.urn).sort(), ['SC000001', 'SC000002', 'SC000003']);
    // Its staging table is gone: a second import on the same connection works and adds nothing twice.
    assert.deepEqual(await store.watchImport(batches()), { found: 3, added: 0 });
  });

  it("forgets the URNs given before a 'restart'", async () => {
    const store = await open();
    async function* batches() {
      yield ['SC000001', 'SC000002'];
      yield 'restart' as const;
      yield ['SC000002', 'SC000003'];
    }
    assert.deepEqual(await store.watchImport(batches()), { found: 2, added: 2 });
    assert.deepEqual((await store.watchList()).map((w) => w.urn).sort(), ['SC000002', 'SC000003']);
  });

  it('adds nothing when reading the batches fails part way', async () => {
    const store = await open();
    async function* batches() {
      yield ['SC000001', 'SC000002'];
      throw new BadInputError('the file went away');
    }
    await assert.rejects(store.watchImport(batches()), /the file went away/);
    assert.deepEqual(await store.watchList(), []);
    const after = (async function* () {
      yield ['SC000003'];
    })();
    assert.deepEqual(await store.watchImport(after), { found: 1, added: 1 });
  });

  it('imports thousands of URNs quickly in one transaction', async () => {
    const store = await open();
    const urns = Array.from({ length: 6000 }, (_, i) => `SC${String(i).padStart(6, '0')}`);
    const started = Date.now();
    assert.equal(await store.watchAdd(urns), 6000);
    assert.equal(await store.watchRemove(urns.slice(0, 1200)), 1200);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.equal((await store.watchList()).length, 4800);
  });
});

describe(`Store text ordering on ${KIND}`, () => {
  it('orders and compares text byte by byte, as SQLite does, whatever the server locale', async () => {
    const store = await open();
    for (const urn of ['a-lower', 'SC000002', 'B-upper', '_under']) await store.recordScrape(scrape({ provider: provider({ urn }) }));
    assert.deepEqual(
      (await store.listProviders()).map((p) => p.urn),
      ['B-upper', 'SC000002', '_under', 'a-lower'],
    );
  });
});

// ---- many callers at once (a pool of connections on PostgreSQL; SQLite queues them) ---------------

describe(`Store under concurrent calls on ${KIND}`, () => {
  it('stores each event once and fails no caller when the same scrape is recorded six times at once', async () => {
    const store = await open();
    const record = scrape({
      reports: [report('100', '2019-11-20', parsed('2019-10-29')), report('101', '2021-04-01', parsed('2021-03-01'))],
      events: [event('e1'), event('e2', { type: 'rating-declined' })],
    });
    const results = await Promise.all(Array.from({ length: 6 }, () => store.recordScrape(record)));
    assert.deepEqual(
      results
        .flat()
        .map((e) => e.id)
        .sort(),
      ['e1', 'e2'],
      'each new event is returned to exactly one caller',
    );
    assert.deepEqual(
      (await store.listEvents()).map((e) => e.id),
      ['e1', 'e2'],
    );
    assert.deepEqual(
      (await store.history(URN)).map((h) => h.fileId),
      ['100', '101'],
    );
  });

  it('points an inspection at its newest report when a re-parse and a scrape of the same inspection race', async () => {
    const store = await open();
    for (let round = 0; round < 8; round += 1) {
      const urn = `SC10000${round}`;
      // The original could not be read at first, so no inspection row exists yet: both writers insert one.
      await store.recordScrape(scrape({ provider: provider({ urn }), reports: [report(`${round}-a`, '2019-11-20', null, urn)] }));
      const reparsed = report(`${round}-a`, '2019-11-20', parsed('2019-10-29', { urn }), urn);
      const amended = report(`${round}-b`, '2019-12-05', parsed('2019-10-29', { urn, overall: 'inadequate' }), urn);
      const writes = [
        () => store.updateReports([reparsed]),
        () => store.recordScrape(scrape({ provider: provider({ urn }), reports: [amended] })),
      ];
      if (round % 2 === 1) writes.reverse();
      await Promise.all(writes.map((write) => write()));
      assert.deepEqual(
        (await store.history(urn)).map((h) => [h.fileId, h.overall]),
        [[`${round}-b`, 'inadequate']],
        `round ${round}`,
      );
    }
  });

  it('adds each URN once when overlapping watchlist imports run at once', async () => {
    const store = await open();
    const urns = Array.from({ length: 900 }, (_, i) => `SC${String(i).padStart(6, '0')}`);
    const counts = await Promise.all([
      store.watchAdd(urns.slice(0, 600)),
      store.watchAdd(urns.slice(300, 900)),
      store.watchAdd(urns),
    ]);
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      900,
    );
    assert.equal((await store.watchList()).length, 900);
  });
});
