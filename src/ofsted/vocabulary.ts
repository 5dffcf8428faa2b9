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

/** Which scale a grade belongs to: grades are only ever compared within one scale. */
export function gradeScale(grade: Grade): 'four-point' | 'report-card' | null {
  if (grade === 'not-judged') return null;
  return ['exceptional', 'strong-standard', 'expected-standard', 'needs-attention', 'urgent-improvement'].includes(grade)
    ? 'report-card'
    : 'four-point';
}

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
    // Box-drawing and full-width dashes too: some producers print a date range's dash with them ("20 June ─ 13 July").
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u2501\uFE58\uFE63\uFF0D]/g, '-')
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

/** How each kind reads in a sentence ("the full inspection of 29–30 Oct 2019"). */
export const REPORT_KIND_LABEL: Readonly<Record<ReportKind, string>> = {
  'childrens-home-full': 'full inspection',
  'childrens-home-interim': 'interim inspection',
  'childrens-home-monitoring': 'monitoring visit',
  'childrens-home-assurance': 'assurance visit',
  'la-childrens-services': "children's services inspection",
  'la-focused-visit': 'focused visit',
  school: 'school inspection',
  other: 'report',
};

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

/** Children's homes were first inspected under the SCCIF on this date; before it, the legacy areas below. */
export const CHILDRENS_HOME_SCCIF_FROM = '2015-04-01';

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
    // Residential special schools' 2015-2017 reports say "… are protected".
    labels: /how well children(?: and young people)? are (?:helped and )?protected/i,
  },
  {
    key: 'leadership-and-management',
    area: 'The effectiveness of leaders and managers',
    // 2015-2017 reports say "The impact and effectiveness of leaders and managers".
    labels: /(?:the )?(?:impact and )?effectiveness of leaders and managers/i,
  },
];

/**
 * The fourth judgement of residential special schools' reports from April 2015 to March 2017 (same framework
 * as children's homes); no other report prints it, so it is never expected of one.
 */
export const CARE_AND_SUPPORT_AREA: JudgementArea = {
  key: 'quality-of-care-and-support',
  area: 'The quality of care and support',
  labels: /(?:the )?quality of care and support/i,
};

/**
 * Rows of a children's-home judgement table that are no judgement the product reports: secure children's homes'
 * sub-judgements under the overall experiences and progress. Known so that a table is read with all its rows.
 */
export const CHILDRENS_HOME_UNREPORTED_ROWS: readonly RegExp[] = [
  /outcomes in education and related learning activities/i,
  /\bhealth services\b|\bquality of health(?: provision| services)?\b/i,
];

/** Children's homes before April 2015 (Care Standards Act / 2012 framework). */
export const CHILDRENS_HOME_LEGACY_AREAS: readonly JudgementArea[] = [
  { key: 'overall-effectiveness', area: 'Overall effectiveness', labels: /overall effectiveness/i },
  { key: 'outcomes', area: 'Outcomes for children and young people', labels: /outcomes for children and young people/i },
  // Not the residential special schools' "quality of care and support" (CARE_AND_SUPPORT_AREA).
  { key: 'quality-of-care', area: 'Quality of care', labels: /quality of care(?! and support)/i },
  {
    key: 'safeguarding',
    area: 'Keeping children and young people safe',
    labels: /keeping children and young people safe/i,
  },
  {
    key: 'leadership-and-management',
    area: 'Leadership and management',
    labels: /\bleadership and management\b/i,
  },
];

/**
 * Local authority children's services, ILACS (January 2018 on). Until December 2022 children in care and care
 * leavers shared one judgement; from January 2023 they have one each. From April 2026 the table has no
 * "Overall effectiveness" row.
 */
export const LA_ILACS_AREAS: readonly JudgementArea[] = [
  {
    key: 'impact-of-leaders',
    area: 'The impact of leaders on social work practice with children and families',
    // April 2026 drops "social work" from the label.
    labels: /(?:the\s+)?impact\s+of\s+leaders\s+on\s+(?:social\s+work\s+)?practice\s+with\s+children\s+and\s+families/i,
  },
  {
    key: 'help-and-protection',
    area: 'The experiences and progress of children who need help and protection',
    labels: /experiences\s+and\s+progress\s+of\s+children\s+who\s+need\s+help\s+and\s+protection/i,
  },
  {
    key: 'children-in-care-and-care-leavers',
    area: 'The experiences and progress of children in care and care leavers',
    labels: /experiences\s+and\s+progress\s+of\s+children\s+in\s+care\s+and\s+care\s+leavers/i,
  },
  {
    key: 'children-in-care',
    area: 'The experiences and progress of children in care',
    labels: /experiences\s+and\s+progress\s+of\s+children\s+in\s+care(?!\s+and\s+care\s+leavers)/i,
  },
  {
    key: 'care-leavers',
    area: 'The experiences and progress of care leavers',
    labels: /experiences\s+and\s+progress\s+of\s+care\s+leavers/i,
  },
  { key: 'overall-effectiveness', area: 'Overall effectiveness', labels: /overall\s+effectiveness/i },
];

/** ILACS inspections from this date judge no overall effectiveness. */
export const ILACS_WITHOUT_OVERALL_FROM = '2026-04-01';

/**
 * Local authority children's services, single inspection framework (SIF, November 2013 to 2017). Its overall
 * grade is a sentence ("Children's services in Derby City are good"), not a table row; the LSCB review
 * printed alongside grades the safeguarding board, not the authority, so it is no judgement of the authority.
 */
export const LA_SIF_AREAS: readonly JudgementArea[] = [
  {
    key: 'help-and-protection',
    area: 'Children who need help and protection',
    labels: /(?<!experiences\s+and\s+progress\s+of\s+)children\s+who\s+need\s+help\s+and\s+protection/i,
  },
  {
    key: 'looked-after-and-permanence',
    area: 'Children looked after and achieving permanence',
    labels: /children\s+looked\s+after\s+and\s+achieving\s+permanence/i,
  },
  { key: 'adoption-performance', area: 'Adoption performance', labels: /adoption\s+performance/i },
  {
    key: 'care-leavers',
    area: 'Experiences and progress of care leavers',
    labels: /experiences?\s+and\s+progress\s+of\s+care\s+leavers/i,
  },
  {
    key: 'leadership-management-governance',
    area: 'Leadership, management and governance',
    labels: /leadership,?\s+management\s+and\s+governance/i,
  },
];

/**
 * Local authority services for looked after children, the inspections before the SIF (to 2013: "Inspection of
 * looked after children services", and the looked-after half of "safeguarding and looked after children"). Grades
 * are printed "Inadequate Grade 4" or "Grade 4 (Inadequate)" on the four-point scale of the time (adequate third).
 */
export const LA_LOOKED_AFTER_2012_AREAS: readonly JudgementArea[] = [
  {
    key: 'overall-effectiveness',
    area: 'Overall effectiveness',
    labels: /overall\s+effectiveness(?:\s+of\s+services\s+for\s+looked\s+after\s+children(?:\s+and\s+young\s+people)?)?/i,
  },
  { key: 'capacity-to-improve', area: 'Capacity to improve', labels: /capacity\s+(?:to|for)\s+improve(?:ment)?/i },
  {
    key: 'outcomes-for-looked-after-children',
    area: 'Outcomes for looked after children and young people',
    labels: /outcomes\s+for\s+looked\s+after\s+children(?:\s+and\s+young\s+people)?/i,
  },
  { key: 'quality-of-provision', area: 'Quality of provision', labels: /quality\s+of\s+provision/i },
  { key: 'leadership-and-management', area: 'Leadership and management', labels: /leadership\s+and\s+management/i },
];

/** Overall effectiveness as a judgement row (schools to August 2024, ILACS to March 2026, SIF's headline). */
export const OVERALL_EFFECTIVENESS_AREA: JudgementArea = {
  key: 'overall-effectiveness',
  area: 'Overall effectiveness',
  labels: /overall\s+effectiveness(?!\s+(?:at|of)\s+(?:the\s+)?(?:previous|last))/i,
};

/**
 * Schools, the 2012 framework (September 2012 to August 2015). Overall effectiveness is printed as
 * "This inspection: Good 2" beside "Previous inspection: …", not after its label.
 */
export const SCHOOL_2012_AREAS: readonly JudgementArea[] = [
  { key: 'achievement-of-pupils', area: 'Achievement of pupils', labels: /achievement\s+of\s+pupils/i },
  { key: 'quality-of-teaching', area: 'Quality of teaching', labels: /quality\s+of\s+teaching(?!,)/i },
  { key: 'behaviour-and-safety', area: 'Behaviour and safety of pupils', labels: /behaviour\s+and\s+safety\s+of\s+pupils/i },
  {
    key: 'leadership-and-management',
    area: 'Leadership and management',
    labels: /(?<!effectiveness\s+of\s+)leadership\s+and\s+management/i,
  },
  { key: 'early-years', area: 'Early years provision', labels: /early\s+years\s+provision/i },
];

/** Schools, common inspection framework (September 2015 to August 2019). */
export const SCHOOL_CIF_AREAS: readonly JudgementArea[] = [
  OVERALL_EFFECTIVENESS_AREA,
  {
    key: 'leadership-and-management',
    area: 'Effectiveness of leadership and management',
    labels: /effectiveness\s+of\s+leadership\s+and\s+management/i,
  },
  {
    key: 'teaching-learning-and-assessment',
    area: 'Quality of teaching, learning and assessment',
    labels: /quality\s+of\s+teaching,?\s+learning\s+and\s+assessment/i,
  },
  {
    key: 'personal-development-behaviour-and-welfare',
    area: 'Personal development, behaviour and welfare',
    labels: /personal\s+development,?\s+behaviour\s+and\s+welfare/i,
  },
  { key: 'outcomes-for-pupils', area: 'Outcomes for pupils', labels: /outcomes\s+for\s+(?:pupils|children\s+and\s+learners)/i },
  { key: 'early-years', area: 'Early years provision', labels: /early\s+years\s+provision/i },
  { key: 'sixth-form', area: '16 to 19 study programmes', labels: /16\s+to\s+19\s+study\s+programmes/i },
];

/**
 * Schools, education inspection framework (September 2019 to November 2025). From September 2024 the same
 * table is printed without its "Overall effectiveness" row.
 */
export const SCHOOL_EIF_AREAS: readonly JudgementArea[] = [
  OVERALL_EFFECTIVENESS_AREA,
  { key: 'quality-of-education', area: 'The quality of education', labels: /(?:the\s+)?quality\s+of\s+education/i },
  { key: 'behaviour-and-attitudes', area: 'Behaviour and attitudes', labels: /behaviour\s+and\s+attitudes/i },
  {
    key: 'personal-development',
    area: 'Personal development',
    labels: /personal\s+development(?!,|\s+and\s+(?:well|welfare))/i,
  },
  {
    key: 'leadership-and-management',
    area: 'Leadership and management',
    labels: /(?<!effectiveness\s+of\s+)leadership\s+and\s+management/i,
  },
  { key: 'early-years', area: 'Early years provision', labels: /early\s+years\s+provision/i },
  { key: 'sixth-form', area: 'Sixth-form provision', labels: /sixth[\s-]*form\s+provision/i },
];

/** Schools from September 2024: graded areas only, no overall effectiveness. */
export const SCHOOL_NO_OVERALL_FROM = '2024-09-01';

/** Schools, report cards (renewed framework, November 2025 on): five-point scale, safeguarding met / not met. */
export const SCHOOL_REPORT_CARD_AREAS: readonly JudgementArea[] = [
  { key: 'inclusion', area: 'Inclusion', labels: /\binclusion\b/i },
  { key: 'curriculum-and-teaching', area: 'Curriculum and teaching', labels: /curriculum\s+and\s+teaching/i },
  { key: 'achievement', area: 'Achievement', labels: /\bachievement\b/i },
  { key: 'attendance-and-behaviour', area: 'Attendance and behaviour', labels: /attendance\s+and\s+behaviour/i },
  {
    key: 'personal-development-and-well-being',
    area: 'Personal development and well-being',
    labels: /personal\s+development\s+and\s+well[\s-]*being/i,
  },
  { key: 'early-years', area: 'Early years', labels: /\bearly\s+years(?:\s+(?:in\s+schools?|provision))?/i },
  { key: 'sixth-form', area: 'Post-16', labels: /\bpost[\s-]*16(?:\s+provision)?|\bsixth[\s-]*form(?:\s+in\s+schools?)?/i },
  { key: 'leadership-and-governance', area: 'Leadership and governance', labels: /leadership\s+and\s+governance/i },
];

/** Report cards started on this date (the renewed education inspection framework). */
export const SCHOOL_REPORT_CARDS_FROM = '2025-11-10';

/** Every judgement area of every framework, children's homes first: the order lists and exports use. */
export const ALL_JUDGEMENT_AREAS: readonly JudgementArea[] = [
  ...CHILDRENS_HOME_AREAS,
  CARE_AND_SUPPORT_AREA,
  ...CHILDRENS_HOME_LEGACY_AREAS,
  ...LA_ILACS_AREAS,
  ...LA_SIF_AREAS,
  ...LA_LOOKED_AFTER_2012_AREAS,
  ...SCHOOL_2012_AREAS,
  ...SCHOOL_CIF_AREAS,
  ...SCHOOL_EIF_AREAS,
  ...SCHOOL_REPORT_CARD_AREAS,
];

export const SAFEGUARDING_OUTCOMES = ['met', 'not-met'] as const;
export type SafeguardingOutcome = (typeof SAFEGUARDING_OUTCOMES)[number];

/**
 * "Met", "Not met", "effective", "not effective", "ineffective" → met / not-met; null when the words are none
 * of these. Report cards say met/not met; earlier school reports said (in)effective.
 */
export function normaliseSafeguarding(raw: string | null | undefined): SafeguardingOutcome | null {
  if (!raw) return null;
  const t = normaliseText(raw).toLowerCase().replace(/\s+/g, ' ').replace(/[.:;,]+$/g, '').trim();
  if (/^(?:not met|not effective|ineffective)$/.test(t)) return 'not-met';
  if (/^(?:met|effective)$/.test(t)) return 'met';
  return null;
}

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
