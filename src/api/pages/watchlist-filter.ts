import { nameKey, sameName } from '../../alerts/match-subscriptions.js';
import { GRADES, type Grade } from '../../ofsted/vocabulary.js';
import type { WatchedProviderQuery } from '../../store/store.js';
import { queryPage, queryText } from './query-values.js';

export const WATCHLIST_SORTS = ['urn', 'name', 'grade', 'inspected', 'declined'] as const;
export type WatchlistSort = (typeof WATCHLIST_SORTS)[number];

/** What the watchlist's GET form asks for; every field left out matches everything. */
export interface WatchlistFilter {
  /** Free text found in the URN, name, owner or local authority. */
  q?: string;
  /** Owner name, compared as subscriptions compare it (case, spacing, apostrophes ignored). */
  owner?: string;
  la?: string;
  /** Latest overall grade; `none` for providers with no graded inspection. */
  grade?: Grade | 'none';
  /** `?latest=declined`: only providers whose latest rating move was a decline. */
  declined?: boolean;
  sort: WatchlistSort;
  page: number;
}

/** The filter a query string asks for; unknown grades and sorts are ignored, not errors. */
export function watchlistFilterFrom(query: unknown): WatchlistFilter {
  const filter: WatchlistFilter = { sort: 'urn', page: queryPage(query) };
  const q = queryText(query, 'q');
  const owner = queryText(query, 'owner');
  const la = queryText(query, 'la');
  const grade = queryText(query, 'grade');
  const sort = queryText(query, 'sort');
  if (q) filter.q = q;
  if (owner) filter.owner = owner;
  if (la) filter.la = la;
  if (grade === 'none' || (GRADES as readonly string[]).includes(grade ?? '')) filter.grade = grade as Grade | 'none';
  if ((WATCHLIST_SORTS as readonly string[]).includes(sort ?? '')) filter.sort = sort as WatchlistSort;
  if (queryText(query, 'latest') === 'declined') filter.declined = true;
  return filter;
}

/** The filter as query parameters (for page links), without the page. */
export function watchlistParams(filter: WatchlistFilter): Record<string, string | undefined> {
  return {
    q: filter.q,
    owner: filter.owner,
    la: filter.la,
    grade: filter.grade,
    latest: filter.declined ? 'declined' : undefined,
    sort: filter.sort === 'urn' ? undefined : filter.sort,
  };
}

/** The stored spellings that name `wanted` (case, spacing and apostrophe style ignored). */
export function spellingsOf(stored: readonly string[], wanted: string): string[] {
  return stored.filter((name) => sameName(name, wanted));
}

/** The names of stored providers' owners and local authorities, as the store spells them. */
export interface WatchlistNames {
  owners: readonly string[];
  localAuthorities: readonly string[];
}

/**
 * The store query for one page of the filter: owner and local authority become the stored spellings of
 * that name, so the comparison rules stay sameName's while the filtering happens in SQL.
 */
export function watchlistQuery(filter: WatchlistFilter, names: WatchlistNames, offset: number, limit: number): WatchedProviderQuery {
  const query: WatchedProviderQuery = { sort: filter.sort, offset, limit };
  if (filter.q) query.text = nameKey(filter.q);
  if (filter.owner) query.owners = spellingsOf(names.owners, filter.owner);
  if (filter.la) query.localAuthorities = spellingsOf(names.localAuthorities, filter.la);
  if (filter.grade) query.grade = filter.grade;
  if (filter.declined) query.declined = true;
  return query;
}

/** What the form's selects offer. */
export interface WatchlistChoices {
  owners: string[];
  localAuthorities: string[];
  /** In vocabulary order, then `none` (never graded). */
  grades: (Grade | 'none')[];
}

/**
 * The choices: stored providers' owners and local authorities (one entry per name however it is spelt,
 * the first spelling in sort order standing for the rest), and the grades stored reports give.
 */
export function watchlistChoices(names: WatchlistNames, storedGrades: readonly Grade[]): WatchlistChoices {
  return {
    owners: distinctNames(names.owners),
    localAuthorities: distinctNames(names.localAuthorities),
    grades: [...GRADES.filter((g) => storedGrades.includes(g)), 'none'],
  };
}

/** One entry per name however it is spelt (the first spelling in sort order standing for the rest), in name order. */
export function distinctNames(list: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const name of [...list].sort()) if (!seen.has(nameKey(name))) seen.set(nameKey(name), name);
  return [...seen.values()].sort((a, b) => a.localeCompare(b, 'en-GB'));
}
