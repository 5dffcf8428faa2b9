// Whether "all our homes are good or outstanding" held, date by date, for one owner's homes. Pure.
import { GRADE_RANK, GRADED_KINDS, gradeScale, type Grade } from '../../ofsted/vocabulary.js';
import type { HistoryEntry } from '../../store/store.js';

export interface PortfolioHome {
  urn: string;
  name: string | null;
  /** Oldest first, as the store gives it. */
  history: readonly HistoryEntry[];
  /** When Ofsted stopped listing the home: it leaves the portfolio from that day. */
  closedAt: string | null;
}

/** What changed on a step's date: a home's new overall grade, or its closure (grade null). */
export interface PortfolioChange {
  urn: string;
  name: string | null;
  /** The home's latest grade before this date; null for its first graded inspection. */
  from: Grade | null;
  grade: Grade | null;
}

/** Which way a change moved its home: a first grade and a closure have no direction; grades of two scales none either. */
export type ChangeDirection = 'declined' | 'improved' | 'same' | 'first' | 'closed' | 'rescaled';

export function changeDirection(c: Pick<PortfolioChange, 'from' | 'grade'>): ChangeDirection {
  if (c.grade === null) return 'closed';
  if (c.from === null) return 'first';
  if (gradeScale(c.from) !== gradeScale(c.grade)) return 'rescaled';
  const before = GRADE_RANK[c.from] ?? 0;
  const after = GRADE_RANK[c.grade] ?? 0;
  return after < before ? 'declined' : after > before ? 'improved' : 'same';
}

/** A step's marker: declined when any home declined (a decline must never hide), else improved, else neither. */
export function stepDirection(step: Pick<PortfolioStep, 'changes'>): 'declined' | 'improved' | 'other' {
  const ways = step.changes.map(changeDirection);
  return ways.includes('declined') ? 'declined' : ways.includes('improved') ? 'improved' : 'other';
}

export interface PortfolioStep {
  /** ISO day. */
  date: string;
  /** Open homes with a graded inspection on or before `date`. */
  graded: number;
  /** Of those, the ones whose latest overall grade is good or better. */
  goodOrBetter: number;
  /** goodOrBetter / graded; 0 when nothing is graded (a closure can empty the portfolio). */
  share: number;
  changes: PortfolioChange[];
}

/**
 * Good or better on the grade's own scale: good and outstanding on the four-point scale (adequate and
 * satisfactory rank with requires-improvement); expected standard or better on school report cards.
 */
export function isGoodOrBetter(grade: Grade): boolean {
  const rank = GRADE_RANK[grade];
  return rank !== null && rank >= (GRADE_RANK.good ?? 3);
}

/**
 * Inspections that rate a home. A local authority's children's services inspection judges the council,
 * not any of its homes, so it never counts towards the homes' share even when the owner is that council.
 */
function ratesTheHome(entry: HistoryEntry): entry is HistoryEntry & { inspectionStart: string; overall: Grade } {
  return (
    GRADED_KINDS.has(entry.kind) &&
    entry.kind !== 'la-childrens-services' &&
    entry.overall !== null &&
    GRADE_RANK[entry.overall] !== null &&
    typeof entry.inspectionStart === 'string' &&
    /^\d{4}-\d{2}-\d{2}/.test(entry.inspectionStart)
  );
}

/** One step per date on which any home's latest grade changed (or a home closed), oldest first. */
export function portfolioShare(homes: readonly PortfolioHome[]): PortfolioStep[] {
  type Happening = { date: string; order: number; urn: string; name: string | null; grade: Grade | null };
  const happenings: Happening[] = [];
  let order = 0;
  for (const home of homes) {
    for (const entry of home.history) {
      if (ratesTheHome(entry)) {
        happenings.push({ date: entry.inspectionStart.slice(0, 10), order: order++, urn: home.urn, name: home.name, grade: entry.overall });
      }
    }
    if (home.closedAt && /^\d{4}-\d{2}-\d{2}/.test(home.closedAt)) {
      happenings.push({ date: home.closedAt.slice(0, 10), order: order++, urn: home.urn, name: home.name, grade: null });
    }
  }
  happenings.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);

  const latest = new Map<string, Grade>();
  const closed = new Set<string>();
  const steps: PortfolioStep[] = [];
  for (let i = 0; i < happenings.length; ) {
    const date = happenings[i]!.date;
    const changes: PortfolioChange[] = [];
    for (; i < happenings.length && happenings[i]!.date === date; i++) {
      const h = happenings[i]!;
      // A closed home stays out: anything published about it later is history, not the portfolio.
      if (closed.has(h.urn)) continue;
      const from = latest.get(h.urn) ?? null;
      if (h.grade === null) {
        closed.add(h.urn);
        // A home that closed before it was ever graded never counted: nothing changes.
        if (!latest.delete(h.urn)) continue;
      } else {
        latest.set(h.urn, h.grade);
      }
      changes.push({ urn: h.urn, name: h.name, from, grade: h.grade });
    }
    if (changes.length === 0) continue;
    const grades = [...latest.values()];
    const good = grades.filter(isGoodOrBetter).length;
    steps.push({ date, graded: grades.length, goodOrBetter: good, share: grades.length ? good / grades.length : 0, changes });
  }
  return steps;
}
