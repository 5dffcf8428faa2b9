import type { ChangeEvent, ParsedReport } from '../ofsted/types.js';
import { GRADE_LABEL, GRADE_RANK, GRADED_KINDS, gradeScale, type EventType, type Grade } from '../ofsted/vocabulary.js';
import { eventId } from './event-id.js';
import { datesLabel } from './inspection-dates.js';
import type { TimelineEntry } from './report-timeline.js';
import { unreadVerdict } from './unread-verdict.js';

/** What a comparison's event says; the caller stamps urn, at and backfill. */
export type ClaimEvent = Omit<ChangeEvent, 'urn' | 'at' | 'backfill'>;

/**
 * The comparisons a provider's timeline makes, each between consecutive members in timeline order:
 * - `graded`: a graded report (children's-home full, LA, school) with the previous one of its kind that has grades;
 * - `interim`: an interim "declined in effectiveness" with the last full inspection graded before it;
 * - `manager`: a report naming a registered manager with the previous one that names one.
 */
export type ComparisonFamily = 'graded' | 'interim' | 'manager';

export interface Comparison {
  family: ComparisonFamily;
  /** null: nothing earlier to compare with (an interim before any graded full inspection). */
  earlier: TimelineEntry | null;
  later: TimelineEntry;
}

/** One event a comparison implies. */
export interface Claim {
  event: ClaimEvent;
  comparison: Comparison;
  /** What within the comparison it is about: a judgement's key, `overall`, or the family's name. */
  area: string;
}

/** A comparison is identified by the two reports it compares. */
export function comparisonKey(c: Comparison): string {
  return `${c.family}|${c.earlier?.fileId ?? ''}|${c.later.fileId}`;
}

/**
 * The id of what a comparison claims about its later report: which report, what within it (`area`) and the
 * move from `from` to `to`. Also asked with another `from` and `to`, to recognise an event stored earlier
 * about the same report and area.
 */
export function claimId(urn: string, family: ComparisonFamily, type: EventType, later: TimelineEntry, area: string, from: string | null, to: string | null): string {
  const r = later.report;
  const at = r.inspectionStart ?? later.fileId;
  switch (family) {
    case 'graded':
      return area === 'overall' ? eventId(urn, type, r.kind, at, from, to) : eventId(urn, type, r.kind, at, area, from, to);
    case 'interim':
      // The grade it is set against is part of the claim, so a full inspection arriving late makes a new one.
      return eventId(urn, type, at, ...(from ? [from] : []));
    case 'manager':
      return eventId(urn, type, from, to, at);
  }
}

const rank = (g: Grade | null | undefined): number | null => (g ? GRADE_RANK[g] : null);

/** A report whose grades were read and can move a rating: one that could not be read compares with nothing. */
function gradedReading(r: ParsedReport): boolean {
  return GRADED_KINDS.has(r.kind) && (rank(r.overall) !== null || r.judgements.length > 0) && !unreadVerdict(r);
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}

/**
 * Every comparison the timeline makes. A function of the set of reports alone (the timeline's order is
 * total), which is what makes the events the same whatever order the reports arrived in.
 */
export function comparisons(timeline: readonly TimelineEntry[]): Comparison[] {
  const out: Comparison[] = [];
  const lastGraded = new Map<string, TimelineEntry>();
  let lastFull: TimelineEntry | null = null;
  let lastManager: TimelineEntry | null = null;
  for (const e of timeline) {
    const r = e.report;
    if (gradedReading(r)) {
      // Reports without an overall grade (schools from September 2024, ILACS from April 2026) are compared
      // judgement by judgement with the last report of the same kind that has grades at all.
      const prev = lastGraded.get(r.kind);
      if (prev) out.push({ family: 'graded', earlier: prev, later: e });
      lastGraded.set(r.kind, e);
    }
    if (r.kind === 'childrens-home-interim' && r.interimOutcome === 'declined') out.push({ family: 'interim', earlier: lastFull, later: e });
    if (r.kind === 'childrens-home-full' && r.overall) lastFull = e;
    if (r.registeredManager) {
      if (lastManager) out.push({ family: 'manager', earlier: lastManager, later: e });
      lastManager = e;
    }
  }
  return out;
}

/** The events a comparison implies (none when nothing moved). */
export function claimsOf(urn: string, c: Comparison): Claim[] {
  const r = c.later.report;
  const when = datesLabel(r);
  switch (c.family) {
    case 'graded':
      return c.earlier ? compareGraded(urn, c.earlier.report, c.later, when).map(({ event, area }) => ({ event, area, comparison: c })) : [];
    case 'interim': {
      const full = c.earlier?.report.overall ?? null;
      const event: ClaimEvent = {
        id: claimId(urn, 'interim', 'interim-declined', c.later, 'interim', full, 'declined'),
        type: 'interim-declined',
        inspectionDate: r.inspectionStart,
        from: full,
        to: 'declined',
        fileId: c.later.fileId,
        summary: `${urn}: declined in effectiveness at interim inspection (${when})${full ? `; last full inspection ${GRADE_LABEL[full]}` : ''}`,
      };
      return [{ event, area: 'interim', comparison: c }];
    }
    case 'manager': {
      const last = c.earlier?.report.registeredManager;
      const now = r.registeredManager;
      if (!last || !now || normaliseName(last) === normaliseName(now)) return [];
      const event: ClaimEvent = {
        id: claimId(urn, 'manager', 'manager-changed', c.later, 'manager', last, now),
        type: 'manager-changed',
        inspectionDate: r.inspectionStart,
        from: last,
        to: now,
        fileId: c.later.fileId,
        summary: `${urn}: registered manager changed from ${last} to ${now}`,
      };
      return [{ event, area: 'manager', comparison: c }];
    }
  }
}

/**
 * An amended report compared with the version of the same inspection it replaces, so an unchanged
 * amendment raises nothing and a changed grade says what the amendment changed.
 */
export function versionClaims(urn: string, older: TimelineEntry, newer: TimelineEntry): Claim[] {
  if (!gradedReading(older.report) || !gradedReading(newer.report)) return [];
  const comparison: Comparison = { family: 'graded', earlier: older, later: newer };
  return compareGraded(urn, older.report, newer, datesLabel(newer.report)).map(({ event, area }) => ({ event, area, comparison }));
}

function compareGraded(urn: string, before: ParsedReport, entry: TimelineEntry, when: string): Array<{ event: ClaimEvent; area: string }> {
  const r = entry.report;
  const fileId = entry.fileId;
  const was = rank(before.overall);
  const now = rank(r.overall);
  if (before.overall && r.overall && was !== null && now !== null && now !== was && gradeScale(before.overall) === gradeScale(r.overall)) {
    const type = now < was ? 'rating-declined' : 'rating-improved';
    const event: ClaimEvent = {
      id: claimId(urn, 'graded', type, entry, 'overall', before.overall, r.overall),
      type,
      inspectionDate: r.inspectionStart,
      from: before.overall,
      to: r.overall,
      fileId,
      summary: `${urn}: ${GRADE_LABEL[before.overall]} → ${GRADE_LABEL[r.overall]} (inspected ${when})`,
    };
    return [{ event, area: 'overall' }];
  }
  // Overall held, or there is no overall to compare: look at each judgement both reports grade.
  if (before.overall && r.overall && (was !== now || gradeScale(before.overall) !== gradeScale(r.overall))) return [];
  const out: Array<{ event: ClaimEvent; area: string }> = [];
  for (const j of r.judgements) {
    if (j.key === 'overall-effectiveness') continue;
    const prev = before.judgements.find((p) => p.key === j.key);
    const a = rank(prev?.grade);
    const b = rank(j.grade);
    if (!prev || a === null || b === null || a === b || gradeScale(prev.grade) !== gradeScale(j.grade)) continue;
    const type = b < a ? 'judgement-declined' : 'judgement-improved';
    const event: ClaimEvent = {
      id: claimId(urn, 'graded', type, entry, j.key, prev.grade, j.grade),
      type,
      inspectionDate: r.inspectionStart,
      from: prev.grade,
      to: j.grade,
      fileId,
      summary: `${urn}: ${j.area}: ${GRADE_LABEL[prev.grade]} → ${GRADE_LABEL[j.grade]} (${r.overall ? `overall still ${GRADE_LABEL[r.overall]}` : 'no overall grade'}; inspected ${when})`,
    };
    out.push({ event, area: j.key });
  }
  return out;
}
