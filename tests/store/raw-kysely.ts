import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { parseDatabaseUrl } from '../../src/store/open-store.js';

/** An untyped Kysely on a test database, to lay out what an older release left behind. */
export function rawKysely(url: string): Kysely<any> {
  const target = parseDatabaseUrl(url);
  if (target.kind === 'postgres') return new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 1 }) }) });
  return new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(target.path) }) });
}
