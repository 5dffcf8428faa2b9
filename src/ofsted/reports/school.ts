import type { Judgement, ParsedReport } from '../types.js';
import { normaliseUrn } from '../urn.js';
import {
  GRADE_PATTERN,
  SCHOOL_2012_AREAS,
  SCHOOL_CIF_AREAS,
  SCHOOL_EIF_AREAS,
  SCHOOL_NO_OVERALL_FROM,
  SCHOOL_REPORT_CARD_AREAS,
  normaliseGrade,
  type Grade,
  normaliseSafeguarding,
  OVERALL_EFFECTIVENESS_AREA,
  type JudgementArea,
  type SafeguardingOutcome,
} from '../vocabulary.js';
import { cleanItem, gradeAfterLabel, readAgreedValues, type TableRowSpec } from './common-fields.js';
import { parseDateRange } from '../dates.js';
import { readInspectionDates, readInspectionTeam } from './generic.js';
import { BULLET_MARK, findAll, sectionBetween } from './labels.js';
import { PARSER_VERSION } from './parser-version.js';
import { sentences, type ReportText } from './report-text.js';

/** Which school inspection framework wrote the report; each has its own table of judgements. */
export type SchoolFramework = '2012' | 'cif' | 'eif' | 'report-card' | 'unknown';

const FRAMEWORK_AREAS: Record<SchoolFramework, readonly JudgementArea[]> = {
  '2012': SCHOOL_2012_AREAS,
  cif: SCHOOL_CIF_AREAS,
  eif: SCHOOL_EIF_AREAS,
  'report-card': SCHOOL_REPORT_CARD_AREAS,
  unknown: [SCHOOL_EIF_AREAS[0]!],
};

// Areas every report of a framework grades; early years and sixth form only where the school has them.
const CORE_AREAS: Record<SchoolFramework, readonly string[]> = {
  '2012': ['achievement-of-pupils', 'quality-of-teaching', 'behaviour-and-safety', 'leadership-and-management'],
  cif: ['leadership-and-management', 'teaching-learning-and-assessment', 'personal-development-behaviour-and-welfare', 'outcomes-for-pupils'],
  eif: ['quality-of-education', 'behaviour-and-attitudes', 'personal-development', 'leadership-and-management'],
  'report-card': ['inclusion', 'curriculum-and-teaching', 'achievement', 'attendance-and-behaviour', 'personal-development-and-well-being', 'leadership-and-governance'],
  unknown: [],
};

const REPORT_CARD_GRADE = /(strong standard|expected standard|needs attention|urgent improvement|exceptional)/;
const SAFEGUARDING_VALUE = /(not\s+met|met)/;
const PREVIOUS_GRADE_LABEL = /overall\s+effectiveness\s+at\s+(?:the\s+)?previous\s+inspection|previous\s+inspection\s+grade/i;

/** The framework, from the table's own labels (a report card's areas, EIF's, CIF's), never from a date alone. */
export function detectSchoolFramework(text: ReportText): SchoolFramework {
  const head = text.lines.slice(0, 80).join(' ');
  const count = (areas: readonly JudgementArea[]) => areas.filter((a) => a.labels.test(head)).length;
  const reportCardGrades = new RegExp(`\\b${REPORT_CARD_GRADE.source}\\b`, 'i').test(head);
  if (count(SCHOOL_REPORT_CARD_AREAS.filter((a) => !['early-years', 'sixth-form', 'achievement', 'inclusion'].includes(a.key))) >= 2 && reportCardGrades) {
    return 'report-card';
  }
  if (/quality\s+of\s+education/i.test(head) && /behaviour\s+and\s+attitudes/i.test(head)) return 'eif';
  if (count(SCHOOL_CIF_AREAS.slice(1)) >= 2) return 'cif';
  if (/achievement\s+of\s+pupils/i.test(head) && /behaviour\s+and\s+safety\s+of\s+pupils/i.test(head)) return '2012';
  if (/curriculum\s+and\s+teaching/i.test(head) && /attendance\s+and\s+behaviour/i.test(head)) return 'report-card';
  return 'unknown';
}

/** Parse a school inspection report of any framework since 2012 (2012, CIF, EIF with and without overall, report cards). */
export function parseSchoolReport(text: ReportText): ParsedReport {
  const flat = text.flat;
  const framework = detectSchoolFramework(text);
  const areas = FRAMEWORK_AREAS[framework];

  const rows: TableRowSpec[] = [
    ...areas.map((a) => ({ key: a.key, labels: a.labels, value: framework === 'report-card' ? REPORT_CARD_GRADE : GRADE_PATTERN })),
    { key: 'previous', labels: PREVIOUS_GRADE_LABEL, value: GRADE_PATTERN },
  ];
  if (framework === 'report-card') rows.push({ key: 'safeguarding', labels: /\bsafeguarding(?:\s+standards)?(?!\s+(?:is|are)\b)/i, value: SAFEGUARDING_VALUE });
  // Every reading of a row must agree (the table, and any heading or sentence printing the label and a grade).
  const { values, conflicts } = readAgreedValues(text, rows, (key, raw) =>
    key === 'safeguarding' ? normaliseSafeguarding(raw) : normaliseGrade(raw),
  );

  // 2012 reports print both overall grades under one label: "This inspection: Good 2 Previous inspection: …".
  const thisInspection = framework === '2012' ? gradeAfterLabel(text, /\bthis\s+inspection\s*:/i) : null;
  const judgements: Judgement[] = [
    ...(thisInspection ? [{ area: OVERALL_EFFECTIVENESS_AREA.area, key: OVERALL_EFFECTIVENESS_AREA.key, grade: thisInspection }] : []),
    ...areas.flatMap((a) => {
      const grade = values.get(a.key) as Grade | undefined;
      return grade ? [{ area: a.area, key: a.key, grade }] : [];
    }),
  ];
  const overall = judgements.find((j) => j.key === 'overall-effectiveness')?.grade ?? null;

  const dates = readInspectionDates(text);
  const previousGrade =
    (values.get('previous') as Grade | undefined) ?? (framework === '2012' ? gradeAfterLabel(text, /\bprevious\s+inspection\s*:/i) : null);
  const previousDate = readPreviousDate(flat);

  const report: ParsedReport = {
    urn: readUrn(text),
    kind: 'school',
    inspectionStart: dates?.start ?? null,
    inspectionEnd: dates?.end ?? null,
    overall,
    judgements,
    interimOutcome: null,
    previous: previousGrade || previousDate ? { date: previousDate, overall: previousGrade } : null,
    enforcementSinceLast: null,
    registeredProvider: null,
    registeredManager: null,
    inspectors: readInspectionTeam(text),
    requirements: [],
    recommendations: readImprovements(flat),
    keyFindings: readFindings(text, framework),
    safeguarding: (values.get('safeguarding') as ParsedReport['safeguarding'] | undefined) ?? (conflicts.includes('safeguarding') ? null : readSafeguarding(flat)),
    parserVersion: PARSER_VERSION,
    unreadable: [],
  };
  report.unreadable = unreadableFields(report, framework);
  for (const key of conflicts) {
    const field = key === 'overall-effectiveness' ? 'overall' : key === 'previous' ? 'previous' : key === 'safeguarding' ? 'safeguarding' : `judgements.${key}`;
    if (!report.unreadable.includes(field)) report.unreadable.push(field);
  }
  return report;
}

/**
 * "Unique reference number 103980" in the school details table, or "URN: 103980". When the table came out
 * column by column, the value is the first line after the label that is nothing but a URN.
 */
function readUrn(text: ReportText): string | null {
  const m = /\b(?:unique reference number|URN)\s*(?:\(URN\))?\s*:?\s*(\d{6,7})\b/i.exec(text.flat);
  if (m) return normaliseUrn(m[1]!);
  const at = text.lines.findIndex((l) => /^(?:unique reference number|URN)\s*:?$/i.test(l));
  if (at < 0) return null;
  const value = text.lines.slice(at + 1, at + 30).find((l) => /^\d{6,7}$/.test(l));
  return value ? normaliseUrn(value) : null;
}

/** "Date of previous inspection 4–5 November 2014" (CIF, EIF school details): the start of that inspection. */
function readPreviousDate(flat: string): string | null {
  for (const hit of findAll(flat, /\bdates?\s+of\s+(?:the\s+)?(?:previous|last)\s+(?:standard\s+|full\s+|graded\s+|school\s+)?inspection\s*:?/i)) {
    const slice = flat.slice(hit.end, hit.end + 60);
    if (!/^[\s:|\-]*\d/.test(slice)) continue;
    const range = parseDateRange(slice);
    if (range) return range.start;
  }
  return null;
}

/**
 * Safeguarding's verdict: "Safeguarding: Met" / "Safeguarding Not met" (report cards), "The arrangements for
 * safeguarding are (not) effective" (EIF, CIF), "Safeguarding is (in)effective" (CIF summary). The first
 * statement wins. A statement inside a negated clause ("leaders have not ensured that safeguarding standards
 * are met") says neither, so it is skipped rather than read either way.
 */
function readSafeguarding(flat: string): SafeguardingOutcome | null {
  const patterns = [
    /\bsafeguarding(?:\s+standards)?\s*(?:[:\-]\s*)?(not\s+met|met)\b/gi,
    /\barrangements\s+for\s+safeguarding\s+(?:are|were)\s+(not\s+effective|ineffective|effective)\b/gi,
    /\bsafeguarding\s+(?:is|was)\s+(not\s+effective|ineffective|effective)\b/gi,
    /\bsafeguarding\s+(?:standards|requirements)\s+(?:are|were|have\s+been)\s+(not\s+met|met)\b/gi,
    // 2012-2015: "The school's arrangements for safeguarding pupils meet statutory requirements."
    /\barrangements\s+for\s+safeguarding(?:\s+pupils)?\s+(do\s+not\s+meet|meet|meets)\s+(?:all\s+)?(?:statutory|current|government)?\s*requirements\b/gi,
  ];
  let best: { index: number; value: SafeguardingOutcome } | null = null;
  for (const re of patterns) {
    for (let m = re.exec(flat); m; m = re.exec(flat)) {
      const value = normaliseSafeguarding(m[1]?.replace(/^do\s+not\s+meet$/i, 'not met').replace(/^meets?$/i, 'met'));
      const clause = flat.slice(Math.max(0, m.index - 80), m.index).split(/[.;:!?]/).pop() ?? '';
      if (!value || /\b(?:not|never|no longer|fail(?:s|ed)?\s+to|whether)\b|n't\b/i.test(clause)) continue;
      if (!best || m.index < best.index) best = { index: m.index, value };
      break;
    }
  }
  return best?.value ?? null;
}

const IMPROVE_ENDS = [
  /\bHow can I feed\s*back my views\b/i,
  /\bFurther information\b/i,
  /\bSchool details\b/i,
  /\bProvider details\b/i,
  /\bInspection judgements\b/i,
  /\bInformation about this (?:school|inspection)\b/i,
  /\bWhat is it like to\b/i,
  /\bThe Office for Standards in Education\b/i,
  /\bIf you would like a copy of this document\b/i,
];

/**
 * The school's improvement points: "What does the school need to do to improve (further)?", or a report card's
 * "Next steps". One item per bullet (or numbered point); sub-bullets stay with their point.
 */
function readImprovements(flat: string): string[] {
  // Case matters: "next steps" in a sentence is not the heading.
  const section = sectionBetween(
    flat,
    /\b(?:[Ww]hat does the school need to do to improve(?:\s+further)?\s*\??|WHAT DOES THE SCHOOL NEED TO DO TO IMPROVE\??|Next steps(?:\s+for\s+the\s+school)?\s*:?|NEXT STEPS|What the school needs to do (?:next|to improve)\s*:?)/,
    IMPROVE_ENDS,
  );
  if (!section) return [];
  const body = section.text.replace(/^\(?\s*Information for the school and appropriate authority\s*\)?/i, '');
  let items = BULLET_MARK.test(body)
    ? body.split(new RegExp(BULLET_MARK.source, 'g'))
    : /^\s*1[.)]\s/.test(body)
      ? body.split(/(?:^|\s)\d{1,2}[.)]\s+(?=[A-Z])/)
      : [body];
  // Special-measures reports end the list with boilerplate: "An external review of … should be undertaken"
  // is one more thing to do; "Newly qualified teachers should not be appointed" restricts, it asks nothing.
  items = items.flatMap((item) => item.split(/\s(?=An external review of\b)|\s(?=(?:Newly qualified|Early career) teachers (?:should|may) not be appointed)/));
  return items
    .map(cleanItem)
    .filter((t) => t.length > 15 && /[a-z]/.test(t))
    .filter((t) => !/^(?:Newly qualified|Early career) teachers (?:should|may) not be appointed/i.test(t));
}

// Headings that close a summary section.
const SUMMARY_STOPS = [
  /^What does the school do well\b/i,
  /^What does the school need to do\b/i,
  /^Next steps\b/i,
  /^Safeguarding\b/i,
  /^How can I feed\s*back\b/i,
  /^(?:School|Provider) details\b/i,
  /^Further information\b/i,
  /^Information about this (?:school|inspection)\b/i,
];

/**
 * The verdict a parent reads first. CIF: "This is an inadequate school" and the first sentence of each bullet
 * of the "Summary of key findings". EIF and report cards: the opening sentences of "What is it like to attend
 * this school?" (or a report card's summary), read line by line up to the next heading or area name.
 */
function readFindings(text: ReportText, framework: SchoolFramework): string[] {
  const flat = text.flat;
  const usable = (s: string) => s.length >= 20 && s.length <= 500;
  const cif = sectionBetween(flat, /\bSummary of key findings(?: for parents and pupils)?\b/i, [/\bFull report\b/i, /\bWhat does the school need to do\b/i, /\bInspection judgements\b/i]);
  if (cif && (framework === 'cif' || framework === '2012' || framework === 'unknown')) {
    const body = cif.text.replace(/\bThe school has the following strengths\b/gi, ' ');
    const parts = body.split(new RegExp(BULLET_MARK.source, 'g')).map((p) => p.replace(/\s+/g, ' ').trim());
    const out: string[] = [];
    parts.forEach((part, i) => {
      if (!part) return;
      // Before the first bullet: the one-line verdict ("This is an inadequate school"); it has no full stop.
      const first = i === 0 ? part.replace(/\s+It is not good because\s*$/i, '') : (sentences(part)[0] ?? '');
      if (usable(first) && !out.includes(first)) out.push(first);
    });
    return out.slice(0, 12);
  }
  const heading = /^(?:What is it like to (?:attend|be a pupil at|be a student at|be a learner at) this school\s*\??|Summary of (?:key )?findings\b\s*:?)\s*/i;
  const at = text.lines.findIndex((l) => heading.test(l));
  if (at < 0) return [];
  const areaLine = new RegExp(`^(?:${FRAMEWORK_AREAS[framework].map((a) => a.labels.source).join('|')})\\s*:?$`, 'i');
  const body: string[] = [text.lines[at]!.replace(heading, '')];
  for (const line of text.lines.slice(at + 1, at + 80)) {
    if (SUMMARY_STOPS.some((re) => re.test(line)) || areaLine.test(line)) break;
    body.push(line);
  }
  return sentences(body.join(' '))
    .filter((s) => usable(s) && /[.!?]$/.test(s))
    .slice(0, 6);
}

function unreadableFields(r: ParsedReport, framework: SchoolFramework): string[] {
  const missing: string[] = [];
  if (!r.urn) missing.push('urn');
  if (!r.inspectionStart) missing.push('inspectionStart');
  if (r.inspectors.length === 0) missing.push('inspectors');
  const overallExpected = framework === '2012' || framework === 'cif' || (framework === 'eif' && r.inspectionStart !== null && r.inspectionStart < SCHOOL_NO_OVERALL_FROM);
  if (!r.overall && overallExpected) missing.push('overall');
  for (const key of CORE_AREAS[framework]) if (!r.judgements.some((j) => j.key === key)) missing.push(`judgements.${key}`);
  // 2012 reports state safeguarding only in passing, if at all.
  if (framework !== 'unknown' && framework !== '2012' && !r.safeguarding) missing.push('safeguarding');
  return missing;
}
