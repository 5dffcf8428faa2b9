import { GRADE_LABEL, INTERIM_OUTCOMES, REPORT_KIND_LABEL, type Grade, type InterimOutcome, type ReportKind } from '../../ofsted/vocabulary.js';

// How grades, interim outcomes and report kinds read in a message. Grades come from vocabulary.ts;
// interim outcomes are message wording, not Ofsted's vocabulary, so they live with the renderer.

const OUTCOME_LABEL: Readonly<Record<InterimOutcome, string>> = {
  improved: 'Improved effectiveness',
  sustained: 'Sustained effectiveness',
  declined: 'Declined in effectiveness',
};

export function isGrade(value: string | null | undefined): value is Grade {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(GRADE_LABEL, value);
}

/**
 * "Good" for a grade slug, "Declined in effectiveness" for an interim outcome, other text as it is
 * (an event's from/to may hold a manager's name or enforcement wording).
 */
export function outcomeLabel(value: string): string {
  if (isGrade(value)) return GRADE_LABEL[value];
  if ((INTERIM_OUTCOMES as readonly string[]).includes(value)) return OUTCOME_LABEL[value as InterimOutcome];
  return value;
}

/** "full inspection", "monitoring visit", … */
export function kindLabel(kind: ReportKind): string {
  return REPORT_KIND_LABEL[kind] ?? 'report';
}

/** Capitalise the first letter (labels start sentences and headings). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
