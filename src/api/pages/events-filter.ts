import { normaliseUrn } from '../../ofsted/urn.js';
import { EVENT_TYPES, type EventType } from '../../ofsted/vocabulary.js';
import type { EventListFilter } from '../../store/store.js';
import { querySeq, queryText } from './query-values.js';

/** What the events page's GET form asks for; a field left out matches everything. */
export interface EventsFilter {
  type?: EventType;
  urn?: string;
  owner?: string;
  /** ISO date (YYYY-MM-DD): events raised on or after it. */
  since?: string;
  /** Include the baseline history recorded by a provider's first scrape. @defaultValue false */
  backfill: boolean;
  /** The page of events stored before this one (its seq): the "Older" link. */
  before?: number;
  /** The page of events stored after this one: the "Newer" link. Without either, the newest page. */
  after?: number;
}

export interface ParsedEventsFilter {
  filter: EventsFilter;
  /** One line per value that could not be used (the page says so and answers 400). */
  problems: string[];
  /** The values as typed, so the form shows them again even when they were rejected. */
  typed: { urn?: string; since?: string };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filter a query string asks for. A malformed URN or date is a problem to show, not a silent "match all". */
export function eventsFilterFrom(query: unknown): ParsedEventsFilter {
  const filter: EventsFilter = { backfill: queryText(query, 'backfill') === 'yes' };
  const before = querySeq(query, 'before');
  const after = querySeq(query, 'after');
  if (before !== undefined) filter.before = before;
  else if (after !== undefined) filter.after = after;
  const problems: string[] = [];
  const type = queryText(query, 'type');
  const urn = queryText(query, 'urn');
  const owner = queryText(query, 'owner');
  const since = queryText(query, 'since');
  if (type && (EVENT_TYPES as readonly string[]).includes(type)) filter.type = type as EventType;
  else if (type) problems.push(`unknown event type ${JSON.stringify(type)}`);
  if (urn) {
    const normal = normaliseUrn(urn);
    if (normal) filter.urn = normal;
    else problems.push(`not a URN: ${JSON.stringify(urn)} (expected SC + 6 digits, 5-7 digits, or EY + digits)`);
  }
  if (owner) filter.owner = owner;
  if (since) {
    if (ISO_DAY.test(since) && !Number.isNaN(Date.parse(since))) filter.since = since;
    else problems.push(`since needs a date such as 2019-10-01, not ${JSON.stringify(since)}`);
  }
  const typed: ParsedEventsFilter['typed'] = {};
  if (urn) typed.urn = urn;
  if (since) typed.since = since;
  return { filter, problems, typed };
}

/** The filter as query parameters (for page links), without the page. */
export function eventsParams(filter: EventsFilter): Record<string, string | undefined> {
  return { type: filter.type, urn: filter.urn, owner: filter.owner, since: filter.since, backfill: filter.backfill ? 'yes' : undefined };
}

/**
 * The store filter for the page's filter; `owners` are the stored spellings of the owner asked for (see
 * spellingsOf), so the owner still matches as subscriptions match it while the filtering happens in SQL.
 */
export function eventsStoreFilter(filter: EventsFilter, owners: readonly string[] | undefined): EventListFilter {
  const out: EventListFilter = { backfill: filter.backfill };
  if (filter.type) out.type = filter.type;
  if (filter.urn) out.urn = filter.urn;
  if (filter.since) out.since = filter.since;
  if (filter.owner) out.owners = owners ?? [];
  return out;
}
