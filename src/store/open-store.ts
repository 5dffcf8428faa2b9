import { resolve } from 'node:path';
import { BadInputError, OfstedMonitorError } from '../errors.js';
import type { PostgresStoreOptions } from './postgres-store.js';
import { redactDatabaseUrl, scrubDatabaseUrl } from './redact-database-url.js';
import { SQLITE_MEMORY, SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/** Where a DATABASE_URL points: an SQLite file (or memory) or a PostgreSQL server. */
export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/**
 * Read a DATABASE_URL: `sqlite:<path>` (relative to the working directory), `sqlite:///abs/path`,
 * `sqlite::memory:`, or `postgres://…` / `postgresql://…`.
 */
export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  const url = databaseUrl.trim();
  if (/^postgres(?:ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  if (url.toLowerCase().startsWith('sqlite:')) {
    let path = url.slice('sqlite:'.length);
    // URL-style sqlite:///abs/path (and sqlite://rel/path) mean the same as sqlite:/abs/path.
    if (path.startsWith('//')) path = path.slice(2);
    if (path === SQLITE_MEMORY) return { kind: 'sqlite', path };
    if (path === '') {
      throw new BadInputError('DATABASE_URL "sqlite:" names no file (expected e.g. sqlite:./data/ofsted-monitor.db)');
    }
    return { kind: 'sqlite', path: resolve(path) };
  }
  throw new BadInputError('DATABASE_URL must start with sqlite: or postgres:// (e.g. sqlite:./data/ofsted-monitor.db)');
}

/** Options for openStore; the pool settings apply to PostgreSQL only. */
export type OpenStoreOptions = PostgresStoreOptions;

/** Open the store a DATABASE_URL names and bring its schema up to date. */
export async function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<Store> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'postgres') return openPostgres(target.url, options);
  const store = SqliteStore.open(target.path, options);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

async function openPostgres(url: string, options: OpenStoreOptions): Promise<Store> {
  // Loaded only for PostgreSQL: pg costs an SQLite user's every command a tenth of a second at start-up.
  const { PostgresStore } = await import('./postgres-store.js');
  const store = PostgresStore.open(url, options);
  const where = redactDatabaseUrl(url);
  try {
    await store.ping();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw new OfstedMonitorError(`cannot reach PostgreSQL at ${where}: ${scrubDatabaseUrl(reasonOf(error), url)}`, {
      cause: error,
    });
  }
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw new OfstedMonitorError(`${scrubDatabaseUrl(reasonOf(error), url)} (PostgreSQL at ${where})`, { cause: error });
  }
  return store;
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
