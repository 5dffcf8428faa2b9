import { BadInputError } from '../../errors.js';
import { normaliseText } from '../vocabulary.js';
import { normaliseHeading } from './provider-level-columns.js';

// `watch import --la / --owner / --type`: which rows of a provider-level table to keep. Pure.

/** A column a filter reads. */
export type FilterField = 'localAuthority' | 'owner' | 'providerType';

/** The names wanted per column; a row is kept when, for every column given, its cell is one of them. */
export type ProviderFilter = Partial<Record<FilterField, readonly string[]>>;

interface FieldInfo {
  option: string;
  what: string;
  /** Headings (as normaliseHeading gives them) of the column, in Ofsted's files since 2015 and in plain CSVs. */
  headings: readonly string[];
}

const FIELDS: Readonly<Record<FilterField, FieldInfo>> = {
  localAuthority: { option: '--la', what: 'local authority', headings: ['local authority', 'local authority name', 'la', 'la name'] },
  // Not "provider": in a plain CSV that is as likely the setting's own name.
  owner: { option: '--owner', what: 'owner', headings: ['organisation which owns the provider', 'owner', 'registered provider'] },
  providerType: { option: '--type', what: 'provider type', headings: ['provision type', 'provider type', 'type'] },
};

/** Distinct spellings kept per column for naming near names; past this a file is not one of Ofsted's. */
const MAX_NAMES = 20_000;
const MAX_NEAR = 5;

/**
 * How two spellings of a name compare: no case, apostrophe style, punctuation or spacing, and "&" as
 * "and" ("Stoke-on-Trent", "Brighton & Hove" = "brighton and hove", "Childrens home" ≠ "Children's home"
 * but is a near name of it).
 */
export function filterKey(name: string): string {
  return normaliseText(name)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Wanted {
  field: FilterField;
  /** filterKey → the value as the user gave it. */
  values: Map<string, string>;
  /** Keys some row held (whatever the other filters said). */
  hit: Set<string>;
  /** Spellings in the file, by filterKey (first seen wins). */
  seen: Map<string, string>;
  at: number;
}

/**
 * Keeps the rows of provider-level tables that a ProviderFilter wants, one table (`useHeader`) and row
 * (`matches`) at a time, and says afterwards (`assertMatched`) which wanted name no row held, with the
 * file's near spellings of it.
 */
export class ProviderRowFilter {
  readonly #wanted: Wanted[];
  #matched = 0;

  constructor(filter: ProviderFilter = {}) {
    this.#wanted = (Object.keys(FIELDS) as FilterField[])
      .filter((field) => (filter[field]?.length ?? 0) > 0)
      .map((field) => ({
        field,
        values: new Map(filter[field]!.map((v) => [filterKey(v), v.trim()] as const).filter(([k]) => k !== '')),
        hit: new Set<string>(),
        seen: new Map<string, string>(),
        at: -1,
      }));
    for (const w of this.#wanted) {
      if (w.values.size === 0) throw new BadInputError(`${FIELDS[w.field].option} needs a name`);
    }
  }

  /** Whether any filter was given: without one every row is kept. */
  get active(): boolean {
    return this.#wanted.length > 0;
  }

  /** Rows kept so far. */
  get matched(): number {
    return this.#matched;
  }

  /** Begin a table with this header row; bad input when it lacks a column a filter reads. */
  useHeader(header: readonly string[], source: string): void {
    const headings = header.map((h) => normaliseHeading(h).replace(/_/g, ' '));
    for (const w of this.#wanted) {
      const info = FIELDS[w.field];
      w.at = headings.findIndex((h) => info.headings.includes(h));
      if (w.at < 0) {
        throw new BadInputError(
          `${source} has no ${info.what} column (headed e.g. "${info.headings[0]}"), so ${info.option} cannot be applied`,
        );
      }
    }
  }

  /** Whether a data row of the current table is wanted; a file without a header cannot be filtered (see useHeader). */
  matches(row: readonly string[]): boolean {
    let keep = true;
    for (const w of this.#wanted) {
      const cell = row[w.at] ?? '';
      const key = filterKey(cell);
      if (key && !w.seen.has(key) && w.seen.size < MAX_NAMES) w.seen.set(key, cell.trim().replace(/\s+/g, ' '));
      if (w.values.has(key)) w.hit.add(key);
      else keep = false;
    }
    if (keep) this.#matched += 1;
    return keep;
  }

  /**
   * Bad input, with one line, when a wanted name was in no row (naming the file's near spellings), or when
   * every name was found but never together in one row.
   */
  assertMatched(source: string): void {
    for (const w of this.#wanted) {
      const info = FIELDS[w.field];
      for (const [key, given] of w.values) {
        if (w.hit.has(key)) continue;
        const near = nearNames(key, w.seen);
        const hint = near.length > 0 ? `near names: ${near.join('; ')}` : `none is near among its ${w.seen.size} ${info.what} names`;
        throw new BadInputError(`no row of ${source} has ${info.what} ${JSON.stringify(given)} (${info.option}): ${hint}`);
      }
    }
    if (this.active && this.#matched === 0) {
      const said = this.#wanted.map((w) => `${FIELDS[w.field].option} ${[...w.values.values()].map((v) => JSON.stringify(v)).join('/')}`);
      throw new BadInputError(`no row of ${source} matches ${said.join(' and ')} together: each is in the file, but not in one row`);
    }
  }
}

/** The file's spellings closest to `key`: a few edits away, or holding all of its words (nearest first). */
function nearNames(key: string, seen: ReadonlyMap<string, string>): string[] {
  const words = key.split(' ');
  // A typo or two, not another name: "dorset council" is 4 edits from "derby council".
  const limit = Math.max(1, Math.floor(key.length / 5));
  const scored: { name: string; score: number }[] = [];
  for (const [candidate, name] of seen) {
    const distance = editDistance(key, candidate, limit);
    if (distance <= limit) {
      scored.push({ name, score: distance });
    } else {
      const has = new Set(candidate.split(' '));
      if (words.every((w) => has.has(w))) scored.push({ name, score: limit + 1 + candidate.length - key.length });
    }
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, MAX_NEAR)
    .map((s) => s.name);
}

/**
 * Edits (insert, delete, substitute, swap two neighbours) from a to b, or more than `limit` once it is
 * sure to exceed it. No library in the dependencies offers it; the names are short.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
