import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { OfstedMonitorError } from '../errors.js';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect.js';
import { KyselyStore, type KyselyStoreOptions } from './kysely-store.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';

/** SQLite's name for a private in-memory database. */
export const SQLITE_MEMORY = ':memory:';

/** How long a writer waits for another connection's lock before failing, ms. */
const BUSY_TIMEOUT_MS = 5000;

/** The embedded store: one SQLite file (WAL mode), shared safely by several processes. */
export class SqliteStore extends KyselyStore {
  readonly #sqlite: BetterSqlite3.Database;

  private constructor(sqlite: BetterSqlite3.Database, options: KyselyStoreOptions) {
    super(new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) }), 'sqlite', options);
    this.#sqlite = sqlite;
  }

  /**
   * Open (creating it and its parent directories if needed) the database file at `path`, or a
   * private in-memory database for `:memory:`. Does not migrate; call `migrate()` (openStore does).
   */
  static open(path: string, options: KyselyStoreOptions = {}): SqliteStore {
    let sqlite: BetterSqlite3.Database;
    try {
      if (path !== SQLITE_MEMORY) mkdirSync(dirname(path), { recursive: true });
      sqlite = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
      sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      // WAL lets readers (dashboard, CLI) run while a worker writes; in-memory databases ignore it.
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('foreign_keys = ON');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new OfstedMonitorError(`cannot open SQLite database ${path}: ${reason}`, { cause: error });
    }
    return new SqliteStore(sqlite, options);
  }

  override async close(): Promise<void> {
    await super.close();
    // Kysely only closes a database it has used; make sure the file handle is released either way.
    if (this.#sqlite.open) this.#sqlite.close();
  }
}
