import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { KyselyStore, type KyselyStoreOptions } from './kysely-store.js';
import type { Database } from './schema.js';

export interface PostgresStoreOptions extends KyselyStoreOptions {
  /** Connections this process keeps open to the server at most. @defaultValue 5 */
  poolSize?: number;
  /** The server cancels any one statement that runs longer, ms (e.g. stuck behind a lock). @defaultValue 30000 */
  statementTimeoutMs?: number;
  /** How long to wait for a new connection before failing, ms. @defaultValue 10000 */
  connectTimeoutMs?: number;
  /**
   * Told about errors on idle pooled connections (e.g. the server restarted); the pool drops such a
   * connection and opens a new one on the next query. @defaultValue ignore them
   */
  onIdleError?: (error: Error) => void;
}

const DEFAULT_POOL_SIZE = 5;
const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
// A process that dies or hangs inside a transaction must not hold row locks for long.
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * The shared store: PostgreSQL through a `pg` pool, so many workers and daemons can write at once.
 * All queries are KyselyStore's; this class only opens and closes the pool.
 */
export class PostgresStore extends KyselyStore {
  private constructor(db: Kysely<Database>, options: KyselyStoreOptions) {
    super(db, 'postgres', options);
  }

  /**
   * A store over the server `url` names (`postgres://user:password@host:port/database`). Connects
   * lazily, on the first query; does not migrate (call `migrate()`; openStore does).
   */
  static open(url: string, options: PostgresStoreOptions = {}): PostgresStore {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      application_name: 'ofsted-monitor',
    });
    // Without a listener, an idle connection the server drops would crash the process.
    const onIdleError = options.onIdleError ?? (() => undefined);
    pool.on('error', (error) => onIdleError(error));
    return new PostgresStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), options);
  }
}
