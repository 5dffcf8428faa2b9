import { sameName } from '../../alerts/match-subscriptions.js';
import type { ChangeEvent } from '../../ofsted/types.js';
import { normaliseUrn } from '../../ofsted/urn.js';
import { EVENT_TYPES, type EventType } from '../../ofsted/vocabulary.js';
import type { ProviderRecord } from '../../store/store.js';
import { queryPage, queryText } from './query-values.js';

/** What the events page's GET form asks for; a field left out matches everything. */
export interface EventsFilter {
  type?: EventType;
  urn?: string;
  owner?: string;
  /** ISO date (YYYY-MM-DD): events raised on or after it. */
  since?: string;
  /** Include the baseline history recorded by a provider's first scrape. @defaultValue false */
  backfill: boolean;
  page: number;
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
  const filter: EventsFilter = { backfill: queryText(query, 'backfill') === 'yes', page: queryPage(query) };
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
 * The events the filter keeps, newest first. `events` come as the store lists them (oldest first);
 * `providers` gives each URN's owner for the owner filter.
 */
export function filterEvents(
  events: readonly ChangeEvent[],
  filter: EventsFilter,
  providers: ReadonlyMap<string, Pick<ProviderRecord, 'owner'>>,
): ChangeEvent[] {
  const kept: ChangeEvent[] = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.backfill && !filter.backfill) continue;
    if (filter.type && e.type !== filter.type) continue;
    if (filter.urn && e.urn !== filter.urn) continue;
    // Dates and timestamps compare as text: "2019-06-01T06:00Z" >= "2019-06-01".
    if (filter.since && e.at < filter.since) continue;
    if (filter.owner && !sameName(providers.get(e.urn)?.owner, filter.owner)) continue;
    kept.push(e);
  }
  return kept;
}
