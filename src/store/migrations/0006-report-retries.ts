import { sql } from 'kysely';
import { textType, type MigrationStep } from './migration-step.js';

/**
 * An unread report is tried again (issue 11): each report row says why it is unread (`failure`), how many
 * attempts in a row have failed (`attempts`), when it is next tried (`retry_at`), and whether it came in its
 * provider's baseline (`backfill`, so that what it raises once read is history, not news).
 *
 * Failed reports stored before this were never tried again, whatever went wrong (the fault run left 13 of
 * 228 failed long after the site had recovered). They are made due now, with no failure class (their
 * message text is not evidence of one), and their providers' page fingerprints are dropped so the next
 * sweep reads the page again. One stored before its provider's first scrape completed was in the baseline.
 */
export const reportRetries: MigrationStep = {
  async up(db, dialect) {
    const text = textType(dialect);
    await db.schema
      .alterTable('reports')
      .addColumn('failure', text, (c) => c.check(sql`failure in ('transport', 'unreadable', 'withdrawn')`))
      .execute();
    await db.schema.alterTable('reports').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('reports').addColumn('retry_at', text).execute();
    await db.schema.alterTable('reports').addColumn('backfill', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    // The daemon asks every minute which reports are due: only unread ones ever have a retry time.
    await db.schema.createIndex('reports_retry_at').on('reports').column('retry_at').execute();

    await db.updateTable('reports').set({ retry_at: sql`fetched_at` }).where('status', '=', 'failed').execute();
    await db
      .updateTable('reports')
      .set({ backfill: 1 })
      .where('status', '=', 'failed')
      .where(sql<boolean>`fetched_at <= (select p.first_scraped_at from providers p where p.urn = reports.urn)`)
      .execute();
    await db
      .updateTable('providers')
      .set({ page_hash: null })
      .where('urn', 'in', db.selectFrom('reports').select('urn').where('status', '=', 'failed'))
      .execute();
  },
};
