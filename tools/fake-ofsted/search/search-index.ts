// The site's search over every provider, as the real /search answers it (REAL-EVIDENCE §2): filters on
// category codes, status, local authority and the LATEST report's publication date. The index holds one
// small row per provider, sorted by that date, and is rebuilt only when the site's date or data changes,
// so a query never completes a provider's synthetic details.

import type { SearchRecord } from '../scenario/fake-scenario.js';
import { overallGrade, type ProviderBasics } from '../scenario/synthetic-details.js';
import type { ScenarioGrade } from '../scenario/types.js';
import { localAuthorityCode, STATUS_CLOSED, STATUS_OPEN, typeCodesOf, type TypeCodes } from './search-codes.js';

/** What the real site accepts, parsed; every list empty = no filter. */
export interface SearchQuery {
  q: string;
  level1: number | null;
  level2: number[];
  /** ISO dates, inclusive. */
  from: string | null;
  to: string | null;
  status: number[];
  localAuthority: number[];
  start: number;
  rows: number;
  sort: 'relevancy' | 'date' | 'az';
  order: 'asc' | 'desc';
}

export interface IndexedProvider {
  basics: ProviderBasics;
  codes: TypeCodes;
  laCode: number | null;
  /** ISO publication date of the newest published, not withdrawn report; null when none. */
  latest: string | null;
  /** As the result shows it ("Good"); null when the latest graded report has no headline grade. */
  rating: string | null;
  status: typeof STATUS_OPEN | typeof STATUS_CLOSED;
}

export interface SearchAnswer {
  total: number;
  hits: IndexedProvider[];
}

const RATING_TEXT: Record<ScenarioGrade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  'requires-improvement': 'Requires improvement to be good',
  inadequate: 'Inadequate',
  adequate: 'Adequate',
  satisfactory: 'Satisfactory',
};

const CLOSED_STATUSES = /^(?:resigned|cancelled|closed)$/i;

// What does not change with the date, worked out once per provider.
const fixedParts = new WeakMap<ProviderBasics, { codes: TypeCodes; laCode: number | null }>();

function fixed(basics: ProviderBasics): { codes: TypeCodes; laCode: number | null } {
  let parts = fixedParts.get(basics);
  if (!parts) {
    parts = { codes: typeCodesOf(basics.providerType, basics.category), laCode: localAuthorityCode(basics.localAuthority) };
    fixedParts.set(basics, parts);
  }
  return parts;
}

/** Rows sorted newest latest-report first (none last), then URN. */
function indexAt(records: readonly SearchRecord[], now: string): IndexedProvider[] {
  const rows: IndexedProvider[] = [];
  for (const { basics, reports } of records) {
    if (basics.registrationDate !== null && basics.registrationDate > now) continue;
    let latest: string | null = null;
    let graded: { publishedAt: string; grade: ScenarioGrade | null } | null = null;
    for (const r of reports) {
      if (r.withdrawn || r.publishedAt > now) continue;
      if (latest === null || r.publishedAt > latest) latest = r.publishedAt;
      if (r.grades && (!graded || r.publishedAt > graded.publishedAt)) {
        graded = { publishedAt: r.publishedAt, grade: overallGrade(r.grades) };
      }
    }
    const closed = CLOSED_STATUSES.test(basics.status) || (basics.closedAt !== null && basics.closedAt <= now);
    rows.push({
      basics,
      ...fixed(basics),
      latest,
      rating: graded?.grade ? RATING_TEXT[graded.grade] : null,
      status: closed ? STATUS_CLOSED : STATUS_OPEN,
    });
  }
  rows.sort((a, b) => compareDateDesc(a.latest, b.latest) || (a.basics.urn < b.basics.urn ? -1 : a.basics.urn > b.basics.urn ? 1 : 0));
  return rows;
}

function compareDateDesc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}

/** First index whose latest is <= `date` (rows are newest first; nulls at the end). */
function firstAtOrBefore(rows: readonly IndexedProvider[], date: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const latest = rows[mid]?.latest ?? null;
    if (latest !== null && latest > date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function titleOf(p: ProviderBasics): string {
  return p.name ?? `URN: ${p.urn}`;
}

export class SearchIndex {
  private rows: IndexedProvider[] = [];
  private builtFor: string | null = null;

  constructor(private readonly source: { searchRecords(): SearchRecord[]; readonly version: number }) {}

  search(query: SearchQuery, now: string): SearchAnswer {
    const rows = this.rowsAt(now);
    // The date window picks a contiguous slice of the date-sorted rows.
    let lo = 0;
    let hi = rows.length;
    if (query.to !== null) lo = firstAtOrBefore(rows, query.to);
    if (query.from !== null) hi = firstAtOrBefore(rows, addOneDayBefore(query.from));
    if (query.from !== null || query.to !== null) hi = Math.min(hi, firstNull(rows));
    const q = query.q.trim().toUpperCase();
    const matched: IndexedProvider[] = [];
    for (let i = lo; i < hi; i++) {
      const row = rows[i];
      if (row && matches(row, query, q)) matched.push(row);
    }
    sortHits(matched, query, q);
    return { total: matched.length, hits: matched.slice(query.start, query.start + query.rows) };
  }

  private rowsAt(now: string): IndexedProvider[] {
    const key = `${now}|${this.source.version}`;
    if (this.builtFor !== key) {
      this.rows = indexAt(this.source.searchRecords(), now);
      this.builtFor = key;
    }
    return this.rows;
  }
}

/** `from` is inclusive: rows strictly older than it start at the first row <= the day before. */
function addOneDayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function firstNull(rows: readonly IndexedProvider[]): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]?.latest !== null) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function matches(row: IndexedProvider, query: SearchQuery, q: string): boolean {
  if (query.level1 !== null && row.codes.level1 !== query.level1) return false;
  if (query.level2.length > 0 && (row.codes.level2 === null || !query.level2.includes(row.codes.level2))) return false;
  if (query.status.length > 0 && !query.status.includes(row.status)) return false;
  if (query.localAuthority.length > 0 && (row.laCode === null || !query.localAuthority.includes(row.laCode))) return false;
  if (q !== '' && row.basics.urn !== q && !(row.basics.name ?? '').toUpperCase().includes(q)) return false;
  return true;
}

function sortHits(hits: IndexedProvider[], query: SearchQuery, q: string): void {
  const sign = query.order === 'asc' ? -1 : 1;
  if (query.sort === 'date') {
    hits.sort((a, b) => sign * compareDateDesc(a.latest, b.latest) || a.basics.urn.localeCompare(b.basics.urn));
  } else if (query.sort === 'az') {
    hits.sort((a, b) => -sign * titleOf(a.basics).localeCompare(titleOf(b.basics)) || a.basics.urn.localeCompare(b.basics.urn));
  } else if (q !== '') {
    // Best match: the exact URN first, the rest newest report first (the index's own order).
    hits.sort((a, b) => Number(b.basics.urn === q) - Number(a.basics.urn === q));
  }
}
