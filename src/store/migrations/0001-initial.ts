import { sql } from 'kysely';
import { textType, type MigrationStep } from './migration-step.js';

// The PostgreSQL branches here were first run when PostgreSQL support arrived (openStore refused it
// before), so giving its text columns the C collation changed no existing database.

export const initial: MigrationStep = {
  async up(db, dialect) {
    const text = textType(dialect);
    await db.schema
      .createTable('providers')
      .addColumn('urn', text, (c) => c.primaryKey())
      .addColumn('name', text)
      .addColumn('category', text, (c) => c.notNull())
      .addColumn('provider_type', text)
      .addColumn('local_authority', text)
      .addColumn('owner', text)
      .addColumn('url', text, (c) => c.notNull())
      .addColumn('first_scraped_at', text)
      .addColumn('last_scraped_at', text)
      .addColumn('closed_at', text)
      .execute();

    await db.schema
      .createTable('reports')
      .addColumn('file_id', text, (c) => c.primaryKey())
      .addColumn('urn', text, (c) => c.notNull().references('providers.urn'))
      .addColumn('url', text, (c) => c.notNull())
      .addColumn('title', text, (c) => c.notNull())
      .addColumn('published_at', text)
      .addColumn('sha256', text)
      .addColumn('parser_version', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('error', text)
      .addColumn('parsed_json', text)
      .addColumn('kind', text)
      .addColumn('inspection_start', text)
      .addColumn('inspection_end', text)
      .addColumn('overall', text)
      .addColumn('interim_outcome', text)
      .addColumn('fetched_at', text, (c) => c.notNull())
      .addCheckConstraint('reports_status_check', sql`status in ('parsed', 'failed')`)
      .execute();
    await db.schema.createIndex('reports_urn_published_at').on('reports').columns(['urn', 'published_at']).execute();

    await db.schema
      .createTable('inspections')
      .addColumn('urn', text, (c) => c.notNull().references('providers.urn'))
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('inspection_start', text, (c) => c.notNull())
      .addColumn('file_id', text, (c) => c.notNull().references('reports.file_id'))
      .addPrimaryKeyConstraint('inspections_pk', ['urn', 'kind', 'inspection_start'])
      .execute();
    await db.schema.createIndex('inspections_file_id').on('inspections').column('file_id').execute();

    // The caller's deterministic id is the identity (UNIQUE); `seq` records insertion order.
    // SQLite only auto-increments an INTEGER PRIMARY KEY, so seq is the primary key on both dialects.
    await db.schema
      .createTable('events')
      .addColumn('seq', 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
      )
      .addColumn('id', text, (c) => c.notNull().unique())
      .addColumn('urn', text, (c) => c.notNull())
      .addColumn('type', text, (c) => c.notNull())
      .addColumn('at', text, (c) => c.notNull())
      .addColumn('inspection_date', text)
      .addColumn('from_value', text)
      .addColumn('to_value', text)
      .addColumn('file_id', text)
      .addColumn('summary', text, (c) => c.notNull())
      .addColumn('backfill', 'integer', (c) => c.notNull().defaultTo(0))
      .addCheckConstraint('events_backfill_check', sql`backfill in (0, 1)`)
      .execute();
    await db.schema.createIndex('events_urn_seq').on('events').columns(['urn', 'seq']).execute();
    await db.schema.createIndex('events_at').on('events').column('at').execute();

    await db.schema
      .createTable('watchlist')
      .addColumn('urn', text, (c) => c.primaryKey())
      .addColumn('added_at', text, (c) => c.notNull())
      .execute();
  },
};
