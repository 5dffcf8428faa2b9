import type { MigrationStep } from './migration-step.js';

/**
 * Indexes for the HTTP API's pages (issue 11), so each reads a page or a few keys rather than a table:
 * the events page and feeds (newest first, by type, without the baseline history), the watchlist
 * page's owner and local-authority filters and the lists of their names, the newest inspection of each
 * provider, the grades stored, and the watchlist in the order it was built.
 */
export const listIndexes: MigrationStep = {
  async up(db) {
    await db.schema.createIndex('events_backfill_seq').on('events').columns(['backfill', 'seq']).execute();
    await db.schema.createIndex('events_type_seq').on('events').columns(['type', 'seq']).execute();
    await db.schema.createIndex('providers_owner').on('providers').column('owner').execute();
    await db.schema.createIndex('providers_local_authority').on('providers').column('local_authority').execute();
    await db.schema.createIndex('inspections_urn_start').on('inspections').columns(['urn', 'inspection_start']).execute();
    await db.schema.createIndex('reports_overall').on('reports').column('overall').execute();
    await db.schema.createIndex('watchlist_added_at_urn').on('watchlist').columns(['added_at', 'urn']).execute();
  },
};
