import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { ChangeEvent } from '../ofsted/types.js';
import { GRADE_RANK, GRADES, type EventType, type Grade, type ReportKind } from '../ofsted/vocabulary.js';
import { normaliseSince, rowToEvent, rowToProvider, toHistoryEntry } from './row-mapping.js';
import type { Database } from './schema.js';
import type { HistoryEntry, ProviderRecord, ProviderSummary, WatchEntry } from './store.js';

// The bounded reads behind the HTTP API's lists, pages, feeds and exports (issue 11): every one is a
// page (keyset or offset) or a lookup by a handful of keys, filtered and sorted in SQL, so no request
// loads a whole table into the process. SQL here is what SQLite and PostgreSQL share.

/** Keeps `IN (...)` lists well under every dialect's bound-parameter limit. */
const IN_LIST_CHUNK = 500;

/** The events that say how a provider's rating moved, for the dashboard's "last change". */
export const SUMMARY_CHANGE_TYPES: readonly EventType[] = ['rating-declined', 'rating-improved', 'judgement-declined', 'judgement-improved', 'interim-declined'];

/** The events that say a provider got worse (the dashboard's declines view and "any decline"). Enforcement is not one. */
export const DECLINE_TYPES: readonly EventType[] = ['rating-declined', 'judgement-declined', 'interim-declined'];

export interface EventListFilter {
  /** ISO date or timestamp: events raised at or after it. */
  since?: string;
  urn?: string;
  type?: EventType;
  /** Only events of one of these types (with `type`, both must hold). An empty list matches nothing. */
  types?: readonly EventType[];
  /** Only events of providers whose stored local authority is spelt one of these ways; an empty list matches nothing. */
  localAuthorities?: readonly string[];
  /** Only events of providers of one of these stored provider types; an empty list matches nothing. */
  providerTypes?: readonly string[];
  /**
   * Only events of providers whose stored owner is spelt one of these ways (the caller picks the
   * spellings that name one owner, see `names`). An empty list matches nothing.
   */
  owners?: readonly string[];
  /** Include the baseline history a provider's first scrape records. @defaultValue true */
  backfill?: boolean;
  /** Only events that still stand: none a later-arriving report superseded. @defaultValue false */
  standing?: boolean;
}

export interface EventPageQuery extends EventListFilter {
  /** Only events stored after this one (its `seq`). */
  afterSeq?: number;
  /** Only events stored before this one (its `seq`). */
  beforeSeq?: number;
  /** Insertion order, or its reverse. */
  order: 'oldest-first' | 'newest-first';
  limit: number;
}

/** An event with its insertion number, the key pages of events are cut by. */
export interface KeyedEvent {
  seq: number;
  event: ChangeEvent;
}

export type ProviderSort = 'urn' | 'name' | 'grade' | 'inspected' | 'declined';

export interface WatchedProviderQuery {
  /**
   * Free text found in the URN, name, owner or local authority, ignoring ASCII case; any character
   * in it other than a letter or digit matches any one character (so "children's" finds "Children’s").
   */
  text?: string;
  /** Stored owner spellings to keep (see `names`); an empty list matches nothing. */
  owners?: readonly string[];
  /** Stored local authority spellings to keep; an empty list matches nothing. */
  localAuthorities?: readonly string[];
  /** Latest overall grade; `none`: no graded inspection stored. */
  grade?: Grade | 'none';
  /** Only providers whose latest rating move (as ProviderSummary.lastChange picks it) was a decline. */
  declined?: boolean;
  /**
   * urn; name (ASCII case ignored, unnamed last); grade (worst first, ungraded last); inspected (latest first);
   * declined (most recently inspected decline first, never declined last).
   */
  sort: ProviderSort;
  offset: number;
  limit: number;
}

export interface ProviderSummaryPage {
  /** Watched providers matching the query, on every page. */
  total: number;
  items: ProviderSummary[];
}

type Db = Kysely<Database>;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IN_LIST_CHUNK) out.push(items.slice(i, i + IN_LIST_CHUNK));
  return out;
}

function eventFilter(filter: EventListFilter) {
  return (eb: ExpressionBuilder<Database, 'events'>) => {
    const terms: Expression<SqlBool>[] = [];
    if (filter.since !== undefined) terms.push(eb('events.at', '>=', normaliseSince(filter.since)));
    if (filter.urn !== undefined) terms.push(eb('events.urn', '=', filter.urn));
    if (filter.type !== undefined) terms.push(eb('events.type', '=', filter.type));
    if (filter.backfill === false) terms.push(eb('events.backfill', '=', 0));
    if (filter.standing === true) terms.push(eb('events.superseded_by', 'is', null));
    if (filter.types !== undefined) terms.push(filter.types.length === 0 ? sql<SqlBool>`1 = 0` : eb('events.type', 'in', [...filter.types]));
    const byProvider = (column: 'owner' | 'local_authority' | 'provider_type', values: readonly string[] | undefined) => {
      if (values === undefined) return;
      terms.push(
        values.length === 0
          ? sql<SqlBool>`1 = 0`
          : eb('events.urn', 'in', eb.selectFrom('providers').select('providers.urn').where(`providers.${column}`, 'in', [...values])),
      );
    };
    byProvider('owner', filter.owners);
    byProvider('local_authority', filter.localAuthorities);
    byProvider('provider_type', filter.providerTypes);
    return eb.and(terms);
  };
}

/** One page of events in insertion order (or its reverse), after or before a key. */
export async function pageEvents(db: Db, q: EventPageQuery): Promise<KeyedEvent[]> {
  let query = db.selectFrom('events').selectAll().where(eventFilter(q));
  if (q.afterSeq !== undefined) query = query.where('events.seq', '>', q.afterSeq);
  if (q.beforeSeq !== undefined) query = query.where('events.seq', '<', q.beforeSeq);
  const rows = await query
    .orderBy('events.seq', q.order === 'oldest-first' ? 'asc' : 'desc')
    .limit(q.limit)
    .execute();
  return rows.map((row) => ({ seq: Number(row.seq), event: rowToEvent(row) }));
}

/**
 * How many events match, counting at most `atMost + 1` of them: a page can say "more than 1,000" without
 * reading all 50,000 (a count is a walk over every matching row).
 */
export async function countEvents(db: Db, filter: EventListFilter, atMost?: number): Promise<number> {
  const matching = db.selectFrom('events').select(sql<number>`1`.as('one')).where(eventFilter(filter));
  const limited = atMost === undefined ? matching : matching.limit(atMost + 1);
  const row = await db
    .selectFrom(limited.as('m'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Stored providers by URN, after `afterUrn`. */
export async function pageProviders(db: Db, q: { afterUrn?: string; limit: number }): Promise<ProviderRecord[]> {
  let query = db.selectFrom('providers').selectAll();
  if (q.afterUrn !== undefined) query = query.where('urn', '>', q.afterUrn);
  const rows = await query.orderBy('urn').limit(q.limit).execute();
  return rows.map(rowToProvider);
}

/** The stored providers of these URNs (those that exist), by URN. */
export async function providersOf(db: Db, urns: readonly string[]): Promise<Map<string, ProviderRecord>> {
  const out = new Map<string, ProviderRecord>();
  for (const part of chunks([...new Set(urns)])) {
    const rows = await db.selectFrom('providers').selectAll().where('urn', 'in', part).execute();
    for (const row of rows) out.set(row.urn, rowToProvider(row));
  }
  return out;
}

/** Stored providers whose owner or local authority is spelt one of these ways, by URN. */
export async function providersNamed(db: Db, field: 'owner' | 'localAuthority', spellings: readonly string[]): Promise<ProviderRecord[]> {
  if (spellings.length === 0) return [];
  const column = field === 'owner' ? 'owner' : 'local_authority';
  const rows = await db.selectFrom('providers').selectAll().where(column, 'in', [...spellings]).orderBy('urn').execute();
  return rows.map(rowToProvider);
}

/**
 * Every distinct spelling of stored owners (or local authorities), of watched providers only when asked.
 * A few thousand at most, read from an index: callers fold them (sameName) to find one name's spellings.
 */
export async function names(db: Db, field: 'owner' | 'localAuthority' | 'providerType', o: { watchedOnly?: boolean } = {}): Promise<string[]> {
  const column = field === 'owner' ? 'providers.owner' : field === 'localAuthority' ? 'providers.local_authority' : 'providers.provider_type';
  let query = db.selectFrom('providers').select(`${column} as name`).distinct().where(column, 'is not', null);
  if (o.watchedOnly) query = query.where('providers.urn', 'in', db.selectFrom('watchlist').select('watchlist.urn'));
  const rows = await query.execute();
  return rows.map((r) => r.name as string);
}

/** The overall grades some stored report gives, in vocabulary order. */
export async function gradesStored(db: Db): Promise<Grade[]> {
  const rows = await db.selectFrom('reports').select('overall').distinct().where('overall', 'is not', null).execute();
  const present = new Set(rows.map((r) => r.overall));
  return GRADES.filter((g) => present.has(g));
}

/** The watchlist in the order it was built (added_at, then URN), after a key. */
export async function pageWatchList(db: Db, q: { after?: WatchEntry; limit: number }): Promise<WatchEntry[]> {
  let query = db.selectFrom('watchlist').selectAll();
  const after = q.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('added_at', '>', after.addedAt), eb.and([eb('added_at', '=', after.addedAt), eb('urn', '>', after.urn)])]),
    );
  }
  const rows = await query.orderBy('added_at').orderBy('urn').limit(q.limit).execute();
  return rows.map((row) => ({ urn: row.urn, addedAt: row.added_at }));
}

/** Watched URNs in URN order, after `afterUrn`. */
export async function pageWatchedUrns(db: Db, q: { afterUrn?: string; limit: number }): Promise<string[]> {
  let query = db.selectFrom('watchlist').select('urn');
  if (q.afterUrn !== undefined) query = query.where('urn', '>', q.afterUrn);
  const rows = await query.orderBy('urn').limit(q.limit).execute();
  return rows.map((r) => r.urn);
}

export async function isWatched(db: Db, urn: string): Promise<boolean> {
  return (await db.selectFrom('watchlist').select('urn').where('urn', '=', urn).executeTakeFirst()) !== undefined;
}

export async function countWatched(db: Db): Promise<number> {
  const row = await db.selectFrom('watchlist').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Histories (as Store.history gives each) of several providers in one query per chunk. */
export async function histories(db: Db, urns: readonly string[]): Promise<Map<string, HistoryEntry[]>> {
  const out = new Map<string, HistoryEntry[]>(urns.map((u) => [u, []]));
  for (const part of chunks([...new Set(urns)])) {
    const rows = await db
      .selectFrom('inspections')
      .innerJoin('reports', 'reports.file_id', 'inspections.file_id')
      .select(['inspections.urn', 'reports.parsed_json', 'reports.file_id', 'reports.url', 'reports.published_at'])
      .where('inspections.urn', 'in', part)
      .where('reports.parsed_json', 'is not', null)
      .$narrowType<{ parsed_json: string }>()
      .orderBy('inspections.urn')
      .orderBy('inspections.inspection_start')
      .orderBy('reports.published_at', (ob) => ob.asc().nullsLast())
      .orderBy('inspections.kind')
      .execute();
    for (const row of rows) out.get(row.urn)!.push(toHistoryEntry(row));
  }
  return out;
}

/** The report kinds stored inspections of these providers have (or of every watched one). */
export async function inspectionKinds(db: Db, scope: { urns: readonly string[] } | 'watched'): Promise<ReportKind[]> {
  const kinds = new Set<string>();
  if (scope === 'watched') {
    const rows = await db.selectFrom('inspections').select('kind').distinct().where('urn', 'in', db.selectFrom('watchlist').select('urn')).execute();
    for (const r of rows) kinds.add(r.kind);
  } else {
    for (const part of chunks([...new Set(scope.urns)])) {
      const rows = await db.selectFrom('inspections').select('kind').distinct().where('urn', 'in', part).execute();
      for (const r of rows) kinds.add(r.kind);
    }
  }
  return [...kinds].sort() as ReportKind[];
}

/** The PDF address of each stored report among these fileIds. */
export async function reportUrls(db: Db, fileIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks([...new Set(fileIds)])) {
    const rows = await db.selectFrom('reports').select(['file_id', 'url']).where('file_id', 'in', part).execute();
    for (const r of rows) out.set(r.file_id, r.url);
  }
  return out;
}

/** The publication date of each stored report among these fileIds (null when the page gave none). */
export async function reportPublished(db: Db, fileIds: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const part of chunks([...new Set(fileIds)])) {
    const rows = await db.selectFrom('reports').select(['file_id', 'published_at']).where('file_id', 'in', part).execute();
    for (const r of rows) out.set(r.file_id, r.published_at);
  }
  return out;
}

/**
 * What the dashboard lists show of these providers (every stored or watched one when `urns` is null):
 * details, latest graded and latest inspection, last rating move. By URN.
 */
export async function providerSummaries(db: Db, urns: readonly string[] | null): Promise<ProviderSummary[]> {
  const parts = urns === null ? [null] : chunks([...new Set(urns)]);
  const byUrn = new Map<string, ProviderSummary>();
  for (const part of parts) {
    if (part !== null && part.length === 0) continue;
    const keep = part !== null;
    const urnsIn = part ?? [];
    const [providers, watched, inspections, changes] = await Promise.all([
      db.selectFrom('providers').selectAll().$if(keep, (qb) => qb.where('urn', 'in', urnsIn)).execute(),
      db.selectFrom('watchlist').select('urn').$if(keep, (qb) => qb.where('urn', 'in', urnsIn)).execute(),
      db
        .selectFrom('inspections')
        .innerJoin('reports', 'reports.file_id', 'inspections.file_id')
        .select(['inspections.urn', 'inspections.kind', 'inspections.inspection_start', 'reports.inspection_end', 'reports.overall', 'reports.file_id'])
        .$if(keep, (qb) => qb.where('inspections.urn', 'in', urnsIn))
        .orderBy('inspections.inspection_start')
        .orderBy('inspections.kind')
        .execute(),
      db
        .selectFrom('events')
        .select(['urn', 'type', 'at', 'from_value', 'to_value', 'inspection_date', 'backfill'])
        .where('type', 'in', [...SUMMARY_CHANGE_TYPES])
        .where('superseded_by', 'is', null)
        .$if(keep, (qb) => qb.where('urn', 'in', urnsIn))
        // The move of the newest inspection, even when an older report arrived after it.
        .orderBy('inspection_date', (ob) => ob.asc().nullsFirst())
        .orderBy('seq')
        .execute(),
    ]);
    const watchedUrns = new Set(watched.map((w) => w.urn));
    const blank = (urn: string): ProviderSummary => ({
      urn, name: null, category: '', providerType: null, localAuthority: null, owner: null, url: '',
      firstScrapedAt: null, lastScrapedAt: null, closedAt: null,
      watched: watchedUrns.has(urn), latestGraded: null, lastInspection: null, lastChange: null,
    });
    for (const row of providers) byUrn.set(row.urn, { ...blank(row.urn), ...rowToProvider(row) });
    for (const urn of watchedUrns) if (!byUrn.has(urn)) byUrn.set(urn, blank(urn));
    // Rows come oldest first, so the last one seen wins.
    for (const r of inspections) {
      const s = byUrn.get(r.urn);
      if (!s) continue;
      const kind = r.kind as ReportKind;
      s.lastInspection = { kind, inspectionStart: r.inspection_start, fileId: r.file_id };
      if (r.overall) s.latestGraded = { kind, inspectionStart: r.inspection_start, inspectionEnd: r.inspection_end, overall: r.overall as Grade, fileId: r.file_id };
    }
    for (const e of changes) {
      const s = byUrn.get(e.urn);
      if (s) s.lastChange = { type: e.type as EventType, at: e.at, from: e.from_value, to: e.to_value, inspectionDate: e.inspection_date, backfill: e.backfill === 1 };
    }
  }
  return [...byUrn.values()].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
}

/** A LIKE pattern for free text: letters and digits as typed (lower case), anything else any one character. */
export function textPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[^a-z0-9]/g, '_')}%`;
}

/** Worst grade first: GRADE_RANK as SQL, ungraded (and grades with no rank) last. */
function gradeOrder(grade: RawBuilder<string | null>) {
  const ranked = GRADES.filter((g) => GRADE_RANK[g] !== null);
  const cases = ranked.map((g) => sql`when ${g} then ${GRADE_RANK[g]}`);
  return sql<number>`case ${grade} ${sql.join(cases, sql` `)} else 1000 end`;
}

/** A watched provider's newest overall grade and newest inspection, kept on write (provider-latest.ts). */
const latestGrade = sql<string | null>`l.grade`;
const lastInspected = sql<string | null>`l.last_inspected`;

const inList = (types: readonly EventType[]) => sql.join(types.map((t) => sql`${t}`));

/** A watched provider's latest rating move, picked as providerSummaries picks lastChange (newest inspection, then last stored). */
const latestMove = sql<string | null>`(select e.type from events e where e.urn = w.urn and e.type in (${inList(SUMMARY_CHANGE_TYPES)})
  and e.superseded_by is null order by case when e.inspection_date is null then 0 else 1 end desc, e.inspection_date desc, e.seq desc limit 1)`;

/** The day of a watched provider's most recent standing decline (its inspection, or when it was raised). */
const lastDecline = sql<string | null>`(select max(coalesce(e.inspection_date, substr(e.at, 1, 10))) from events e
  where e.urn = w.urn and e.type in (${inList(DECLINE_TYPES)}) and e.superseded_by is null)`;

/**
 * One page of the watched providers, filtered and sorted in SQL, with what the dashboard shows of each.
 * The grade filter and the grade and date sorts read provider_latest, one row per provider, joined only
 * when asked for.
 */
export async function watchedProviderSummaries(db: Db, q: WatchedProviderQuery): Promise<ProviderSummaryPage> {
  const filtered = () => {
    const joined = db.selectFrom('watchlist as w').leftJoin('providers as p', 'p.urn', 'w.urn');
    // Providers are joined only when a filter or the sort reads them, so a plain page or count walks the
    // watchlist's own index. Without the join no clause below names `p` (needsProvider says when they do).
    const needsProvider = q.text !== undefined || q.owners !== undefined || q.localAuthorities !== undefined || q.sort === 'name';
    let query = needsProvider ? joined : (db.selectFrom('watchlist as w') as unknown as typeof joined);
    if (q.grade !== undefined || q.sort === 'grade' || q.sort === 'inspected') {
      query = query.leftJoin('provider_latest as l', 'l.urn', 'w.urn') as unknown as typeof joined;
    }
    if (q.text) {
      const pattern = textPattern(q.text);
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['w.urn']), 'like', pattern),
          eb(eb.fn('lower', ['p.name']), 'like', pattern),
          eb(eb.fn('lower', ['p.owner']), 'like', pattern),
          eb(eb.fn('lower', ['p.local_authority']), 'like', pattern),
        ]),
      );
    }
    if (q.owners !== undefined) query = q.owners.length ? query.where('p.owner', 'in', [...q.owners]) : query.where(sql<SqlBool>`1 = 0`);
    if (q.localAuthorities !== undefined) {
      query = q.localAuthorities.length ? query.where('p.local_authority', 'in', [...q.localAuthorities]) : query.where(sql<SqlBool>`1 = 0`);
    }
    if (q.grade === 'none') query = query.where(sql<SqlBool>`${latestGrade} is null`);
    else if (q.grade !== undefined) query = query.where(sql<SqlBool>`${latestGrade} = ${q.grade}`);
    if (q.declined) query = query.where(sql<SqlBool>`${latestMove} in (${inList(DECLINE_TYPES)})`);
    return query;
  };

  // When every watched provider has to be looked at anyway (a per-row filter or sort), the total comes
  // from the same pass (a window count); otherwise a plain count is cheaper than that pass.
  const wholePass = q.grade !== undefined || q.text !== undefined || q.declined === true || q.sort !== 'urn';
  let total = 0;
  if (!wholePass) {
    total = Number((await filtered().select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
    if (total === 0 || q.offset >= total) return { total, items: [] };
  }
  let page = filtered()
    .select('w.urn as urn')
    .$if(wholePass, (qb) => qb.select(sql<number | string>`count(*) over ()`.as('total')));
  switch (q.sort) {
    case 'name':
      page = page.orderBy(sql`case when p.name is null then 1 else 0 end`).orderBy(sql`lower(p.name)`).orderBy('p.name');
      break;
    case 'grade':
      page = page.orderBy(gradeOrder(latestGrade));
      break;
    case 'inspected':
      page = page.orderBy(sql`coalesce(${lastInspected}, '')`, 'desc');
      break;
    case 'declined':
      page = page.orderBy(sql`case when ${lastDecline} is null then 1 else 0 end`).orderBy(lastDecline, 'desc');
      break;
    case 'urn':
      break;
  }
  const rows = await page.orderBy('w.urn').limit(q.limit).offset(q.offset).execute();
  if (wholePass) {
    // A page past the end has no row to carry the total.
    total = rows.length ? Number(rows[0]!.total ?? 0) : Number((await filtered().select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  }
  const summaries = new Map((await providerSummaries(db, rows.map((r) => r.urn))).map((s) => [s.urn, s]));
  return { total, items: rows.map((r) => summaries.get(r.urn)!).filter(Boolean) };
}
