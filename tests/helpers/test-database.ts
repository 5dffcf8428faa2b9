import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

// Which store the suite runs against: `TEST_STORE=postgres` (with TEST_POSTGRES_URL naming a server
// the tests may create databases on) or, by default, SQLite files in temp dirs.

export type TestStoreKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  /** A DATABASE_URL for a fresh, empty database nobody else uses. */
  url: string;
  /** Drop the database (or delete the file); safe to call twice. */
  cleanup(): Promise<void>;
}

/** The store this run tests: TEST_STORE (`sqlite` or `postgres`), `sqlite` when unset. */
export function testStoreKind(): TestStoreKind {
  const kind = process.env.TEST_STORE || 'sqlite';
  // A typo must not quietly test SQLite twice in CI.
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`TEST_STORE must be sqlite or postgres, not ${JSON.stringify(kind)}`);
  return kind;
}

/** The server Postgres-only tests use, or null when none is configured (they skip). */
export function testPostgresUrl(): string | null {
  return process.env.TEST_POSTGRES_URL || null;
}

/** A fresh database of the kind this run tests; drop it with `cleanup`. */
export async function testDatabaseUrl(): Promise<TestDatabase> {
  return testStoreKind() === 'postgres' ? freshPostgresDatabase() : freshSqliteDatabase();
}

/** A temp-dir SQLite file, whatever TEST_STORE says (for tests about SQLite itself). */
export async function freshSqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'ofsted-monitor-db-'));
  return {
    url: `sqlite:${join(dir, 'monitor.db')}`,
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A new database on the TEST_POSTGRES_URL server, named uniquely so parallel test files never meet.
 * `options` are appended to CREATE DATABASE (e.g. a locale, to test collation).
 */
export async function freshPostgresDatabase(options = ''): Promise<TestDatabase> {
  const server = testPostgresUrl();
  if (!server) {
    throw new Error('TEST_STORE=postgres needs TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:56432/postgres)');
  }
  const name = `om_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await admin(server, `create database ${name} ${options}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    async cleanup() {
      if (dropped) return;
      dropped = true;
      // FORCE: a test that failed before closing its store must not leave the database behind.
      await admin(server, `drop database if exists ${name} with (force)`);
    },
  };
}

async function admin(server: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: server, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
