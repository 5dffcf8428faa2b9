import { sql, type Expression, type Kysely } from 'kysely';

/** The SQL dialects the store runs on; migrations branch on it only where SQL itself differs. */
export type SqlDialect = 'sqlite' | 'postgres';

/** One versioned migration. It receives the dialect so one file serves SQLite and PostgreSQL. */
export interface MigrationStep {
  // Kysely<any> on purpose: a migration describes the schema as it was then, not today's types.
  up(db: Kysely<any>, dialect: SqlDialect): Promise<void>;
}

/**
 * The column type for text. SQLite compares text byte by byte; PostgreSQL uses the database's locale
 * (en_US orders 'a' < 'B', the C locale 'B' < 'a'), so there every text column is collated "C" and
 * ORDER BY and range comparisons on ISO timestamps mean the same on both stores.
 */
export function textType(dialect: SqlDialect): 'text' | Expression<unknown> {
  return dialect === 'postgres' ? sql`text collate "C"` : 'text';
}
