// The real search's query string: list filters come as `name`, `name[]` or `name[0]` (the site's own links
// use the indexed form), dates as DD-MM-YYYY, and `rows` is capped at 100 (REAL-EVIDENCE §2).

import { isIsoDate } from '../util/dates.js';
import type { SearchQuery } from './search-index.js';

export const MAX_ROWS = 100;
/** Rows per page when the query names none. Not in the evidence: an assumption (see README). */
export const DEFAULT_ROWS = 10;

/** The filters the site treats as lists, in the order its own links write them. */
export const LIST_PARAMS = ['level_2_types', 'region', 'rating', 'local_authority', 'status'] as const;

/** Every value of a list parameter, whichever of its three spellings was used. */
export function listValues(params: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (const [key, value] of params) {
    if (key === name || key === `${name}[]` || new RegExp(`^${name}\\[\\d+\\]$`).test(key)) out.push(value);
  }
  return out;
}

function numbers(values: string[]): number[] {
  return values.map((v) => Number.parseInt(v, 10)).filter((n) => Number.isFinite(n) && n > 0);
}

/** "15-12-2022" to "2022-12-15"; null for anything else (the site then applies no bound). */
export function dmyToIso(value: string | null): string | null {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec((value ?? '').trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return isIsoDate(iso) ? iso : null;
}

function whole(value: string | null, fallback: number): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

export function parseSearchQuery(params: URLSearchParams): SearchQuery {
  const level1 = Number.parseInt(params.get('level_1_types') ?? '', 10);
  const rows = whole(params.get('rows'), DEFAULT_ROWS);
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    level1: Number.isFinite(level1) && level1 > 0 ? level1 : null,
    level2: numbers(listValues(params, 'level_2_types')),
    from: dmyToIso(params.get('latest_report_date_start')),
    to: dmyToIso(params.get('latest_report_date_end')),
    status: numbers(listValues(params, 'status')),
    localAuthority: numbers(listValues(params, 'local_authority')),
    start: whole(params.get('start'), 0),
    rows: Math.min(rows === 0 ? DEFAULT_ROWS : rows, MAX_ROWS),
    sort: sort === 'date' || sort === 'az' ? sort : 'relevancy',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
  };
}

/**
 * The same search at another `start`, written the way the real site writes its links: list filters as
 * `name[0]`, `name[1]`…, then start and rows.
 */
export function searchHref(params: URLSearchParams, start: number, rows: number): string {
  const out = new URLSearchParams();
  const lists = new Set<string>(LIST_PARAMS);
  const written = new Set<string>();
  for (const [key, value] of params) {
    const base = key.replace(/\[\d*\]$/, '');
    if (base === 'start' || base === 'rows' || base === 'sort' || base === 'order') continue;
    if (lists.has(base)) {
      if (written.has(base)) continue;
      written.add(base);
      listValues(params, base).forEach((v, i) => out.append(`${base}[${i}]`, v));
    } else {
      out.append(key, value);
    }
  }
  out.set('start', String(start));
  out.set('rows', String(rows));
  for (const key of ['sort', 'order']) {
    const value = params.get(key);
    if (value !== null) out.set(key, value);
  }
  return `/search?${out.toString()}`;
}
