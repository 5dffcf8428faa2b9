import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { BadInputError } from '../../src/errors.js';
import { importWatchlistFile } from '../../src/monitor/import-watchlist.js';
import { referenceSnapshot } from '../../src/monitor/reference-snapshot.js';
import { readProviderData } from '../../src/ofsted/provider-data/read-provider-data.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/cli.js';
import { CSC_DIR } from '../helpers/ofsted-workbook.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

// `watch import` streams a CSV once, handing its URNs to the store in batches that the store adds only once
// the whole file has been read: the same results, messages and reference snapshot as reading it whole.

const CSV_2025 = join(CSC_DIR, 'provider_level_at_31_Mar_2025.csv');

describe('importWatchlistFile', () => {
  let tmp: ReturnType<typeof tempDir>;
  let database: TestDatabase;
  let store: Store;
  const openedStore = async () => store;

  before(() => {
    tmp = tempDir();
  });
  afterEach(async () => {
    await store.close();
    await database.cleanup();
  });
  after(() => tmp.cleanup());
  const fresh = async () => {
    database = await testDatabaseUrl();
    store = await openStore(database.url);
  };
  const file = (name: string, text: string) => {
    const path = join(tmp.dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("imports Ofsted's 2025 provider-level CSV and keeps the snapshot that reading it whole would", async () => {
    await fresh();
    const result = await importWatchlistFile(CSV_2025, openedStore);
    const whole = await readProviderData(CSV_2025);
    const expected = referenceSnapshot(basename(CSV_2025), whole, '2025-04-01T00:00:00.000Z');
    assert.deepEqual(result, {
      file: CSV_2025,
      found: 5600,
      added: 5600,
      alreadyWatched: 0,
      skipped: 0,
      snapshot: { id: expected.id, inspections: 4343, created: true },
      snapshotTooLarge: false,
    });
    assert.deepEqual(await store.getReferenceSnapshotData(expected.id), expected.data);
    const again = await importWatchlistFile(CSV_2025, openedStore);
    assert.deepEqual([again.added, again.alreadyWatched, again.snapshot?.created], [0, 5600, false]);
  });

  it('imports the URNs of a file with more inspections than a snapshot keeps, and keeps no snapshot', async () => {
    await fresh();
    const result = await importWatchlistFile(CSV_2025, openedStore, { maxSnapshotInspections: 1_000 });
    assert.deepEqual([result.found, result.added, result.snapshot, result.snapshotTooLarge], [5600, 5600, null, true]);
    assert.deepEqual(await store.listReferenceSnapshots(), []);
  });

  it('takes lines above a header as its preamble, even thousands of URN-like lines already handed to the store', async () => {
    await fresh();
    const preamble = Array.from({ length: 12_000 }, (_, i) => `${2_000_000 + i}\n`).join('');
    const path = file('late-header.csv', `${preamble}URN,Name\nSC036243,A\n,\nnot a urn,B\nSC036244,C\n`);
    const result = await importWatchlistFile(path, openedStore);
    assert.deepEqual([result.found, result.added, result.skipped], [2, 2, 1]);
    assert.deepEqual((await store.watchList()).map((w) => w.urn).sort(), ['SC036243', 'SC036244']);
  });

  it('reads a bare list of URNs, one per line, counting the lines that are not URNs', async () => {
    await fresh();
    const result = await importWatchlistFile(file('bare.csv', 'sc036243\n\nSC036244\nnonsense\nSC036243\n'), openedStore);
    assert.deepEqual([result.found, result.added, result.skipped], [2, 2, 1]);
  });

  it('changes nothing when the file turns out unreadable, or holds no URN, after thousands of rows', async () => {
    await fresh();
    const rows = Array.from({ length: 12_000 }, (_, i) => `${2_000_000 + i},x\n`).join('');
    const cases: [string, string, string][] = [
      ['broken.csv', `URN,Name\n${rows}SC036243,"never closed\n`, 'not a readable CSV: Quote Not Closed'],
      ['no-urn-column.csv', `Name,Town\n${rows}`, 'no URN column in '],
      ['no-urns.csv', `URN,Name\n${',x\n'.repeat(12_000)}`, ' has no URNs to import'],
    ];
    for (const [name, text, message] of cases) {
      const path = file(name, text);
      const err = await importWatchlistFile(path, openedStore).then(() => assert.fail(`expected ${name} to be refused`), (e: unknown) => e);
      assert.ok(err instanceof BadInputError, String(err));
      assert.ok(err.message.includes(message), err.message);
      assert.doesNotMatch(err.message, /\n/);
    }
    assert.deepEqual(await store.watchList(), []);
  });
});
