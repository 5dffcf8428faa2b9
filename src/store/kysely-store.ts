import { gunzipSync, gzipSync } from 'node:zlib';
import { Migrator, sql, type Kysely, type Transaction } from 'kysely';
import { OfstedMonitorError } from '../errors.js';
import type { ChangeEvent } from '../ofsted/types.js';
import { migrationProvider, type SqlDialect } from './migrations/index.js';
import {
  eventToRow,
  inspectionIdentity,
  normaliseSince,
  providerToRow,
  reportToRow,
  rowToEvent,
  rowToProvider,
  rowToReport,
  sameIdentity,
  supersedes,
  toHistoryEntry,
  type InspectionIdentity,
} from './row-mapping.js';
import type { Database } from './schema.js';
import type {
  EventFilter,
  HistoryEntry,
  ProviderRecord,
  ScrapeRecord,
  Store,
  StoredReport,
  WatchEntry,
} from './store.js';

export interface KyselyStoreOptions {
  /** Clock for watchlist timestamps. @defaultValue () => new Date() */
  now?: () => Date;
}

// Keeps `IN (...)` lists well under every dialect's bound-parameter limit.
const IN_LIST_CHUNK = 500;

/**
 * The Store over any Kysely dialect. All queries live here and use only SQL that SQLite and
 * PostgreSQL share; a dialect's subclass only opens and closes the connection.
 */
export class KyselyStore implements Store {
  readonly #now: () => Date;

  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: SqlDialect,
    options: KyselyStoreOptions = {},
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider(this.dialect) });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      const reason = error instanceof Error ? error.message : String(error);
      const which = failed ? `database migration ${failed}` : 'database migration';
      throw new OfstedMonitorError(`${which} failed: ${reason}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** Resolves when the database answers a trivial query (for health checks). */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async getProvider(urn: string): Promise<ProviderRecord | null> {
    const row = await this.db.selectFrom('providers').selectAll().where('urn', '=', urn).executeTakeFirst();
    return row ? rowToProvider(row) : null;
  }

  async listProviders(): Promise<ProviderRecord[]> {
    const rows = await this.db.selectFrom('providers').selectAll().orderBy('urn').execute();
    return rows.map(rowToProvider);
  }

  async markProviderClosed(urn: string, at: string): Promise<void> {
    await this.db.updateTable('providers').set({ closed_at: at }).where('urn', '=', urn).execute();
  }

  async listReports(urn: string): Promise<StoredReport[]> {
    const rows = await this.db
      .selectFrom('reports')
      .selectAll()
      .where('urn', '=', urn)
      .orderBy('published_at', (ob) => ob.asc().nullsLast())
      .orderBy('fetched_at')
      .orderBy('file_id')
      .execute();
    return rows.map(rowToReport);
  }

  async listReportFileIds(urn: string): Promise<string[]> {
    const rows = await this.db.selectFrom('reports').select('file_id').where('urn', '=', urn).execute();
    return rows.map((r) => r.file_id);
  }

  async getReport(fileId: string): Promise<StoredReport | null> {
    const row = await this.db.selectFrom('reports').selectAll().where('file_id', '=', fileId).executeTakeFirst();
    return row ? rowToReport(row) : null;
  }

  async history(urn: string): Promise<HistoryEntry[]> {
    const rows = await this.db
      .selectFrom('inspections')
      .innerJoin('reports', 'reports.file_id', 'inspections.file_id')
      .select(['reports.parsed_json', 'reports.file_id', 'reports.url', 'reports.published_at'])
      .where('inspections.urn', '=', urn)
      .where('reports.parsed_json', 'is not', null)
      .$narrowType<{ parsed_json: string }>()
      .orderBy('inspections.inspection_start')
      .orderBy('reports.published_at', (ob) => ob.asc().nullsLast())
      .orderBy('inspections.kind')
      .execute();
    return rows.map(toHistoryEntry);
  }

  async recordScrape(record: ScrapeRecord): Promise<ChangeEvent[]> {
    return this.db.transaction().execute(async (trx) => {
      // The provider upsert comes first on purpose: on PostgreSQL its row lock queues concurrent
      // scrapes of one provider, so everything below reads what the other one committed.
      const provider = providerToRow(record.provider, record.at);
      await trx
        .insertInto('providers')
        .values(provider)
        .onConflict((oc) =>
          oc.column('urn').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            category: eb.ref('excluded.category'),
            provider_type: eb.ref('excluded.provider_type'),
            local_authority: eb.ref('excluded.local_authority'),
            owner: eb.ref('excluded.owner'),
            url: eb.ref('excluded.url'),
            first_scraped_at: eb.fn.coalesce('providers.first_scraped_at', eb.ref('excluded.first_scraped_at')),
            last_scraped_at: eb.ref('excluded.last_scraped_at'),
          })),
        )
        .execute();

      for (const report of record.reports) await writeReport(trx, report);

      const inserted: ChangeEvent[] = [];
      for (const event of record.events) {
        const row = await trx
          .insertInto('events')
          .values(eventToRow(event))
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (row) inserted.push(event);
      }
      return inserted;
    });
  }

  async getReportPages(fileId: string): Promise<string[] | null> {
    const row = await this.db.selectFrom('report_texts').select('pages_gz').where('file_id', '=', fileId).executeTakeFirst();
    return row ? gunzipSync(row.pages_gz).toString('utf8').split('\f') : null;
  }

  async updateReports(reports: readonly StoredReport[]): Promise<void> {
    if (reports.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const report of reports) await writeReport(trx, report);
    });
  }

  async listEvents(filter: EventFilter = {}): Promise<ChangeEvent[]> {
    let query = this.db.selectFrom('events').selectAll();
    if (filter.since !== undefined) query = query.where('at', '>=', normaliseSince(filter.since));
    if (filter.urn !== undefined) query = query.where('urn', '=', filter.urn);
    const rows = await query.orderBy('seq').execute();
    return rows.map(rowToEvent);
  }

  async watchAdd(urns: readonly string[]): Promise<number> {
    if (urns.length === 0) return 0;
    const addedAt = this.#now().toISOString();
    const unique = [...new Set(urns)];
    return this.db.transaction().execute(async (trx) => {
      let added = 0;
      // Multi-row inserts: a 5,600-URN import is a dozen statements, not thousands of round trips.
      for (let i = 0; i < unique.length; i += IN_LIST_CHUNK) {
        const rows = await trx
          .insertInto('watchlist')
          .values(unique.slice(i, i + IN_LIST_CHUNK).map((urn) => ({ urn, added_at: addedAt })))
          .onConflict((oc) => oc.column('urn').doNothing())
          .returning('urn')
          .execute();
        added += rows.length;
      }
      return added;
    });
  }

  async watchRemove(urns: readonly string[]): Promise<number> {
    if (urns.length === 0) return 0;
    const unique = [...new Set(urns)];
    return this.db.transaction().execute(async (trx) => {
      let removed = 0;
      for (let i = 0; i < unique.length; i += IN_LIST_CHUNK) {
        const result = await trx
          .deleteFrom('watchlist')
          .where('urn', 'in', unique.slice(i, i + IN_LIST_CHUNK))
          .executeTakeFirst();
        removed += Number(result.numDeletedRows);
      }
      return removed;
    });
  }

  async watchList(): Promise<WatchEntry[]> {
    const rows = await this.db.selectFrom('watchlist').selectAll().orderBy('added_at').orderBy('urn').execute();
    return rows.map((row) => ({ urn: row.urn, addedAt: row.added_at }));
  }
}

/** Upsert one report (and its text, when given) and keep its inspection pointer right. */
async function writeReport(trx: Transaction<Database>, report: StoredReport): Promise<void> {
  const row = reportToRow(report);
  const { file_id: _key, ...changes } = row;
  await trx
    .insertInto('reports')
    .values(row)
    .onConflict((oc) => oc.column('file_id').doUpdateSet(changes))
    .execute();
  if (report.pages) {
    const pages_gz = gzipSync(Buffer.from(report.pages.join('\f'), 'utf8'));
    await trx
      .insertInto('report_texts')
      .values({ file_id: report.fileId, pages_gz })
      .onConflict((oc) => oc.column('file_id').doUpdateSet({ pages_gz }))
      .execute();
  }
  await pointInspection(trx, report);
}

/**
 * Keep the inspections table pointing at the newest report of each inspection after `report` was
 * written. A re-parse can move a file to another identity (or fail), so pointers it no longer
 * earns are handed back to the best remaining report of that inspection.
 */
async function pointInspection(trx: Transaction<Database>, report: StoredReport): Promise<void> {
  const identity = inspectionIdentity(report);

  const held = await trx.selectFrom('inspections').selectAll().where('file_id', '=', report.fileId).execute();
  for (const row of held) {
    if (identity && sameIdentity(identity, row)) continue;
    const lost = { urn: row.urn, kind: row.kind, inspectionStart: row.inspection_start };
    await trx
      .deleteFrom('inspections')
      .where('urn', '=', lost.urn)
      .where('kind', '=', lost.kind)
      .where('inspection_start', '=', lost.inspectionStart)
      .where('file_id', '=', report.fileId)
      .execute();
    await repointToNewest(trx, lost);
  }
  if (identity) await offerInspection(trx, identity, report.fileId, report.publishedAt);
}

async function repointToNewest(trx: Transaction<Database>, identity: InspectionIdentity): Promise<void> {
  const best = await trx
    .selectFrom('reports')
    .select(['file_id', 'published_at'])
    .where('urn', '=', identity.urn)
    .where('kind', '=', identity.kind)
    .where('inspection_start', '=', identity.inspectionStart)
    .where('status', '=', 'parsed')
    .orderBy('published_at', (ob) => ob.desc().nullsFirst())
    .orderBy('fetched_at', 'desc')
    .executeTakeFirst();
  if (best) await offerInspection(trx, identity, best.file_id, best.published_at);
}

// Rounds of compare-and-swap before giving up; each lost round means another writer committed.
const POINTER_ROUNDS = 8;

/**
 * Point the inspection at `fileId` unless the report it already points at supersedes it. Safe
 * against concurrent writers on PostgreSQL (SQLite serialises them anyway): the insert yields to a
 * row another transaction inserted, and the update only applies if the pointer still holds what was
 * read, so two workers can neither collide on the key nor overwrite a newer report with an older one.
 */
async function offerInspection(
  trx: Transaction<Database>,
  identity: InspectionIdentity,
  fileId: string,
  publishedAt: string | null,
): Promise<void> {
  const key = { urn: identity.urn, kind: identity.kind, inspection_start: identity.inspectionStart };
  for (let round = 0; round < POINTER_ROUNDS; round += 1) {
    const inserted = await trx
      .insertInto('inspections')
      .values({ ...key, file_id: fileId })
      .onConflict((oc) => oc.columns(['urn', 'kind', 'inspection_start']).doNothing())
      .returning('file_id')
      .executeTakeFirst();
    if (inserted) return;

    const current = await trx
      .selectFrom('inspections')
      .innerJoin('reports', 'reports.file_id', 'inspections.file_id')
      .select(['inspections.file_id', 'reports.published_at'])
      .where('inspections.urn', '=', key.urn)
      .where('inspections.kind', '=', key.kind)
      .where('inspections.inspection_start', '=', key.inspection_start)
      .executeTakeFirst();
    if (!current) continue; // removed by another writer since the insert: offer it again
    if (current.file_id === fileId || !supersedes(publishedAt, current.published_at)) return;

    const swapped = await trx
      .updateTable('inspections')
      .set({ file_id: fileId })
      .where('urn', '=', key.urn)
      .where('kind', '=', key.kind)
      .where('inspection_start', '=', key.inspection_start)
      .where('file_id', '=', current.file_id)
      .executeTakeFirst();
    if (Number(swapped.numUpdatedRows) > 0) return;
  }
  throw new OfstedMonitorError(
    `inspection ${identity.urn} ${identity.kind} ${identity.inspectionStart} kept changing under concurrent writers`,
  );
}
