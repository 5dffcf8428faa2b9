import { textType, type MigrationStep } from './migration-step.js';

/**
 * Each provider's page fingerprint as of the last read after which everything the page listed was
 * stored: a sweep that fetches the same content again skips reading it (see page-fingerprint.ts).
 */
export const pageHash: MigrationStep = {
  async up(db, dialect) {
    await db.schema.alterTable('providers').addColumn('page_hash', textType(dialect)).execute();
  },
};
