import { normaliseUrn } from '../../ofsted/urn.js';
import { EVENT_TYPES, type EventType } from '../../ofsted/vocabulary.js';
import { DECLINE_TYPES } from '../../store/list-queries.js';
import type { EventListFilter } from '../../store/store.js';
import { querySeq, queryText } from './query-values.js';

/** `?type=decline`: any of DECLINE_TYPES (enforcement is not a decline; it has its own type). */
export const ANY_DECLINE = 'decline';
export type EventsTypeChoice = EventType | typeof ANY_DECLINE;

/** `?period=`: the last so many days, or `all`. */
export const PERIODS = ['7', '30', '365', 'all'] as const;
export type Period = (typeof PERIODS)[number];

/** What the events page's (and the declines view's, the feeds' and the CSV's) GET form asks for; a field left out matches everything. */
export interface EventsFilter {
  type?: EventsTypeChoice;
  urn?: string;
  owner?: string;
  /** Local authority, compared as the watchlist compares it (case, spacing and apostrophes ignored). */
  la?: string;
  /** Provider type as stored ("Children's home"), compared the same way. */
  providerType?: string;
  /** ISO date (YYYY-MM-DD): events raised on or after it. Wins over `period`. */
  since?: string;
  /** Events raised in the last 7, 30 or 365 days, or any time (`all`). */
  period?: Period;
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

/**
 * The filter a query string asks for. A malformed URN, date, type or period is a problem to show, not a silent
 * "match all". `defaultPeriod` applies when neither `period` nor `since` is given (the declines view's 30 days).
 */
export function eventsFilterFrom(query: unknown, defaultPeriod?: Period): ParsedEventsFilter {
  const filter: EventsFilter = { backfill: queryText(query, 'backfill') === 'yes' };
  const before = querySeq(query, 'before');
  const after = querySeq(query, 'after');
  if (before !== undefined) filter.before = before;
  else if (after !== undefined) filter.after = after;
  const problems: string[] = [];
  const type = queryText(query, 'type');
  const urn = queryText(query, 'urn');
  const since = queryText(query, 'since');
  const period = queryText(query, 'period');
  if (type === ANY_DECLINE || (type && (EVENT_TYPES as readonly string[]).includes(type))) filter.type = type as EventsTypeChoice;
  else if (type) problems.push(`unknown event type ${JSON.stringify(type)} (use one of ${[ANY_DECLINE, ...EVENT_TYPES].join(', ')})`);
  if (urn) {
    const normal = normaliseUrn(urn);
    if (normal) filter.urn = normal;
    else problems.push(`not a URN: ${JSON.stringify(urn)} (expected SC + 6 digits, 5-7 digits, or EY + digits)`);
  }
  for (const [name, key] of [['owner', 'owner'], ['la', 'la'], ['providerType', 'providerType']] as const) {
    const value = queryText(query, name);
    if (value) filter[key] = value;
  }
  if (since) {
    if (ISO_DAY.test(since) && !Number.isNaN(Date.parse(since))) filter.since = since;
    else problems.push(`since needs a date such as 2019-10-01, not ${JSON.stringify(since)}`);
  }
  if (period && (PERIODS as readonly string[]).includes(period)) filter.period = period as Period;
  else if (period) problems.push(`period is one of ${PERIODS.join(', ')} (days, or all), not ${JSON.stringify(period)}`);
  else if (!since && defaultPeriod) filter.period = defaultPeriod;
  const typed: ParsedEventsFilter['typed'] = {};
  if (urn) typed.urn = urn;
  if (since) typed.since = since;
  return { filter, problems, typed };
}

/** The filter as query parameters (for page, feed and CSV links), without the page. */
export function eventsParams(filter: EventsFilter): Record<string, string | undefined> {
  return {
    type: filter.type,
    urn: filter.urn,
    owner: filter.owner,
    la: filter.la,
    providerType: filter.providerType,
    since: filter.since,
    period: filter.since ? undefined : filter.period,
    backfill: filter.backfill ? 'yes' : undefined,
  };
}

/** The first day (YYYY-MM-DD, UTC) the filter keeps, from `since` or `period` counted back from `now`; none for all. */
export function sinceDay(filter: Pick<EventsFilter, 'since' | 'period'>, now: Date): string | undefined {
  if (filter.since) return filter.since;
  if (!filter.period || filter.period === 'all') return undefined;
  return new Date(now.getTime() - Number(filter.period) * 86_400_000).toISOString().slice(0, 10);
}

/** The stored spellings of each name filter asked for (see spellingsOf); undefined for a filter not asked for. */
export interface NameSpellings {
  owners?: readonly string[];
  localAuthorities?: readonly string[];
  providerTypes?: readonly string[];
}

/**
 * The store filter for the page's filter; names become their stored spellings, so they still match as
 * subscriptions match them while the filtering happens in SQL.
 */
export function eventsStoreFilter(filter: EventsFilter, names: NameSpellings, now: Date): EventListFilter {
  const out: EventListFilter = { backfill: filter.backfill };
  if (filter.type === ANY_DECLINE) out.types = DECLINE_TYPES;
  else if (filter.type) out.type = filter.type;
  if (filter.urn) out.urn = filter.urn;
  const since = sinceDay(filter, now);
  if (since) out.since = since;
  if (filter.owner) out.owners = names.owners ?? [];
  if (filter.la) out.localAuthorities = names.localAuthorities ?? [];
  if (filter.providerType) out.providerTypes = names.providerTypes ?? [];
  return out;
}
