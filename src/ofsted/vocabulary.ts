// Ofsted's vocabulary, in one place: grades, judgement areas, report kinds, event types.
// Everything else imports from here so that a new framework (or a renamed grade) is one edit.

export const GRADES = [
  'outstanding',
  'good',
  'requires-improvement',
  'inadequate',
  // Pre-2015 children's homes and pre-2012 schools.
  'adequate',
  'satisfactory',
  // School report cards from November 2025.
  'exceptional',
  'strong-standard',
  'expected-standard',
  'needs-attention',
  'urgent-improvement',
  'not-judged',
] as const;
export type Grade = (typeof GRADES)[number];

/**
 * Rank for comparing graded outcomes: higher is better. `adequate` and `satisfactory` were the
 * third point of the older four-point scales, so they sit where requires-improvement sits now.
 * `not-judged` has no rank: it can never make a rating move.
 */
export const GRADE_RANK: Readonly<Record<Grade, number | null>> = {
  outstanding: 4,
  good: 3,
  'requires-improvement': 2,
  adequate: 2,
  satisfactory: 2,
  inadequate: 1,
  exceptional: 5,
  'strong-standard': 4,
  'expected-standard': 3,
  'needs-attention': 2,
  'urgent-improvement': 1,
  'not-judged': null,
};

/** Human label used in messages ("Good", "Requires improvement"). */
export const GRADE_LABEL: Readonly<Record<Grade, string>> = {
  outstanding: 'Outstanding',
  good: 'Good',
  'requires-improvement': 'Requires improvement to be good',
  inadequate: 'Inadequate',
  adequate: 'Adequate',
  satisfactory: 'Satisfactory',
  exceptional: 'Exceptional',
  'strong-standard': 'Strong standard',
  'expected-standard': 'Expected standard',
  'needs-attention': 'Needs attention',
  'urgent-improvement': 'Urgent improvement',
  'not-judged': 'Not judged',
};

/** Normalise quotes, dashes and whitespace so that matching never depends on one PDF producer. */
export function normaliseText(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-')
    .replace(/[\u00A0\u2000-\u200B\u202F\u205F\u3000\t]/g, ' ')
    .replace(/\uFB01/g, 'fi')
    .replace(/\uFB02/g, 'fl')
    .replace(/\r\n?/g, '\n');
}

/**
 * Map any grade wording Ofsted has used ("Requires Improvement to be good", "requires improvement",
 * "GOOD", "Not judged") to its slug; null when the text is not a grade.
 */
export function normaliseGrade(raw: string | null | undefined): Grade | null {
  if (!raw) return null;
  const t = normaliseText(raw).toLowerCase().replace(/\s+/g, ' ').replace(/[.:;,]+$/g, '').trim();
  if (!t) return null;
  if (/^requires? improvement(?: to be good)?$/.test(t)) return 'requires-improvement';
  if (/^not (?:yet )?judged$/.test(t)) return 'not-judged';
  if (/^strong standard$/.test(t)) return 'strong-standard';
  if (/^expected standard$/.test(t)) return 'expected-standard';
  if (/^needs attention$/.test(t)) return 'needs-attention';
  if (/^urgent improvement$/.test(t)) return 'urgent-improvement';
  switch (t) {
    case 'outstanding':
    case 'good':
    case 'inadequate':
    case 'adequate':
    case 'satisfactory':
    case 'exceptional':
      return t;
    default:
      return null;
  }
}

/** The grade-like phrases, longest first, for finding a grade inside a sentence. */
export const GRADE_PATTERN =
  /(requires? improvement(?: to be good)?|not (?:yet )?judged|strong standard|expected standard|needs attention|urgent improvement|outstanding|inadequate|adequate|satisfactory|exceptional|good)/i;

export const REPORT_KINDS = [
  'childrens-home-full',
  'childrens-home-interim',
  'childrens-home-monitoring',
  'childrens-home-assurance',
  'la-childrens-services',
  'la-focused-visit',
  'school',
  'other',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Kinds whose grades set the provider's rating; visits never move it. */
export const GRADED_KINDS: ReadonlySet<ReportKind> = new Set(['childrens-home-full', 'la-childrens-services', 'school']);

export const INTERIM_OUTCOMES = ['improved', 'sustained', 'declined'] as const;
export type InterimOutcome = (typeof INTERIM_OUTCOMES)[number];

export interface JudgementArea {
  key: string;
  /** The area's name as Ofsted's reports print it. */
  area: string;
  /** Lower-case label variants (older frameworks, wrapped wording) that identify the area. */
  labels: RegExp;
}

/** Children's homes, SCCIF (April 2015 on). */
export const CHILDRENS_HOME_AREAS: readonly JudgementArea[] = [
  {
    key: 'experiences-and-progress',
    area: 'Overall experiences and progress of children and young people',
    labels: /overall experiences and progress of children(?: and young people)?/i,
  },
  {
    key: 'help-and-protection',
    area: 'How well children and young people are helped and protected',
    labels: /how well children(?: and young people)? are helped and protected/i,
  },
  {
    key: 'leadership-and-management',
    area: 'The effectiveness of leaders and managers',
    labels: /(?:the )?effectiveness of leaders and managers/i,
  },
];

/** Children's homes before April 2015 (Care Standards Act / 2012 framework). */
export const CHILDRENS_HOME_LEGACY_AREAS: readonly JudgementArea[] = [
  { key: 'overall-effectiveness', area: 'Overall effectiveness', labels: /overall effectiveness/i },
  { key: 'outcomes', area: 'Outcomes for children and young people', labels: /outcomes for children and young people/i },
  { key: 'quality-of-care', area: 'Quality of care', labels: /quality of care/i },
  {
    key: 'safeguarding',
    area: 'Keeping children and young people safe',
    labels: /keeping children and young people safe/i,
  },
  {
    key: 'leadership-and-management',
    area: 'Leadership and management',
    labels: /^leadership and management/i,
  },
];

export const EVENT_TYPES = [
  'report-published',
  'rating-declined',
  'rating-improved',
  'judgement-declined',
  'judgement-improved',
  'interim-declined',
  'enforcement',
  'manager-changed',
  'provider-closed',
  'scrape-failed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Month name (full or three-letter) to 1..12, or null. */
export function monthNumber(name: string): number | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.findIndex((m) => m === n || (n.length >= 3 && m.startsWith(n) && (n.length === 3 || m === n)));
  return i < 0 ? null : i + 1;
}

export function monthName(month: number): string {
  const m = MONTHS[month - 1] ?? '';
  return m.charAt(0).toUpperCase() + m.slice(1);
}
