import { sql } from 'kysely';
import { textType, type MigrationStep } from './migration-step.js';

/**
 * Ofsted's own provider-level data, kept as imported (issue 10): what each file states, so the daemon can
 * compare it with what it parsed once the providers it lists have been scraped, and only once. The id is
 * a hash of what the file states, so importing the same data again adds nothing.
 */
export const referenceSnapshots: MigrationStep = {
  async up(db, dialect) {
    const text = textType(dialect);
    await db.schema
      .createTable('reference_snapshots')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('file_name', text, (c) => c.notNull())
      .addColumn('imported_at', text, (c) => c.notNull())
      .addColumn('urn_count', 'integer', (c) => c.notNull())
      .addColumn('inspection_count', 'integer', (c) => c.notNull())
      // gzip of the JSON of { urns, inspections }: a 5,600-provider file is ~100 KB this way.
      .addColumn('data_gz', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('reconciled_at', text)
      .addColumn('outcome_json', text)
      .addCheckConstraint('reference_snapshots_outcome_check', sql`(reconciled_at is null) = (outcome_json is null)`)
      .execute();
  },
};
