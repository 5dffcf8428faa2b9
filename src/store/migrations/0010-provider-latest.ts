import { sql } from 'kysely';
import { textType, type MigrationStep } from './migration-step.js';

/**
 * Each provider's newest overall grade and newest inspection date, kept on write (see provider-latest.ts),
 * so the watchlist's grade filter and its grade and date sorts read one row per provider rather than
 * searching each provider's inspections per request (issue 11: those pages dominated the API's p99).
 */
export const providerLatest: MigrationStep = {
  async up(db, dialect) {
    await db.schema
      .createTable('provider_latest')
      .addColumn('urn', textType(dialect), (c) => c.primaryKey())
      .addColumn('grade', textType(dialect))
      .addColumn('last_inspected', textType(dialect))
      .execute();
    await db.schema.createIndex('provider_latest_grade').on('provider_latest').columns(['grade', 'urn']).execute();
    await db.schema.createIndex('provider_latest_inspected').on('provider_latest').columns(['last_inspected', 'urn']).execute();
    // The same readings as refreshProviderLatest, for every provider already stored.
    await sql`insert into provider_latest (urn, grade, last_inspected)
      select i.urn,
        (select r.overall from inspections i2 inner join reports r on r.file_id = i2.file_id
          where i2.urn = i.urn and r.overall is not null order by i2.inspection_start desc, i2.kind desc limit 1),
        max(i.inspection_start)
      from inspections i group by i.urn`.execute(db);
  },
};
