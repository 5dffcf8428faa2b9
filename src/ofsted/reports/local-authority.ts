import type { Judgement, ParsedReport } from '../types.js';
import { normaliseUrn } from '../urn.js';
import {
  GRADE_PATTERN,
  ILACS_WITHOUT_OVERALL_FROM,
  LA_ILACS_AREAS,
  LA_LOOKED_AFTER_2012_AREAS,
  LA_SIF_AREAS,
  OVERALL_EFFECTIVENESS_AREA,
  normaliseGrade,
  type Grade,
  type JudgementArea,
  type ReportKind,
} from '../vocabulary.js';
import { cleanItem, readAgreedValues, readKeyFindings } from './common-fields.js';
import { readInspectionDates, readInspectionTeam } from './generic.js';
import { BULLET_MARK, findAll, sectionBetween } from './labels.js';
import { PARSER_VERSION } from './parser-version.js';
import { lineAt, sentences, type ReportText } from './report-text.js';

export type LocalAuthorityKind = Extract<ReportKind, `la-${string}`>;

type Framework = 'ilacs' | 'sif' | 'looked-after-2012' | 'focused-visit' | 'unknown';

// Headings after which a summary, a list of improvements or a letter's findings has ended.
const CLOSING = [
  /\bThe Office for Standards in Education\b/i,
  /\bIf you would like a copy of this document\b/i,
  /\bCrown copyright\b/i,
  /\bYours sincerely\b/i,
  /\bOfsted will take the findings\b/i,
  // A letter's letterhead, which some extractors print after the first page's body.
  /\b(?:Ofsted\s+)?(?:Piccadilly Gate|Agora\s+6 Cumberland Place|Aviation House)\b/i,
];

/** Parse a local authority children's services report: ILACS (any era), SIF, or a focused visit letter. */
export function parseLocalAuthorityReport(text: ReportText, kind: LocalAuthorityKind): ParsedReport {
  const flat = text.flat;
  const framework = frameworkOf(text, kind);
  const dates = readInspectionDates(text);
  const conflicts: string[] = [];

  let judgements: Judgement[] = [];
  let overall: Grade | null = null;
  if (framework === 'ilacs') {
    judgements = readAgreedGrades(text, LA_ILACS_AREAS, conflicts);
    overall = judgements.find((j) => j.key === 'overall-effectiveness')?.grade ?? null;
  } else if (framework === 'looked-after-2012') {
    judgements = readAgreedGrades(text, LA_LOOKED_AFTER_2012_AREAS, conflicts, NUMBERED_GRADE);
    overall = judgements.find((j) => j.key === 'overall-effectiveness')?.grade ?? null;
  } else if (framework === 'sif') {
    overall = agreed('overall', readSifHeadlines(flat), conflicts);
    judgements = [
      ...(overall ? [{ area: OVERALL_EFFECTIVENESS_AREA.area, key: OVERALL_EFFECTIVENESS_AREA.key, grade: overall }] : []),
      ...readAgreedGrades(text, LA_SIF_AREAS, conflicts),
    ];
  }

  const report: ParsedReport = {
    urn: readUrn(flat),
    kind,
    inspectionStart: dates?.start ?? null,
    inspectionEnd: dates?.end ?? null,
    overall,
    judgements,
    interimOutcome: null,
    previous: framework === 'ilacs' ? readPrevious(text) : null,
    enforcementSinceLast: null,
    registeredProvider: null,
    registeredManager: null,
    inspectors: readInspectionTeam(text),
    requirements: [],
    recommendations: framework === 'sif' ? readNumberedRecommendations(flat) : readImprovements(text, framework),
    keyFindings: readFindings(text, framework),
    safeguarding: null,
    parserVersion: PARSER_VERSION,
    unreadable: [],
  };
  const combinedCare = LA_ILACS_AREAS.find((a) => a.key === 'children-in-care-and-care-leavers')!.labels.test(flat);
  report.unreadable = unreadableFields(report, framework, conflicts, combinedCare);
  return report;
}

/**
 * Which framework wrote the report, from its own title and judgement labels. The SIF's title ("Inspection of
 * services for children in need of help and protection, children looked after and care leavers") and rows
 * ("children looked after and achieving permanence") belong to no later framework; ILACS' rows ("the impact of
 * leaders on (social work) practice …", "children in care", "children in care and care leavers") and title
 * ("… local authority children's services") to no earlier one. A sentence about a previous inspection ("when
 * children's services in Kirklees were judged to require improvement") decides nothing.
 */
function frameworkOf(text: ReportText, kind: LocalAuthorityKind): Framework {
  if (kind === 'la-focused-visit') return 'focused-visit';
  const head = text.lines.slice(0, 80).join(' ');
  if (SIF_TITLE.test(head)) return 'sif';
  const ilacsOnly = LA_ILACS_AREAS.filter((a) => ['impact-of-leaders', 'children-in-care', 'children-in-care-and-care-leavers'].includes(a.key));
  if (ilacsOnly.some((a) => a.labels.test(text.flat)) || ILACS_TITLE.test(head)) return 'ilacs';
  if (LA_SIF_AREAS.filter((a) => a.key !== 'help-and-protection').some((a) => a.labels.test(head))) return 'sif';
  if (/\binspection\s+of\s+(?:safeguarding\s+and\s+)?looked\s+after\s+children'?s?\s+services\b/i.test(head)) return 'looked-after-2012';
  // Titled as an LA inspection but with none of the judgement rows we know: read nothing rather than guess.
  return 'unknown';
}

const ILACS_TITLE = /\binspection\s+of\s+(?:.{2,80}?\s+)?local\s+authority\s+children'?s\s+services\b|\binspection\s+of\s+children'?s\s+social\s+care\s+services\b/i;

/** Grades of the 2009-2013 inspections: "Inadequate Grade 4", "Grade 4 (Inadequate)", or the word alone. */
const NUMBERED_GRADE = new RegExp(String.raw`(?:grade\s*[1-4]\s*\(\s*)?${GRADE_PATTERN.source}(?:\s*\)|\s+grade\s*[1-4]\b)?`, 'i');

const SIF_TITLE = /\binspection of services for children in need of help and protection,?\s+children looked after and care leavers\b/i;

// A local authority's name as a verdict sentence prints it: capitalised words and the joining words of place
// names ("Bath and North East Somerset (B&NES)", "Kingston upon Hull"). Lower-case words such as "were judged"
// end it, so a sentence about a previous inspection is never read as this one's verdict.
const LA_NAME = String.raw`[A-Z][\w'&.-]*(?:\s+(?:[A-Z(][\w'&().-]*|and|of|upon|on|the|in|&))*?`;

/**
 * The SIF's overall verdict, wherever the report states it: "The overall judgement is requires improvement"
 * (2013-2014), "Children's services in Derby City are good" (title page and executive summary, 2014 on),
 * "Children's Services in Barnsley require improvement because:" (the name is sometimes left out). The LSCB's own
 * grade is not it.
 */
const SIF_HEADLINES = [
  new RegExp(String.raw`\bthe\s+overall\s+judgement\s+is\s+(?:that\s+(?:children'?s\s+services\s+)?(?:are|is)\s+)?${GRADE_PATTERN.source}`, 'gi'),
  new RegExp(String.raw`\bchildren'?s\s+services\s+(?:in\s+${LA_NAME}\s+)?(?:(?:are|is)\s+(?:judged\s+(?:to\s+be\s+)?)?${GRADE_PATTERN.source}|(requires?\s+improvement(?:\s+to\s+be\s+good)?))`, 'gi'),
];

function readSifHeadlines(flat: string): Grade[] {
  return SIF_HEADLINES.flatMap((re) => findAll(flat, re).map((h) => normaliseGrade(h.match[1] ?? h.match[2])).filter((g): g is Grade => g !== null));
}

/** One grade when every reading of a judgement agrees; none (and a note in `conflicts`) when two differ. */
function agreed(field: string, readings: readonly Grade[], conflicts: string[]): Grade | null {
  const distinct = [...new Set(readings)];
  if (distinct.length > 1) conflicts.push(field);
  return distinct.length === 1 ? distinct[0]! : null;
}

/**
 * Where a report lists the judgements of an earlier inspection (the SIF's "Previous Ofsted inspections": "The
 * judgements for the local authority were: Overall effectiveness: inadequate …"): readings there are history.
 * Such a section runs to the next section of the area's information or, at most, a page's worth of text.
 */
function pastInspectionSections(flat: string): { start: number; end: number }[] {
  return findAll(flat, /\bPrevious\s+Ofsted\s+inspections?\b|\bjudgements\s+(?:for|of)\s+the\s+local\s+authority\s+were\b/gi).map((h) => {
    const rest = flat.slice(h.end, h.end + 2500);
    const next = /\b(?:Local leadership|Other Ofsted inspections|Children and young people|Child protection in this area|Children looked after in this area|Inspection judgements about)\b/.exec(rest);
    return { start: h.index, end: h.end + (next?.index ?? rest.length) };
  });
}

/** True when the sentence a reading stands in speaks of an earlier inspection ("At the last inspection, …"). */
function aboutAnEarlierInspection(flat: string, index: number): boolean {
  const before = flat.slice(Math.max(0, index - 200), index);
  const sentence = before.slice(Math.max(...['.', '!', '?', ':'].map((c) => before.lastIndexOf(c))) + 1);
  return /\b(?:last|previous|prior|earlier)\s+(?:full\s+|standard\s+|ofsted\s+)?inspection|\binspection\s+(?:in|of)\s+(?:19|20)\d\d\b|\b(?:was|were)\s+judged\b/i.test(sentence);
}

/**
 * Each area's grade from its table row and from every other place the report prints the label with a grade
 * straight after it (ILACS' section headings "The experiences and progress of children in care: good", the
 * SIF's "… are good"). Readings that disagree leave the judgement unreadable; readings about an earlier
 * inspection are not readings of this one.
 */
function readAgreedGrades(text: ReportText, areas: readonly JudgementArea[], conflicts: string[], value = GRADE_PATTERN): Judgement[] {
  const past = pastInspectionSections(text.flat);
  const agreed = readAgreedValues(
    text,
    areas.map((a) => ({ key: a.key, labels: a.labels, value })),
    (_, raw) => normaliseGrade(raw),
    (index) => past.some((s) => index >= s.start && index < s.end) || aboutAnEarlierInspection(text.flat, index),
  );
  for (const key of agreed.conflicts) conflicts.push(key === 'overall-effectiveness' ? 'overall' : `judgements.${key}`);
  return areas.flatMap((a) => {
    const grade = agreed.values.get(a.key) as Grade | undefined;
    return grade ? [{ area: a.area, key: a.key, grade }] : [];
  });
}

/** LA URNs (5 digits) are seldom printed; read one only when labelled. */
function readUrn(flat: string): string | null {
  const m = /\b(?:unique reference number|URN)\s*(?:\(URN\))?\s*:?\s*(\d{5})\b/i.exec(flat);
  return m ? normaliseUrn(m[1]!) : null;
}

/** "Since its last inspection, when services overall were judged to be outstanding, …" (ILACS opening summary). */
function readPrevious(text: ReportText): ParsedReport['previous'] {
  const summary = openingSummary(text) ?? '';
  const m = new RegExp(
    `\\b(?:last|previous)\\s+(?:full\\s+|standard\\s+)?inspection\\b[^.]{0,80}?\\bjudged\\s+(?:to\\s+be\\s+|as\\s+|to\\s+(?=requires?\\b))?${GRADE_PATTERN.source}`,
    'i',
  ).exec(summary);
  const grade = m ? normaliseGrade(m[1]) : null;
  // Ofsted gives the month and year of the last inspection at most, never the day: no ISO date to give.
  return grade ? { date: null, overall: grade } : null;
}

/**
 * ILACS: the verdict paragraphs between the judgement table and "What needs to improve?". Starts after the
 * table's last label and any grade lines that follow it (pdftotext may print the grade column after the labels).
 */
function openingSummary(text: ReportText): string | null {
  const flat = text.flat;
  const improve = /What needs to improve\b/i.exec(flat);
  if (!improve) return null;
  let tableEnd = -1;
  for (const area of LA_ILACS_AREAS) {
    for (const hit of findAll(flat, area.labels)) if (hit.index < improve.index && hit.end > tableEnd) tableEnd = hit.end;
  }
  if (tableEnd < 0) return null;
  let line = lineAt(text, tableEnd) + 1;
  const gradeLine = new RegExp(`^(?:${GRADE_PATTERN.source}|grade|judgement)$`, 'i');
  while (line < text.lines.length && gradeLine.test(text.lines[line]!)) line++;
  const start = text.lineStarts[line] ?? flat.length;
  return start < improve.index ? flat.slice(start, improve.index) : null;
}

/**
 * "What needs to improve?" (ILACS; focused visits add "in this area of social work practice") or "Areas for
 * improvement" (older focused visits): one item per bullet.
 */
function readImprovements(text: ReportText, framework: Framework): string[] {
  const flat = text.flat;
  const ends = [
    ...CLOSING,
    ...LA_ILACS_AREAS.filter((a) => a.key !== 'overall-effectiveness').map((a) => new RegExp(`(?:the\\s+)?${a.labels.source}\\s*:`, 'i')),
    /\bMain findings\b/i,
    /\bFindings\b/,
    /\bHeadline findings\b/i,
  ];
  const section = sectionBetween(
    flat,
    /\bWhat needs to improve(?:\s+in\s+this\s+(?:area\s+of\s+social\s+work\s+practice|local\s+authority))?\s*\??\s*\d?|\bAreas?\s+for\s+(?:priority\s+)?(?:action|improvement)\s*:?/i,
    ends,
  );
  if (!section) return [];
  let body = section.text;
  // The opening words of a list ("The local authority should:") are not an item.
  body = body.replace(/^[^•▪◼■●\uF000-\uF0FF]{0,120}?\b(?:should|are|is)\s*:\s*/i, '');
  const items = BULLET_MARK.test(body)
    ? body.split(new RegExp(BULLET_MARK.source, 'g'))
    : framework === 'focused-visit' || /^\s*\d+\.\s/.test(body)
      ? body.split(/(?:^|\s)\d{1,2}\.\s+(?=[A-Z])/)
      : [body];
  return items.map(cleanItem).filter((t) => t.length > 15 && /[a-z]/.test(t));
}

/** SIF: the numbered items under "Recommendations" (the contents page's "Recommendations 7" is skipped). */
function readNumberedRecommendations(flat: string): string[] {
  for (const hit of findAll(flat, /\bRecommendations\b/)) {
    const section = sectionBetween(flat, /\bRecommendations\b/, [/\bSummary for children and young people\b/i, /\bThe experiences and progress of\b/i, ...CLOSING], hit.index);
    if (!section) continue;
    const items = section.text
      .split(/(?:^|\s)\d{1,2}\.\s+(?=[A-Z])/)
      .map(cleanItem)
      .filter((t) => t.length > 20 && /[a-z]/.test(t));
    if (items.length > 0) return items;
  }
  return [];
}

/** The opening verdict sentences: ILACS' summary, SIF's executive summary, a letter's headline findings. */
function readFindings(text: ReportText, framework: Framework): string[] {
  const flat = text.flat;
  const usable = (s: string) => s.length >= 25 && s.length <= 500 && /[.!?]$/.test(s);
  if (framework === 'ilacs') {
    const summary = openingSummary(text);
    return summary ? sentences(summary).filter(usable).slice(0, 10) : [];
  }
  if (framework === 'sif') {
    const section = sectionBetween(flat, /\bExecutive summary\b/i, [/\bContents\b/, /\bThe local authority\b(?=\s+Information about)/, /\bInformation about this local authority area\b/i, /\bRecommendations\b/, ...CLOSING]);
    return section ? readKeyFindings([section.text], 6) : [];
  }
  const ends = [/\bWhat needs to improve\b/i, /\bAreas?\s+for\s+(?:priority\s+)?(?:action|improvement)\b/i, /\bMain findings\b/i, /\bFindings\b/, ...CLOSING];
  const headline = sectionBetween(flat, /\bHeadline findings\b/i, ends);
  if (headline) return sentences(headline.text).filter(usable).slice(0, 8);
  // Older letters have no headline heading: their findings open after the sentence naming the framework.
  const opening = /carried out (?:in line with|under) the [^.]*framework[^.]*\.\s*/i.exec(flat);
  if (!opening) return [];
  const rest = sectionBetween(flat, new RegExp(opening[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), ends);
  return rest ? readKeyFindings([rest.text.replace(/^(?:Overview|Summary(?: of findings)?)\s+/, '')], 6) : [];
}

function unreadableFields(r: ParsedReport, framework: Framework, conflicts: readonly string[], combinedCare: boolean): string[] {
  const missing: string[] = [];
  if (!r.inspectionStart) missing.push('inspectionStart');
  if (r.inspectors.length === 0) missing.push('inspectors');
  if (framework === 'focused-visit') return missing;
  if (framework === 'unknown') return [...missing, 'overall', 'judgements'];
  if (framework === 'looked-after-2012') {
    if (!r.overall) missing.push('overall');
    return [...missing, ...conflicts.filter((f) => !missing.includes(f))];
  }
  // Without a start date the era is unknown, so an overall grade may be owed: say it could not be read.
  const overallExpected = framework === 'sif' || r.inspectionStart === null || r.inspectionStart < ILACS_WITHOUT_OVERALL_FROM;
  if (!r.overall && overallExpected) missing.push('overall');
  const has = (key: string) => r.judgements.some((j) => j.key === key);
  const expected =
    framework === 'sif'
      ? LA_SIF_AREAS.map((a) => a.key)
      : [
          'impact-of-leaders',
          'help-and-protection',
          // 2018-2022 judge children in care and care leavers together; from 2023 apart.
          ...(combinedCare ? ['children-in-care-and-care-leavers'] : ['children-in-care', 'care-leavers']),
        ];
  for (const key of expected) if (!has(key)) missing.push(`judgements.${key}`);
  for (const field of conflicts) if (!missing.includes(field)) missing.push(field);
  return missing;
}
