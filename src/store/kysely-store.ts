import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  Migrator,
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  type Transaction,
} from 'kysely';
import type {
  NewOutboxMessage,
  NewSubscription,
  OutboxMessage,
  ScrapeHealth,
  Subscription,
  SubscriptionFilter,
} from '../alerts/types.js';
import { OfstedMonitorError } from '../errors.js';
import type { ChangeEvent } from '../ofsted/types.js';
import type { EventType, Grade, ReportKind } from '../ofsted/vocabulary.js';
import {
  messageToRow,
  nextScrapeHealth,
  rowToMessage,
  rowToScrapeHealth,
  rowToSubscription,
  subscriptionFilterValue,
  subscriptionToRow,
  type ScrapeOutcome,
} from './alerts-row-mapping.js';
import * as lists from './list-queries.js';
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
import { refreshProviderLatest } from './provider-latest.js';
import type { Database } from './schema.js';
import type {
  AddedSubscription,
  EventFilter,
  EventListFilter,
  EventPageQuery,
  HistoryEntry,
  KeyedEvent,
  MessageFilter,
  NewReferenceSnapshot,
  NewSigningSecret,
  ProviderRecord,
  ProviderSummary,
  ProviderSummaryPage,
  ReferenceSnapshot,
  ReportState,
  ScrapeRecord,
  SnapshotData,
  SnapshotOutcome,
  StagedImport,
  Store,
  StoredReport,
  ScopeKey,
  WatchCategory,
  WatchEntry,
  WatchScope,
  WatchedProviderQuery,
} from './store.js';

export interface KyselyStoreOptions {
  /** Clock for watchlist timestamps. @defaultValue () => new Date() */
  now?: () => Date;
}

// Keeps `IN (...)` lists well under every dialect's bound-parameter limit.
const IN_LIST_CHUNK = 500;
// Outbox rows have ~20 columns, so fewer per multi-row insert for the same bound.
const MESSAGE_CHUNK = 100;

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

  async getProviderState(urn: string): Promise<(ProviderRecord & { pageHash: string | null }) | null> {
    const row = await this.db.selectFrom('providers').selectAll().where('urn', '=', urn).executeTakeFirst();
    return row ? { ...rowToProvider(row), pageHash: row.page_hash } : null;
  }

  async listProviderSummaries(): Promise<ProviderSummary[]> {
    return lists.providerSummaries(this.db, null);
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

  async listReportStates(urn: string): Promise<ReportState[]> {
    const rows = await this.db
      .selectFrom('reports')
      .select(['file_id', 'status', 'failure', 'attempts', 'retry_at', 'sha256', 'parser_version', 'backfill'])
      .where('urn', '=', urn)
      .execute();
    return rows.map((r) => ({
      fileId: r.file_id,
      parsed: r.status === 'parsed',
      failure: r.failure,
      attempts: r.attempts,
      retryAt: r.retry_at,
      sha256: r.sha256,
      parserVersion: r.parser_version,
      backfill: r.backfill === 1,
    }));
  }

  async listReportRetriesDue(o: { now: string; parserVersion: string; limit: number }): Promise<{ urn: string; retryAt: string | null }[]> {
    const rows = await this.db
      .selectFrom('reports')
      .innerJoin('watchlist', 'watchlist.urn', 'reports.urn')
      .select((eb) => ['reports.urn', eb.fn.min('reports.retry_at').as('retry_at')])
      .where('reports.status', '=', 'failed')
      .where((eb) =>
        eb.or([
          eb('reports.retry_at', '<=', o.now),
          eb.and([eb('reports.failure', '=', 'unreadable'), eb('reports.retry_at', 'is', null), eb('reports.parser_version', '<>', o.parserVersion)]),
        ]),
      )
      .groupBy('reports.urn')
      .orderBy('retry_at', (ob) => ob.asc().nullsLast())
      .orderBy('reports.urn')
      .limit(o.limit)
      .execute();
    return rows.map((r) => ({ urn: r.urn, retryAt: r.retry_at ?? null }));
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
    // The daily case, a provider with nothing new: one statement is atomic on its own.
    const superseded = record.superseded ?? [];
    if (record.reports.length === 0 && record.events.length === 0 && superseded.length === 0) {
      await upsertProvider(this.db, record);
      return [];
    }
    return this.db.transaction().execute(async (trx) => {
      // The provider upsert comes first on purpose: on PostgreSQL its row lock queues concurrent
      // scrapes of one provider, so everything below reads what the other one committed.
      await upsertProvider(trx, record);

      for (const report of record.reports) await writeReport(trx, report);

      // A comparison that stands again (its claim made anew) is no longer superseded; it was raised once already.
      const ids = [...new Set(record.events.map((e) => e.id))];
      for (let i = 0; i < ids.length; i += IN_LIST_CHUNK) {
        await trx
          .updateTable('events')
          .set({ superseded_by: null })
          .where('id', 'in', ids.slice(i, i + IN_LIST_CHUNK))
          .where('superseded_by', 'is not', null)
          .execute();
      }
      for (const s of superseded) {
        await trx.updateTable('events').set({ superseded_by: s.by }).where('id', '=', s.id).where('superseded_by', 'is', null).execute();
      }

      const inserted: ChangeEvent[] = [];
      for (const event of record.events) {
        const row = await trx
          .insertInto('events')
          // A restatement alerts nobody: stored as planned, the outbox never picks it up.
          .values({ ...eventToRow(event), alerts_planned_at: event.restates ? record.at : null })
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

  async getEvent(id: string): Promise<ChangeEvent | null> {
    const row = await this.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? rowToEvent(row) : null;
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

  async watchImport(
    batches: AsyncIterable<readonly string[] | 'restart'>,
    beforeAdd?: (staged: StagedImport) => Promise<void> | void,
  ): Promise<{ found: number; added: number }> {
    const addedAt = this.#now().toISOString();
    // One connection throughout: a temporary table belongs to the connection (PostgreSQL's pool has several).
    return this.db.connection().execute(async (db) => {
      // Staged outside any transaction (a temporary table takes no lock on the store), so workers sharing
      // the database wait only for the final insert, not for the whole file to be read.
      await sql`create temporary table watch_import (urn text primary key)`.execute(db);
      try {
        for await (const batch of batches) {
          if (batch === 'restart') {
            await sql`delete from watch_import`.execute(db);
            continue;
          }
          if (batch.length === 0) continue;
          // The batch as one parameter (a JSON array, a PostgreSQL array): a statement of thousands of
          // placeholders costs more to build than to run.
          const urns = this.dialect === 'postgres' ? sql`unnest(${[...batch]}::text[])` : sql`value from json_each(${JSON.stringify(batch)}) where true`;
          await sql`insert into watch_import (urn) select ${urns} on conflict (urn) do nothing`.execute(db);
        }
        const counted = await sql<{ n: number | string }>`select count(*) as n from watch_import`.execute(db);
        const found = Number(counted.rows[0]?.n ?? 0);
        if (beforeAdd) {
          const watched = await sql<{ n: number | string }>`select count(*) as n from watch_import w join watchlist l on l.urn = w.urn`.execute(db);
          const unwatched = async (urns: readonly string[]) => {
            const left = new Set(urns);
            const unique = [...left];
            for (let i = 0; i < unique.length; i += IN_LIST_CHUNK) {
              const rows = await db.selectFrom('watchlist').select('urn').where('urn', 'in', unique.slice(i, i + IN_LIST_CHUNK)).execute();
              for (const row of rows) left.delete(row.urn);
            }
            return left;
          };
          await beforeAdd({ found, alreadyWatched: Number(watched.rows[0]?.n ?? 0), unwatched });
        }
        // "where true": SQLite cannot otherwise tell this ON CONFLICT from a join constraint of the SELECT.
        const inserted = await db
          .transaction()
          .execute((trx) => sql`insert into watchlist (urn, added_at) select urn, ${addedAt} from watch_import where true on conflict (urn) do nothing`.execute(trx));
        return { found, added: Number(inserted.numAffectedRows ?? 0n) };
      } finally {
        await sql`drop table watch_import`.execute(db);
      }
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
    const rows = await this.db.selectFrom('watchlist').select(['urn', 'added_at']).orderBy('added_at').orderBy('urn').execute();
    return rows.map((row) => ({ urn: row.urn, addedAt: row.added_at }));
  }

  async watchAddNews(urns: readonly string[], newsSince: string): Promise<number> {
    const unique = [...new Set(urns)];
    if (unique.length === 0) return 0;
    const addedAt = this.#now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      let added = 0;
      for (let i = 0; i < unique.length; i += IN_LIST_CHUNK) {
        const rows = await trx
          .insertInto('watchlist')
          .values(unique.slice(i, i + IN_LIST_CHUNK).map((urn) => ({ urn, added_at: addedAt, news_since: newsSince })))
          .onConflict((oc) => oc.column('urn').doNothing())
          .returning('urn')
          .execute();
        added += rows.length;
      }
      return added;
    });
  }

  async watchNewsSince(urn: string): Promise<string | null> {
    const row = await this.db.selectFrom('watchlist').select('news_since').where('urn', '=', urn).executeTakeFirst();
    return row?.news_since ?? null;
  }

  async addWatchScope(scope: ScopeKey, at: string): Promise<boolean> {
    const rows = await this.db
      .insertInto('watch_scopes')
      .values({ ...scopeRow(scope), added_at: at, baselined_at: null })
      .onConflict((oc) => oc.columns(['category', 'local_authority', 'owner']).doNothing())
      .returning('category')
      .execute();
    return rows.length > 0;
  }

  async removeWatchScope(scope: ScopeKey): Promise<boolean> {
    const k = scopeRow(scope);
    const result = await this.db
      .deleteFrom('watch_scopes')
      .where('category', '=', k.category)
      .where('local_authority', '=', k.local_authority)
      .where('owner', '=', k.owner)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listWatchScopes(): Promise<WatchScope[]> {
    const rows = await this.db.selectFrom('watch_scopes').selectAll().orderBy('added_at').orderBy('category').orderBy('local_authority').orderBy('owner').execute();
    return rows.map((r) => ({
      category: r.category as WatchCategory,
      localAuthority: r.local_authority || null,
      owner: r.owner || null,
      addedAt: r.added_at,
      baselinedAt: r.baselined_at,
    }));
  }

  async markWatchScopeBaselined(scope: ScopeKey, at: string): Promise<void> {
    const k = scopeRow(scope);
    await this.db
      .updateTable('watch_scopes')
      .set({ baselined_at: at })
      .where('category', '=', k.category)
      .where('local_authority', '=', k.local_authority)
      .where('owner', '=', k.owner)
      .where('baselined_at', 'is', null)
      .execute();
  }

  async discoveryMarks(): Promise<Map<WatchCategory, string>> {
    const rows = await this.db.selectFrom('discovery_marks').select(['category', 'high_water']).execute();
    return new Map(rows.map((r) => [r.category as WatchCategory, r.high_water]));
  }

  async setDiscoveryMark(category: WatchCategory, highWater: string, at: string): Promise<void> {
    await this.db
      .insertInto('discovery_marks')
      .values({ category, high_water: highWater, updated_at: at })
      .onConflict((oc) =>
        oc.column('category').doUpdateSet({ high_water: highWater, updated_at: at }).where('discovery_marks.high_water', '<', highWater),
      )
      .execute();
  }

  async latestPublished(urns: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const unique = [...new Set(urns)];
    for (let i = 0; i < unique.length; i += IN_LIST_CHUNK) {
      const rows = await this.db
        .selectFrom('reports')
        .select(['urn', (eb) => eb.fn.max('published_at').as('latest')])
        .where('urn', 'in', unique.slice(i, i + IN_LIST_CHUNK))
        .groupBy('urn')
        .execute();
      for (const r of rows) if (r.latest) out.set(r.urn, r.latest);
    }
    return out;
  }

  // --- Alerts ---------------------------------------------------------------------------------------

  async addSubscription(s: NewSubscription, at: string, signing?: NewSigningSecret): Promise<AddedSubscription> {
    const id = randomUUID();
    let secret: string | null = null;
    let fresh = false;
    if (s.channel === 'webhook') {
      const existing = await this.db
        .selectFrom('subscriptions')
        .select('signing_secret')
        .where('channel', '=', 'webhook')
        .where('target', '=', s.target)
        .where('signing_secret', 'is not', null)
        .executeTakeFirst();
      secret = existing?.signing_secret ?? signing?.secret ?? null;
      fresh = !existing && secret !== null;
    }
    const row = await this.db
      .insertInto('subscriptions')
      .values({ ...subscriptionToRow(s, id, at), signing_secret: secret })
      .onConflict((oc) =>
        oc.columns(['channel', 'target', 'scope', 'value']).doUpdateSet((eb) => ({
          events_json: eb.ref('excluded.events_json'),
          mode: eb.ref('excluded.mode'),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    // On conflict the existing row (with its own id) comes back, so the id tells which happened.
    const created = row.id === id;
    return { subscription: rowToSubscription(row), created, ...(created && fresh && secret !== null && { newSigningSecret: secret }) };
  }

  async getSigningSecret(subscriptionId: string): Promise<string | null> {
    const row = await this.db.selectFrom('subscriptions').select('signing_secret').where('id', '=', subscriptionId).executeTakeFirst();
    return row?.signing_secret ?? null;
  }

  async getSubscription(id: string): Promise<Subscription | null> {
    const row = await this.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? rowToSubscription(row) : null;
  }

  async listSubscriptions(filter: SubscriptionFilter = {}): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where(subscriptionMatches(filter))
      .orderBy('created_at')
      .orderBy('channel')
      .orderBy('target')
      .orderBy('scope')
      .orderBy('value')
      .execute();
    return rows.map(rowToSubscription);
  }

  async removeSubscriptions(filter: SubscriptionFilter): Promise<number> {
    if (Object.values(filter).every((v) => v === undefined)) return 0;
    const result = await this.db.deleteFrom('subscriptions').where(subscriptionMatches(filter)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async listUnplannedEvents(limit: number): Promise<ChangeEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('backfill', '=', 0)
      .where('alerts_planned_at', 'is', null)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(rowToEvent);
  }

  async queueMessages(
    messages: readonly NewOutboxMessage[],
    plannedEventIds: readonly string[],
    at: string,
  ): Promise<number> {
    const byKey = new Map<string, NewOutboxMessage>();
    for (const m of messages) if (!byKey.has(m.key)) byKey.set(m.key, m);
    const fresh = [...byKey.values()];
    const eventIds = [...new Set(plannedEventIds)];
    if (fresh.length === 0 && eventIds.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      let added = 0;
      for (let i = 0; i < fresh.length; i += MESSAGE_CHUNK) {
        const rows = await trx
          .insertInto('outbox_messages')
          .values(fresh.slice(i, i + MESSAGE_CHUNK).map((m) => messageToRow(m, at)))
          .onConflict((oc) => oc.column('key').doNothing())
          .returning('key')
          .execute();
        added += rows.length;
      }
      for (let i = 0; i < eventIds.length; i += IN_LIST_CHUNK) {
        await trx
          .updateTable('events')
          .set({ alerts_planned_at: at })
          .where('id', 'in', eventIds.slice(i, i + IN_LIST_CHUNK))
          .where('alerts_planned_at', 'is', null)
          .execute();
      }
      return added;
    });
  }

  async getMessage(key: string): Promise<OutboxMessage | null> {
    const row = await this.db.selectFrom('outbox_messages').selectAll().where('key', '=', key).executeTakeFirst();
    return row ? rowToMessage(row) : null;
  }

  async listMessages(filter: MessageFilter = {}): Promise<OutboxMessage[]> {
    let query = this.db.selectFrom('outbox_messages').selectAll();
    if (filter.eventId !== undefined) query = query.where('event_id', '=', filter.eventId);
    if (filter.recipient !== undefined) query = query.where('recipient', '=', filter.recipient);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
    const rows = await query.orderBy('created_at').orderBy('seq').execute();
    return rows.map(rowToMessage);
  }

  async listDueMessages(now: string, limit: number, filter: { eventId?: string } = {}): Promise<OutboxMessage[]> {
    let query = this.db.selectFrom('outbox_messages').selectAll().where(dueAt(now));
    if (filter.eventId !== undefined) query = query.where('event_id', '=', filter.eventId);
    const rows = await query.orderBy('created_at').orderBy('seq').limit(limit).execute();
    return rows.map(rowToMessage);
  }

  async claimMessage(key: string, now: string, leaseUntil: string): Promise<boolean> {
    // One conditional UPDATE: on PostgreSQL a second claimer waits for the first one's row lock and
    // then re-checks the condition against the leased row, so only one of them changes it.
    const result = await this.db
      .updateTable('outbox_messages')
      .set({ lease_until: leaseUntil })
      .where('key', '=', key)
      .where(dueAt(now))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async markMessageSent(key: string, at: string): Promise<void> {
    // An already-sent message keeps its first sentAt (a second sender whose lease ran out).
    await this.db
      .updateTable('outbox_messages')
      .set({ status: 'sent', sent_at: at, lease_until: null })
      .where('key', '=', key)
      .where('status', '<>', 'sent')
      .execute();
  }

  async markMessageFailed(
    key: string,
    error: string,
    o: { at: string; nextAttemptAt: string } | { at: string; status: 'rejected' | 'failed' },
  ): Promise<void> {
    const outcome = 'nextAttemptAt' in o ? { status: 'pending', next_attempt_at: o.nextAttemptAt } : { status: o.status };
    // Only a pending message: a late failure report must not undo another sender's success.
    await this.db
      .updateTable('outbox_messages')
      .set((eb) => ({ ...outcome, attempts: eb('attempts', '+', 1), last_error: error, lease_until: null }))
      .where('key', '=', key)
      .where('status', '=', 'pending')
      .execute();
  }

  async listHeldMessages(): Promise<OutboxMessage[]> {
    const rows = await this.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('status', '=', 'held')
      .orderBy('created_at')
      .orderBy('seq')
      .execute();
    return rows.map(rowToMessage);
  }

  async queueDigest(digest: NewOutboxMessage, heldKeys: readonly string[], at: string): Promise<boolean> {
    const keys = [...new Set(heldKeys)];
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('outbox_messages')
        .values(messageToRow(digest, at))
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!inserted) return false;
      for (let i = 0; i < keys.length; i += IN_LIST_CHUNK) {
        await trx
          .updateTable('outbox_messages')
          .set({ status: 'digested', digest_key: digest.key })
          .where('key', 'in', keys.slice(i, i + IN_LIST_CHUNK))
          .where('status', '=', 'held')
          .execute();
      }
      return true;
    });
  }

  async recordScrapeOutcome(
    urn: string,
    outcome: ScrapeOutcome,
  ): Promise<{ previous: ScrapeHealth | null; current: ScrapeHealth }> {
    return this.db.transaction().execute(async (trx) => {
      // Insert-if-absent first: on PostgreSQL a concurrent first outcome for the URN waits on this
      // row, and FOR UPDATE below queues later ones, so each sees the state the other committed.
      // (SQLite's BEGIN IMMEDIATE serialises writers already.)
      const created = await trx
        .insertInto('scrape_health')
        .values({ urn, failures: 0, failing_since: null, last_error: null, alerted_at: null })
        .onConflict((oc) => oc.column('urn').doNothing())
        .returning('urn')
        .executeTakeFirst();
      let previous: ScrapeHealth | null = null;
      if (!created) {
        const row = await trx
          .selectFrom('scrape_health')
          .selectAll()
          .where('urn', '=', urn)
          .$if(this.dialect === 'postgres', (q) => q.forUpdate())
          .executeTakeFirstOrThrow();
        previous = rowToScrapeHealth(row);
      }
      const current = nextScrapeHealth(urn, previous, outcome);
      await trx
        .updateTable('scrape_health')
        .set({
          failures: current.failures,
          failing_since: current.failingSince,
          last_error: current.lastError,
          alerted_at: current.alertedAt,
        })
        .where('urn', '=', urn)
        .execute();
      return { previous, current };
    });
  }

  async getScrapeHealth(urn: string): Promise<ScrapeHealth | null> {
    const row = await this.db.selectFrom('scrape_health').selectAll().where('urn', '=', urn).executeTakeFirst();
    return row ? rowToScrapeHealth(row) : null;
  }

  async markScrapeFailureAlerted(urn: string, at: string): Promise<void> {
    // Not once the URN has recovered: a stale alertedAt would silence the next run's alert.
    await this.db
      .updateTable('scrape_health')
      .set({ alerted_at: at })
      .where('urn', '=', urn)
      .where('failures', '>', 0)
      .execute();
  }

  async countReportsFetchedSince(since: string): Promise<{ total: number; unreadable: number }> {
    const row = await this.db
      .selectFrom('reports')
      .select((eb) => [
        eb.fn.countAll<number | string | bigint>().as('total'),
        eb.fn.count<number | string | bigint>(eb.case().when('status', '=', 'failed').then(1).end()).as('unreadable'),
      ])
      .where('fetched_at', '>=', normaliseSince(since))
      .executeTakeFirstOrThrow();
    // PostgreSQL returns counts as bigint text.
    return { total: Number(row.total), unreadable: Number(row.unreadable) };
  }

  async ensureSetting(name: string, create: () => string): Promise<string> {
    const existing = await this.readSetting(name);
    if (existing !== null) return existing;
    // A racing process may insert first; then its value stands and both read it back.
    await this.db
      .insertInto('settings')
      .values({ name, value: create() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const stored = await this.readSetting(name);
    if (stored === null) throw new OfstedMonitorError(`setting ${name} vanished right after it was stored`);
    return stored;
  }

  // --- Reference snapshots ---------------------------------------------------------------------------

  async addReferenceSnapshot(snapshot: NewReferenceSnapshot): Promise<boolean> {
    const row = await this.db
      .insertInto('reference_snapshots')
      .values({
        id: snapshot.id,
        file_name: snapshot.fileName,
        imported_at: snapshot.importedAt,
        urn_count: snapshot.data.urns.length,
        inspection_count: snapshot.data.inspections.length,
        data_gz: gzipSync(Buffer.from(JSON.stringify(snapshot.data), 'utf8')),
        reconciled_at: null,
        outcome_json: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async listReferenceSnapshots(filter: { pending?: boolean } = {}): Promise<ReferenceSnapshot[]> {
    const rows = await this.db
      .selectFrom('reference_snapshots')
      .select(['id', 'file_name', 'imported_at', 'urn_count', 'inspection_count', 'reconciled_at', 'outcome_json'])
      .$if(filter.pending === true, (q) => q.where('reconciled_at', 'is', null))
      .orderBy('imported_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      fileName: r.file_name,
      importedAt: r.imported_at,
      urnCount: r.urn_count,
      inspectionCount: r.inspection_count,
      reconciledAt: r.reconciled_at,
      outcome: r.outcome_json === null ? null : (JSON.parse(r.outcome_json) as SnapshotOutcome),
    }));
  }

  async getReferenceSnapshotData(id: string): Promise<SnapshotData | null> {
    const row = await this.db.selectFrom('reference_snapshots').select('data_gz').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(gunzipSync(row.data_gz).toString('utf8')) as SnapshotData) : null;
  }

  async markSnapshotReconciled(id: string, at: string, outcome: SnapshotOutcome): Promise<boolean> {
    // Conditional, so of two daemons reconciling at once only one records it.
    const result = await this.db
      .updateTable('reference_snapshots')
      .set({ reconciled_at: at, outcome_json: JSON.stringify(outcome) })
      .where('id', '=', id)
      .where('reconciled_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // --- Bounded reads for the HTTP API (list-queries.ts) ---------------------------------------------

  pageEvents(query: EventPageQuery): Promise<KeyedEvent[]> {
    return lists.pageEvents(this.db, query);
  }

  countEvents(filter: EventListFilter, atMost?: number): Promise<number> {
    return lists.countEvents(this.db, filter, atMost);
  }

  pageProviders(query: { afterUrn?: string; limit: number }): Promise<ProviderRecord[]> {
    return lists.pageProviders(this.db, query);
  }

  getProviders(urns: readonly string[]): Promise<Map<string, ProviderRecord>> {
    return lists.providersOf(this.db, urns);
  }

  providersNamed(field: 'owner' | 'localAuthority', spellings: readonly string[]): Promise<ProviderRecord[]> {
    return lists.providersNamed(this.db, field, spellings);
  }

  listNames(field: 'owner' | 'localAuthority' | 'providerType', options: { watchedOnly?: boolean } = {}): Promise<string[]> {
    return lists.names(this.db, field, options);
  }

  listStoredGrades(): Promise<Grade[]> {
    return lists.gradesStored(this.db);
  }

  pageWatchList(query: { after?: WatchEntry; limit: number }): Promise<WatchEntry[]> {
    return lists.pageWatchList(this.db, query);
  }

  pageWatchedUrns(query: { afterUrn?: string; limit: number }): Promise<string[]> {
    return lists.pageWatchedUrns(this.db, query);
  }

  isWatched(urn: string): Promise<boolean> {
    return lists.isWatched(this.db, urn);
  }

  countWatched(): Promise<number> {
    return lists.countWatched(this.db);
  }

  histories(urns: readonly string[]): Promise<Map<string, HistoryEntry[]>> {
    return lists.histories(this.db, urns);
  }

  inspectionKinds(scope: { urns: readonly string[] } | 'watched'): Promise<ReportKind[]> {
    return lists.inspectionKinds(this.db, scope);
  }

  reportUrls(fileIds: readonly string[]): Promise<Map<string, string>> {
    return lists.reportUrls(this.db, fileIds);
  }

  reportPublished(fileIds: readonly string[]): Promise<Map<string, string | null>> {
    return lists.reportPublished(this.db, fileIds);
  }

  providerSummaries(urns: readonly string[]): Promise<ProviderSummary[]> {
    return lists.providerSummaries(this.db, urns);
  }

  watchedProviderSummaries(query: WatchedProviderQuery): Promise<ProviderSummaryPage> {
    return lists.watchedProviderSummaries(this.db, query);
  }

  private async readSetting(name: string): Promise<string | null> {
    const row = await this.db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst();
    return row ? row.value : null;
  }
}

/** Conditions for a subscription filter; a field left out matches anything. */
function subscriptionMatches(filter: SubscriptionFilter) {
  return (eb: ExpressionBuilder<Database, 'subscriptions'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.id !== undefined) conditions.push(eb('id', '=', filter.id));
    if (filter.target !== undefined) conditions.push(eb('target', '=', filter.target));
    if (filter.scope !== undefined) conditions.push(eb('scope', '=', filter.scope));
    if (filter.value === '') {
      // '' is how `all` stores "no value"; asked for literally it names no subscription.
      conditions.push(sql<SqlBool>`1 = 0`);
    } else if (filter.value !== undefined) {
      conditions.push(eb('value', '=', subscriptionFilterValue(filter.value)));
    }
    return eb.and(conditions);
  };
}

/** A message a sender may take at `now`: pending, due, and not leased by anyone else. */
function dueAt(now: string) {
  return (eb: ExpressionBuilder<Database, 'outbox_messages'>): Expression<SqlBool> =>
    eb.and([
      eb('status', '=', 'pending'),
      eb('next_attempt_at', '<=', now),
      eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]),
    ]);
}

/** Insert the provider, or update its details and last scrape (its first scrape stays). */
function scopeRow(scope: ScopeKey): { category: string; local_authority: string; owner: string } {
  return { category: scope.category, local_authority: scope.localAuthority ?? '', owner: scope.owner ?? '' };
}

async function upsertProvider(db: Kysely<Database> | Transaction<Database>, record: ScrapeRecord): Promise<void> {
  await db
    .insertInto('providers')
    .values(providerToRow(record.provider, record.at, record.pageHash ?? null))
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
        page_hash: eb.ref('excluded.page_hash'),
      })),
    )
    .execute();
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
  const touched = await pointInspection(trx, report);
  for (const urn of new Set([report.urn, ...touched])) await refreshProviderLatest(trx, urn);
}

/**
 * Keep the inspections table pointing at the newest report of each inspection after `report` was
 * written. A re-parse can move a file to another identity (or fail), so pointers it no longer
 * earns are handed back to the best remaining report of that inspection. Returns the URNs touched.
 */
async function pointInspection(trx: Transaction<Database>, report: StoredReport): Promise<string[]> {
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
  // The providers whose inspections this may have changed.
  return [...held.map((row) => row.urn), ...(identity ? [identity.urn] : [])];
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
