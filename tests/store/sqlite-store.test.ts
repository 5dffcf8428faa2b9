import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { BadInputError, OfstedMonitorError } from '../../src/errors.js';
import type { ChangeEvent, ParsedReport, ProviderInfo } from '../../src/ofsted/types.js';
import type { ReportKind } from '../../src/ofsted/vocabulary.js';
import { openStore } from '../../src/store/open-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { EventFilter, ScrapeRecord, Store, StoredReport } from '../../src/store/store.js';

// ---- builders for plain domain data -------------------------------------------------------------

const URN = 'SC036243';

function provider(overrides: Partial<ProviderInfo> = {}): ProviderInfo {
  return {
    urn: URN,
    name: 'Test Home',
    category: 'CARE',
    providerType: "Children's home",
    localAuthority: 'Derby',
    owner: 'Derby City Council',
    url: `http://127.0.0.1/provider/CARE/${overrides.urn ?? URN}`,
    ...overrides,
  };
}

function parsed(start: string, overrides: Partial<ParsedReport> = {}): ParsedReport {
  return {
    urn: URN,
    kind: 'childrens-home-full' as ReportKind,
    inspectionStart: start,
    inspectionEnd: start,
    overall: 'good',
    judgements: [
      { area: 'The effectiveness of leaders and managers', key: 'leadership-and-management', grade: 'good' },
    ],
    interimOutcome: null,
    previous: null,
    enforcementSinceLast: 'none',
    registeredProvider: 'Derby City Council',
    registeredManager: null,
    inspectors: ['An Inspector'],
    requirements: [],
    recommendations: [],
    keyFindings: [],
    safeguarding: null,
    parserVersion: '1',
    unreadable: [],
    ...overrides,
  };
}

function report(
  fileId: string,
  publishedAt: string | null,
  parsedReport: ParsedReport | null,
  urn = URN,
): StoredReport {
  return {
    fileId,
    urn,
    url: `http://127.0.0.1/v1/file/${fileId}`,
    title: `Full inspection ${fileId}`,
    publishedAt,
    sha256: parsedReport ? 'ab'.repeat(32) : null,
    parserVersion: '1',
    parsed: parsedReport,
    error: parsedReport ? null : 'not a PDF',
    fetchedAt: '2025-06-01T06:00:00.000Z',
  };
}

function event(id: string, overrides: Partial<ChangeEvent> = {}): ChangeEvent {
  return {
    id,
    urn: URN,
    type: 'report-published',
    at: '2025-06-01T06:00:00.000Z',
    inspectionDate: '2019-10-29',
    from: null,
    to: 'good',
    fileId: null,
    summary: `event ${id}`,
    backfill: false,
    ...overrides,
  };
}

function scrape(overrides: Partial<ScrapeRecord> = {}): ScrapeRecord {
  return { provider: provider(), reports: [], events: [], at: '2025-06-01T06:00:00.000Z', ...overrides };
}

// ---- per-test temp directory ----------------------------------------------------------------------

let dir: string;
let opened: Store[] = [];

beforeEach(() => {
  // realpath so paths compare equal to what /proc/self/fd reports.
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'ofsted-store-test-')));
  opened = [];
});

afterEach(async () => {
  for (const store of opened) await store.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function open(file = 'store.db'): Promise<Store> {
  const store = await openStore(`sqlite:${join(dir, file)}`);
  opened.push(store);
  return store;
}

/** Paths this process holds open (Linux /proc), to prove a handle was released. */
function openFiles(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

// ---- opening and migrating ------------------------------------------------------------------------

describe('openStore with sqlite:<path>', () => {
  it('creates the database file and its missing parent directories on first use', async () => {
    const path = join(dir, 'a', 'b', 'c', 'monitor.db');
    assert.equal(existsSync(join(dir, 'a')), false);
    const store = await openStore(`sqlite:${path}`);
    opened.push(store);
    assert.equal(existsSync(path), true);
  });

  it('accepts the URL form sqlite:///absolute/path', async () => {
    const path = join(dir, 'url-form.db');
    const store = await openStore(`sqlite://${path}`);
    opened.push(store);
    assert.equal(existsSync(path), true);
  });

  it('puts the file in WAL mode', async () => {
    await open();
    const peek = new BetterSqlite3(join(dir, 'store.db'), { readonly: true });
    try {
      assert.equal(peek.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      peek.close();
    }
  });

  it('runs migrations idempotently: reopening and migrating again keeps data and applies each once', async () => {
    const first = await open();
    await first.watchAdd([URN]);
    await first.migrate();
    await first.close();

    const second = await open();
    await second.migrate();
    assert.deepEqual(
      (await second.watchList()).map((w) => w.urn),
      [URN],
    );
    await second.close();

    const peek = new BetterSqlite3(join(dir, 'store.db'), { readonly: true });
    try {
      const names = peek.prepare('select name from kysely_migration order by name').pluck().all();
      assert.deepEqual(names, ['0001-initial', '0002-report-texts']);
    } finally {
      peek.close();
    }
  });

  it('opens a private in-memory database for sqlite::memory:', async () => {
    const store = await openStore('sqlite::memory:');
    opened.push(store);
    assert.equal(await store.watchAdd([URN]), 1);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('refuses postgres:// for now with a clear OfstedMonitorError', async () => {
    await assert.rejects(openStore('postgres://user@127.0.0.1:5432/ofsted'), (error: unknown) => {
      assert.ok(error instanceof OfstedMonitorError);
      assert.match((error as Error).message, /PostgreSQL support arrives with the daemon/);
      return true;
    });
  });

  it('rejects an unknown scheme as bad input', async () => {
    await assert.rejects(openStore('mysql://127.0.0.1/x'), BadInputError);
  });

  it('reports an unopenable path as one clear error', async () => {
    await assert.rejects(openStore(`sqlite:${join(dir)}`), (error: unknown) => {
      assert.ok(error instanceof OfstedMonitorError);
      assert.match((error as Error).message, /cannot open SQLite database/);
      return true;
    });
  });
});

describe('SqliteStore.close', () => {
  it('releases the file: no handle stays open and another connection can take it exclusively', async () => {
    const path = join(dir, 'release.db');
    const store = await open('release.db');
    await store.watchAdd([URN]);
    assert.ok(openFiles().includes(path), 'the open store holds the file');

    await store.close();
    assert.equal(
      openFiles().some((f) => f.startsWith(path)),
      false,
    );
    assert.equal(existsSync(`${path}-wal`), false, 'a clean close checkpoints and removes the WAL');
    // Leaving WAL mode needs every other connection gone.
    const other = new BetterSqlite3(path);
    try {
      assert.equal(other.pragma('journal_mode = DELETE', { simple: true }), 'delete');
    } finally {
      other.close();
    }
    await assert.rejects(store.ping());
  });

  it('answers ping while open', async () => {
    const store = await open();
    await store.ping();
  });
});

describe('SqliteStore concurrency', () => {
  it('waits for another process holding the write lock instead of failing at once', async () => {
    const path = join(dir, 'shared.db');
    const store = await open('shared.db');
    // A second process takes the write lock, holds it for 600 ms, then commits a row.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import Database from 'better-sqlite3';
         const db = new Database(${JSON.stringify(path)});
         db.exec('begin immediate');
         db.prepare("insert into watchlist (urn, added_at) values ('SC000001', '2025-01-01T00:00:00.000Z')").run();
         process.stdout.write('locked\\n');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600);
         db.exec('commit');
         db.close();`,
      ],
      // From the repository root, so the child resolves better-sqlite3 from node_modules.
      { cwd: fileURLToPath(new URL('../../', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('locked')) resolve();
      });
      holder.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
    });
    const started = Date.now();
    assert.equal(await store.watchAdd([URN]), 1);
    assert.ok(Date.now() - started >= 300, 'the write really waited for the lock');
    await new Promise((resolve) => holder.once('exit', resolve));
    assert.deepEqual(
      (await store.watchList()).map((w) => w.urn).sort(),
      ['SC000001', URN].sort(),
    );
  });
});

// ---- recording scrapes ----------------------------------------------------------------------------

describe('SqliteStore.recordScrape', () => {
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
      /NOT NULL/,
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

  it('enforces foreign keys: a report for a provider never stored is refused', async () => {
    const store = await open();
    await assert.rejects(
      store.recordScrape(scrape({ reports: [report('300', '2020-01-01', parsed('2019-12-01'), 'SC111111')] })),
      /FOREIGN KEY/,
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

describe('SqliteStore report texts and re-parses', () => {
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

describe('SqliteStore inspections', () => {
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
  });
});

// ---- events, providers, watchlist -----------------------------------------------------------------

describe('SqliteStore.listEvents', () => {
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

describe('SqliteStore providers', () => {
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

describe('SqliteStore watchlist', () => {
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
    const store = SqliteStore.open(join(dir, 'clock.db'), { now: () => clock });
    opened.push(store);
    await store.migrate();
    await store.watchAdd(['SC000001']);
    clock = new Date('2025-02-01T00:00:00.000Z');
    await store.watchAdd(['SC000001', 'SC000002']);
    assert.deepEqual(await store.watchList(), [
      { urn: 'SC000001', addedAt: '2025-01-01T00:00:00.000Z' },
      { urn: 'SC000002', addedAt: '2025-02-01T00:00:00.000Z' },
    ]);
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
