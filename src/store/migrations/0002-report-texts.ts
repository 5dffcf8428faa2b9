import { textType, type MigrationStep } from './migration-step.js';

/**
 * Keep each report's extracted text (gzip of its pages joined by form feeds), so a better parser can
 * re-derive stored history (`reparse`) without downloading every PDF again. Text, not the PDF: a
 * report's text is ~20 KB compressed where the PDF is hundreds of KB.
 */
export const reportTexts: MigrationStep = {
  async up(db, dialect) {
    await db.schema
      .createTable('report_texts')
      .addColumn('file_id', textType(dialect), (c) => c.primaryKey().references('reports.file_id'))
      .addColumn('pages_gz', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .execute();
  },
};
