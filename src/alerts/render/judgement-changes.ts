import type { ParsedReport } from '../../ofsted/types.js';
import { GRADE_LABEL, GRADE_RANK, gradeScale, type Grade } from '../../ofsted/vocabulary.js';
import type { ChangeRow } from './message-blocks.js';

/** Which way a grade moved, comparing only grades of one scale (a report card is no move from "Good"). */
export function gradeDirection(before: Grade | null | undefined, now: Grade | null | undefined): ChangeRow['direction'] {
  if (!before || !now || gradeScale(before) === null || gradeScale(before) !== gradeScale(now)) return null;
  const a = GRADE_RANK[before];
  const b = GRADE_RANK[now];
  if (a === null || b === null) return null;
  return b < a ? 'down' : b > a ? 'up' : 'same';
}

/** Whether a report carries any grade at all (visits and interim inspections do not). */
export function isGraded(r: ParsedReport | null): boolean {
  return Boolean(r && (r.overall || r.judgements.length > 0));
}

/**
 * Old and new grade per judgement: the overall grade first, then the report's judgements in its own order,
 * then any the earlier inspection graded that this one does not.
 */
export function judgementChanges(previous: ParsedReport | null, report: ParsedReport | null): ChangeRow[] {
  const rows: ChangeRow[] = [];
  const row = (label: string, before: Grade | null, now: Grade | null) =>
    rows.push({
      label,
      before: before ? GRADE_LABEL[before] : null,
      now: now ? GRADE_LABEL[now] : null,
      direction: gradeDirection(before, now),
    });
  const hasOverall = Boolean(report?.overall || previous?.overall);
  if (hasOverall) row('Overall', previous?.overall ?? null, report?.overall ?? null);
  // Schools and ILACS also print overall effectiveness as a table row; it is the overall grade shown above.
  const skip = (key: string) => hasOverall && key === 'overall-effectiveness';
  for (const j of report?.judgements ?? []) {
    if (skip(j.key)) continue;
    row(j.area, previous?.judgements.find((p) => p.key === j.key)?.grade ?? null, j.grade);
  }
  for (const p of previous?.judgements ?? []) {
    if (skip(p.key) || report?.judgements.some((j) => j.key === p.key)) continue;
    row(p.area, p.grade, null);
  }
  return rows;
}
