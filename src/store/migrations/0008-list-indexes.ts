import type { MigrationStep } from './migration-step.js';

/**
 * Indexes for the HTTP API's pages (issue 11), so each reads a page or a few keys rather than a table:
 * the watchlist page's owner and local-authority filters and the lists of their names, each provider's
 * newest inspection and its grade, and the watchlist in the order it was built. Events need none
 * beyond their key (seq) and events_urn_seq: a page of events walks seq, and no filter but the URN is
 * selective enough for an index to beat that walk (an index on type made SQLite pick it over the URN's).
 */
export const listIndexes: MigrationStep = {
  async up(db) {
    await db.schema.createIndex('providers_owner').on('providers').column('owner').execute();
    await db.schema.createIndex('providers_local_authority').on('providers').column('local_authority').execute();
    await db.schema.createIndex('inspections_urn_start').on('inspections').columns(['urn', 'inspection_start', 'kind']).execute();
    // Covers what the pages read of a report through an inspection (its grade and end date): a report's row
    // holds its whole ParsedReport as JSON, and reading that row for one column was most of the cost.
    await db.schema.createIndex('reports_file_id_grades').on('reports').columns(['file_id', 'overall', 'inspection_end']).execute();
    await db.schema.createIndex('watchlist_added_at_urn').on('watchlist').columns(['added_at', 'urn']).execute();
  },
};
