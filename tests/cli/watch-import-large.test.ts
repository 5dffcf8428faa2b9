import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open-store.js';
import { SERVICE_NODE_OPTIONS } from '../../workers/service-node-options.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

// `watch import` of a file far larger than any heap it runs in: a million rows under the service image's
// heap settings. Read whole, the file and its rows outgrew that heap (V8 out-of-memory, nothing imported);
// streamed, and deduplicated by the database, it imports in bounded memory.

const ROWS = 1_000_000;

/** A CSV of ROWS distinct 7-digit URNs, with a preamble line and a second column, written as it streams. */
async function writeLargeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write("Children's social care data in England - a made-up list\nURN,Setting name\n");
  for (let i = 0; i < ROWS; i += 1) {
    if (!out.write(`${1_000_000 + i},Home ${i}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

describe('watch import of a million-row CSV', () => {
  let tmp: ReturnType<typeof tempDir>;
  let database: TestDatabase;
  let csv: string;

  before(async () => {
    tmp = tempDir();
    database = await testDatabaseUrl();
    csv = join(tmp.dir, 'million.csv');
    await writeLargeCsv(csv);
  });
  after(async () => {
    tmp.cleanup();
    await database.cleanup();
  });

  it('imports every URN under the service heap settings', async () => {
    const run = await runCli(['watch', 'import', csv, '--json'], { DATABASE_URL: database.url, NODE_OPTIONS: SERVICE_NODE_OPTIONS }, 180_000);
    assert.equal(run.code, 0, run.stderr.split('\n').slice(0, 3).join('\n'));
    assert.deepEqual(run.json(), { file: csv, found: ROWS, added: ROWS, alreadyWatched: 0, skipped: 0, snapshot: null });
    const store = await openStore(database.url);
    try {
      const list = await store.watchList();
      assert.equal(list.length, ROWS);
      assert.deepEqual([list[0]?.urn, list.at(-1)?.urn], ['1000000', String(1_000_000 + ROWS - 1)]);
    } finally {
      await store.close();
    }
  });
});
