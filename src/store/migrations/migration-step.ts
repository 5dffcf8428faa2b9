import type { Kysely } from 'kysely';

/** The SQL dialects the store runs on; migrations branch on it only where SQL itself differs. */
export type SqlDialect = 'sqlite' | 'postgres';

/** One versioned migration. It receives the dialect so one file serves SQLite and PostgreSQL. */
export interface MigrationStep {
  // Kysely<any> on purpose: a migration describes the schema as it was then, not today's types.
  up(db: Kysely<any>, dialect: SqlDialect): Promise<void>;
}
