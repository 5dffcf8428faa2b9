import { textType, type MigrationStep } from './migration-step.js';

/**
 * Discovery and scopes (issue 12): the high-water mark of each searched category (the last day a discovery
 * pass read completely), the scopes watched (a category, optionally one local authority and/or owner), and
 * on the watchlist the day from which a provider's reports are news when discovery added it inside a scope
 * after the scope's baseline (a new registration): its first scrape then alerts instead of being a baseline.
 */
export const discovery: MigrationStep = {
  async up(db, dialect) {
    const text = textType(dialect);
    await db.schema
      .createTable('discovery_marks')
      .addColumn('category', text, (c) => c.primaryKey())
      .addColumn('high_water', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('watch_scopes')
      .addColumn('category', text, (c) => c.notNull())
      // '' for "any": a primary key cannot hold NULL, and '' is one value.
      .addColumn('local_authority', text, (c) => c.notNull())
      .addColumn('owner', text, (c) => c.notNull())
      .addColumn('added_at', text, (c) => c.notNull())
      .addColumn('baselined_at', text)
      .addPrimaryKeyConstraint('watch_scopes_pk', ['category', 'local_authority', 'owner'])
      .execute();
    await db.schema.alterTable('watchlist').addColumn('news_since', text).execute();
  },
};
