import { sameName } from '../../alerts/match-subscriptions.js';
import { GRADE_RANK, GRADES, normaliseText, type Grade } from '../../ofsted/vocabulary.js';
import type { ProviderSummary } from '../../store/store.js';
import { queryPage, queryText } from './query-values.js';

export const WATCHLIST_SORTS = ['urn', 'name', 'grade', 'inspected'] as const;
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
  return filter;
}

/** The filter as query parameters (for page links), without the page. */
export function watchlistParams(filter: WatchlistFilter): Record<string, string | undefined> {
  return { q: filter.q, owner: filter.owner, la: filter.la, grade: filter.grade, sort: filter.sort === 'urn' ? undefined : filter.sort };
}

function folded(text: string): string {
  return normaliseText(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

function matchesText(s: ProviderSummary, needle: string): boolean {
  return [s.urn, s.name, s.owner, s.localAuthority].some((field) => field !== null && folded(field).includes(needle));
}

/** Worst first: a lower rank (Inadequate) sorts before a higher one; ungraded last. */
function gradeOrder(s: ProviderSummary): number {
  const rank = s.latestGraded ? GRADE_RANK[s.latestGraded.overall] : null;
  return rank ?? Number.POSITIVE_INFINITY;
}

const COMPARE: Readonly<Record<WatchlistSort, (a: ProviderSummary, b: ProviderSummary) => number>> = {
  urn: (a, b) => a.urn.localeCompare(b.urn),
  // Providers never scraped have no name yet: after the named ones, by URN.
  name: (a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', 'en-GB') || a.urn.localeCompare(b.urn),
  grade: (a, b) => gradeOrder(a) - gradeOrder(b) || a.urn.localeCompare(b.urn),
  inspected: (a, b) =>
    (b.lastInspection?.inspectionStart ?? '').localeCompare(a.lastInspection?.inspectionStart ?? '') || a.urn.localeCompare(b.urn),
};

/** The watched providers the filter keeps, in the order it asks for. */
export function filterWatchlist(summaries: readonly ProviderSummary[], filter: WatchlistFilter): ProviderSummary[] {
  const needle = filter.q ? folded(filter.q) : null;
  const kept = summaries.filter((s) => {
    if (!s.watched) return false;
    if (needle && !matchesText(s, needle)) return false;
    if (filter.owner && !sameName(s.owner, filter.owner)) return false;
    if (filter.la && !sameName(s.localAuthority, filter.la)) return false;
    if (filter.grade === 'none' && s.latestGraded) return false;
    if (filter.grade && filter.grade !== 'none' && s.latestGraded?.overall !== filter.grade) return false;
    return true;
  });
  return kept.sort(COMPARE[filter.sort]);
}

/** What the form's selects offer: the values present among the watched providers. */
export interface WatchlistChoices {
  owners: string[];
  localAuthorities: string[];
  /** In vocabulary order; `none` last when some provider has no graded inspection. */
  grades: (Grade | 'none')[];
}

export function watchlistChoices(summaries: readonly ProviderSummary[]): WatchlistChoices {
  const owners = new Map<string, string>();
  const las = new Map<string, string>();
  const grades = new Set<Grade | 'none'>();
  for (const s of summaries) {
    if (!s.watched) continue;
    // One entry per name however it is spelt: the first spelling seen stands for the rest.
    if (s.owner && !owners.has(folded(s.owner))) owners.set(folded(s.owner), s.owner);
    if (s.localAuthority && !las.has(folded(s.localAuthority))) las.set(folded(s.localAuthority), s.localAuthority);
    grades.add(s.latestGraded?.overall ?? 'none');
  }
  const byName = (a: string, b: string) => a.localeCompare(b, 'en-GB');
  return {
    owners: [...owners.values()].sort(byName),
    localAuthorities: [...las.values()].sort(byName),
    grades: [...GRADES.filter((g) => grades.has(g)), ...(grades.has('none') ? (['none'] as const) : [])],
  };
}
