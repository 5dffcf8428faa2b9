import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { OfstedMonitorError } from '../../src/errors.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { URN } from './builders.js';

// What only SQLite has: a file on disk, WAL mode, file handles and cross-process locking. These run
// on SQLite whatever TEST_STORE says; the Store contract itself is in kysely-store.test.ts.

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

describe('openStore with sqlite:<path> (SQLite-only: files and WAL)', () => {
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
      assert.deepEqual(names, ['0001-initial', '0002-report-texts', '0003-alerts', '0004-page-hash', '0005-reference-snapshots', '0006-report-retries', '0008-list-indexes', '0009-event-supersession', '0010-provider-latest', '0011-discovery', '0012-webhook-secrets']);
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

  it('reports an unopenable path as one clear error', async () => {
    await assert.rejects(openStore(`sqlite:${join(dir)}`), (error: unknown) => {
      assert.ok(error instanceof OfstedMonitorError);
      assert.match((error as Error).message, /cannot open SQLite database/);
      return true;
    });
  });
});

describe('SqliteStore.close (SQLite-only: file handles via /proc)', () => {
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

});

describe('SqliteStore concurrency (SQLite-only: another process holding the file lock)', () => {
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
