import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * Re-derive `urn`'s row of provider_latest from its inspections: the overall grade of its newest graded
 * inspection (by start, then kind, as the dashboard's summaries read it) and its newest inspection's start.
 * Called in the transaction that changed the provider's inspections, so the two never disagree.
 */
export async function refreshProviderLatest(db: Kysely<Database> | Transaction<Database>, urn: string): Promise<void> {
  const graded = await db
    .selectFrom('inspections')
    .innerJoin('reports', 'reports.file_id', 'inspections.file_id')
    .select('reports.overall')
    .where('inspections.urn', '=', urn)
    .where('reports.overall', 'is not', null)
    .orderBy('inspections.inspection_start', 'desc')
    .orderBy('inspections.kind', 'desc')
    .limit(1)
    .executeTakeFirst();
  const newest = await db
    .selectFrom('inspections')
    .select((eb) => eb.fn.max('inspection_start').as('start'))
    .where('urn', '=', urn)
    .executeTakeFirst();
  const lastInspected = newest?.start ?? null;
  if (lastInspected === null) {
    await db.deleteFrom('provider_latest').where('urn', '=', urn).execute();
    return;
  }
  const values = { grade: graded?.overall ?? null, last_inspected: lastInspected };
  await db
    .insertInto('provider_latest')
    .values({ urn, ...values })
    .onConflict((oc) => oc.column('urn').doUpdateSet(values))
    .execute();
}
