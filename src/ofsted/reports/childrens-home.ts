import type { Judgement, ParsedReport } from '../types.js';
import {
  CARE_AND_SUPPORT_AREA,
  CHILDRENS_HOME_AREAS,
  CHILDRENS_HOME_LEGACY_AREAS,
  GRADE_PATTERN,
  normaliseGrade,
  type Grade,
  type JudgementArea,
  type InterimOutcome,
  type ReportKind,
} from '../vocabulary.js';
import { normaliseUrn } from '../urn.js';
import {
  dateAfterLabel,
  gradeAfterLabel,
  readInspectors,
  signOffStart,
  readKeyFindings,
  readRecommendations,
  readRequirements,
} from './common-fields.js';
import { parseDate, parseDateRange } from '../dates.js';
import { readChildrensHomeJudgements, splicedGrades } from './childrens-home-judgements.js';
import { findAll, lineValue, sectionBetween } from './labels.js';
import { PARSER_VERSION } from './parser-version.js';
import { paragraphsBetween, type ReportText } from './report-text.js';

export type ChildrensHomeKind = Extract<ReportKind, `childrens-home-${string}`>;

// Headings that close one section of a children's home report and open the next.
const SECTION_ENDS = [
  /What does the children'?s home need to do to improve\??/i,
  /\bStatutory requirements\b/,
  /\bRecommendations\b/,
  /\bInspection judgements\b/i,
  /\bInformation about this (?:inspection|visit|children'?s home)\b/i,
  /\bChildren'?s home details\b/i,
  /\bRecent inspection history\b/i,
  /\bNext steps\b/,
  /\bService information\b/i,
  // Closing boilerplate of every report.
  /\bThe Office for Standards in Education\b/i,
  /\bIf you would like a copy of this document\b/i,
  /©\s*Crown copyright|\bCrown copyright\b/i,
];

/** A section's text up to the inspector's sign-off, which no heading announces. */
function beforeSignOff(text: ReportText, section: { bodyStart: number; end: number }): string {
  return text.flat.slice(section.bodyStart, signOffStart(text, section.bodyStart, section.end)).trim();
}

/** Parse a children's home report of a known kind (full, interim, monitoring, assurance; any era). */
export function parseChildrensHomeReport(text: ReportText, kind: ChildrensHomeKind): ParsedReport {
  const flat = text.flat;
  const legacy = kind === 'childrens-home-full' && isLegacyFramework(text);
  const legacyHeader = readLegacyHeaderTable(text);

  const urn = readUrn(text) ?? legacyHeader?.urn ?? null;
  const dates = readInspectionDates(text) ?? legacyHeader?.dates ?? null;

  // Residential special schools' 2015-2017 reports add "The quality of care and support" to the SCCIF's three.
  const areas = legacy ? [...CHILDRENS_HOME_LEGACY_AREAS, CARE_AND_SUPPORT_AREA] : [...CHILDRENS_HOME_AREAS, CARE_AND_SUPPORT_AREA];
  const { judgements, conflicting } =
    kind === 'childrens-home-full' ? readChildrensHomeJudgements(text, areas) : { judgements: [] as Judgement[], conflicting: [] as string[] };
  const overallKey = legacy ? 'overall-effectiveness' : 'experiences-and-progress';
  if (legacy && !judgements.some((j) => j.key === 'overall-effectiveness') && !conflicting.includes('overall-effectiveness')) {
    // 2007-2011 reports state it in a sentence: "The overall quality rating is satisfactory."
    const rated = gradeAfterLabel(text, /overall quality rating\s+(?:is|was)/i);
    if (rated) judgements.unshift({ area: 'Overall effectiveness', key: 'overall-effectiveness', grade: rated });
  }
  const overall = judgements.find((j) => j.key === overallKey)?.grade ?? null;

  // A full inspection that read any grade gave judgements, whatever else its text says.
  const noJudgementGiven = NO_JUDGEMENT.test(flat) && judgements.length === 0 && conflicting.length === 0;
  const interimOutcome = kind === 'childrens-home-interim' && !noJudgementGiven ? readInterimOutcome(flat) : null;

  const previousDate =
    dateAfterLabel(text, /date of (?:the )?(?:last|previous) (?:full )?inspection/i) ??
    dateAfterLabel(text, /\bat (?:its|the) (?:last|previous) (?:full )?inspection (?:on|in)\b/i);
  // Every way a report states the last inspection's grade; when two disagree, none is taken.
  const previousGrades = new Set(
    [
      gradeAfterLabel(text, /(?:overall )?judgement at (?:the )?(?:last|previous) (?:full )?inspection/i),
      gradeAfterLabel(text, /previous inspection (?:judgement|grade|outcome)/i),
      // A table cell whose grade sits level with the label's first line: "Previous inspection Good judgement".
      ...splicedGrades(flat, /previous inspection (?:judgement|grade|outcome)/i),
      gradeAfterLabel(text, /overall effectiveness at (?:the )?previous inspection/i),
      readJudgedAtLast(flat),
    ].filter((g) => g !== null),
  );
  const previousGrade = previousGrades.size === 1 ? [...previousGrades][0]! : null;
  // 2015-2017 reports print the previous judgement but its date only in the recent inspection history.
  const lastFull = previousDate ? null : lastFullInHistory(text, dates?.start ?? null);
  const previous =
    previousDate || previousGrade
      ? { date: previousDate ?? (lastFull && lastFull.grade === previousGrade ? lastFull.date : null), overall: previousGrade }
      : null;

  const requirementsSection = sectionBetween(flat, /\bStatutory requirements\b/i, SECTION_ENDS.filter((r) => !/Statutory/.test(r.source)));
  const { requirements, datesUnreadable } = requirementsSection
    ? readRequirements(beforeSignOff(text, requirementsSection))
    : { requirements: [], datesUnreadable: false };

  const recommendationsSection = sectionBetween(
    flat,
    /\bRecommendations?\b(?!\s+(?:from|made|have|were|at)\b)/,
    SECTION_ENDS.filter((r) => !/Recommendations/.test(r.source)),
    requirementsSection?.index ?? improveSectionIndex(flat),
  );
  const recommendations = recommendationsSection ? readRecommendations(beforeSignOff(text, recommendationsSection)) : [];

  const keyFindings = readKeyFindings(narrativeSections(text, kind, areas));

  const registeredProvider =
    lineValue(text, /registered (?:provider|person)(?!\s+address)/i, (v) => v.length > 1 && !/^address\b/i.test(v)) ?? null;
  const manager = lineValue(text, /registered manager(?:'s name)?/i);
  const registeredManager = manager && !/^(?:post vacant|vacant|not applicable|n\/a|none)\b/i.test(manager) ? manager : null;
  const inspectors = readInspectors(text);
  if (inspectors.length === 0 && legacyHeader?.inspector) inspectors.push(legacyHeader.inspector);

  const report: ParsedReport = {
    urn,
    kind,
    inspectionStart: dates?.start ?? null,
    inspectionEnd: dates?.end ?? null,
    overall,
    judgements,
    interimOutcome,
    previous,
    enforcementSinceLast: readEnforcement(flat),
    registeredProvider,
    registeredManager,
    inspectors,
    requirements,
    recommendations,
    keyFindings,
    safeguarding: null,
    parserVersion: PARSER_VERSION,
    unreadable: [],
  };
  report.unreadable = unreadableFields(report, { legacy, datesUnreadable, noJudgementGiven, conflicting });
  return report;
}

/** Reports before the SCCIF (April 2015) judge "Overall effectiveness" or give an "overall quality rating". */
function isLegacyFramework(text: ReportText): boolean {
  const flat = text.flat;
  if (/social care common inspection framework|overall experiences and progress/i.test(flat)) return false;
  return /overall effectiveness|overall quality rating/i.test(flat);
}

function readUrn(text: ReportText): string | null {
  const labelled = /(?:unique reference number|(?<!education\s)\bURN)\s*(?:\(URN\))?\s*:?\s*(SC\d{6}|EY\d{5,7}|\d{6,7})\b/i.exec(text.flat);
  if (labelled) return normaliseUrn(labelled[1]!);
  // Footers and headers: "Inspection report for secure children's home: 2801375".
  const header = /(?:children'?s home|residential special school)\s*:?\s*(SC\d{6}|\d{7})\b/i.exec(text.flat);
  if (header) return normaliseUrn(header[1]!);
  // SCCIF title blocks open with the URN alone on a line.
  for (const line of text.lines.slice(0, 12)) {
    const urn = /^(SC\d{6}|\d{7})$/.exec(line);
    if (urn) return normaliseUrn(urn[1]!);
  }
  return null;
}

function readInspectionDates(text: ReportText): { start: string; end: string } | null {
  // Labels, or a letter's sentence: "the findings of the monitoring visit to the above children's home on 31 July 2024".
  for (const hit of findAll(
    text.flat,
    /\b(?:inspection|visit) dates?\s*(?:\(s\))?\s*:?|\bdates? of (?:the )?(?:inspection|visit)\s*:?|\b(?:visit|inspection) (?:to|of) [^.]{0,100}? (?:on|between)\s/i,
  )) {
    const slice = text.flat.slice(hit.end, hit.end + 70);
    if (!/^[\s:\-|]*\d/.test(slice)) continue;
    const range = parseDateRange(slice);
    if (range) return range;
  }
  return null;
}

/**
 * Pre-2012 reports open with a table whose labels come first and values after:
 * "Unique reference number Inspection date Inspector Type of inspection SC002264 18 March 2010 Jane Smith Random".
 */
function readLegacyHeaderTable(text: ReportText): { urn: string | null; dates: { start: string; end: string } | null; inspector: string | null } | null {
  const m =
    /unique reference number\s+inspection date\s+inspector\s+type of inspection\s+(SC\d{6}|\d{6,7})\s+(\d{1,2}\s+[A-Za-z]+\s+\d{4})\s+(.+?)\s+(?:Full|Random|Key|Interim|Announced|Unannounced)\b/i.exec(
      text.flat,
    );
  if (!m) return null;
  const date = parseDate(m[2]!);
  return { urn: normaliseUrn(m[1]!), dates: date ? { start: date, end: date } : null, inspector: m[3]!.trim() };
}

const HISTORY_ROW = new RegExp(
  String.raw`(\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2} [A-Za-z]+ \d{4})\s+(full|interim)(?:\s+inspection)?\s+(?:${GRADE_PATTERN.source}|(?:improved|sustained|declined)(?:\s+in)?\s+effectiveness)`,
  'gi',
);

/** The latest full inspection before `before` in the "Recent inspection history" table (rows of date, type, judgement). */
function lastFullInHistory(text: ReportText, before: string | null): { date: string; grade: Grade | null } | null {
  const section = sectionBetween(text.flat, /\bRecent inspection history\b/i, SECTION_ENDS.filter((r) => !/Recent inspection/.test(r.source)));
  if (!section || !before) return null;
  const fulls = findAll(section.text, HISTORY_ROW)
    .filter((h) => h.match[2]!.toLowerCase() === 'full')
    .map((h) => ({ date: parseDate(h.match[1]!), grade: normaliseGrade(h.match[3]) }))
    .filter((r): r is { date: string; grade: Grade | null } => r.date !== null && r.date < before)
    .sort((a, b) => b.date.localeCompare(a.date));
  return fulls[0] ?? null;
}

function readInterimOutcome(flat: string): InterimOutcome | null {
  const patterns = [
    /interim inspection,?[^.]{0,120}?\b(improved|sustained|declined)(?:\s+in)?\s+(?:its\s+)?effectiveness/gi,
    /\bjudgement\s*:?\s*(improved|sustained|declined)(?:\s+in)?\s+effectiveness/gi,
    /\b(improved|sustained|declined)(?:\s+in)?\s+effectiveness/gi,
  ];
  for (const re of patterns) {
    for (const hit of findAll(flat, re)) {
      const at = hit.match[0].toLowerCase().lastIndexOf(hit.match[1]!.toLowerCase());
      // "improved, sustained or declined in effectiveness" explains the scale; it is not an outcome.
      const before = flat.slice(Math.max(0, hit.index + at - 14), hit.index + at);
      if (/(?:\bor|,)\s*$/i.test(before)) continue;
      return hit.match[1]!.toLowerCase() as InterimOutcome;
    }
  }
  return null;
}

/** "This children's home was judged good at its last full inspection." */
function readJudgedAtLast(flat: string) {
  const m = /judged\s+(?:to be\s+)?([a-z ]{4,40}?)\s+at\s+(?:its|the)\s+(?:last|previous)\s+(?:full\s+)?inspection/i.exec(flat);
  return m ? normaliseGrade(m[1]) : null;
}

function readEnforcement(flat: string): string | null {
  const m = /enforcement action since (?:the )?last inspection\s*:?\s*/i.exec(flat);
  if (!m) return null;
  const rest = flat.slice(m.index + m[0].length, m.index + m[0].length + 400);
  if (/^none\b/i.test(rest)) return 'none';
  const cut = SECTION_ENDS.concat([/\bRecent inspection history\b/i, /\bInspection judgements\b/i])
    .map((re) => re.exec(rest)?.index ?? rest.length)
    .reduce((a, b) => Math.min(a, b), rest.length);
  const value = rest.slice(0, cut).trim();
  const firstSentence = /^(.*?[.])(?:\s|$)/.exec(value)?.[1] ?? value;
  return firstSentence.length > 0 ? firstSentence : null;
}

function improveSectionIndex(flat: string): number {
  return /What does the children'?s home need to do to improve/i.exec(flat)?.index ?? 0;
}

/** Where the narrative a reader quotes from lies: judgement sections of full reports, findings of visits. */
function readNarrative(flat: string, kind: ChildrensHomeKind): { index: number; end: number } {
  const ends = [
    /\bInformation about this (?:inspection|visit)\b/i,
    /\bChildren'?s home details\b/i,
    /\bService information\b/i,
    /\bWhat (?:does the children'?s home|the registered person) needs? to do\b/i,
    /\bStatutory requirements\b/,
    /\bThe Office for Standards in Education\b/i,
  ];
  const endOf = (from: number) =>
    Math.min(flat.length, ...ends.map((re) => new RegExp(re.source, 'gi')).map((re) => ((re.lastIndex = from), re.exec(flat)?.index ?? flat.length)));
  if (kind === 'childrens-home-full') {
    // Not the key "The inspection judgements and what they mean" of pre-2011 reports.
    const judgements = sectionBetween(flat, /\bInspection judgements\b(?!\s+and what they mean)/i, ends);
    if (judgements && judgements.text.length > 200) return { index: judgements.bodyStart, end: judgements.end };
  }
  // Headings, not the phrase "the findings of the visit" in a letter's opening sentence.
  const findings = /\b(?:Findings(?! of)|What the (?:inspection|visit) found|Summary(?: of findings)?|Inspection findings)\b/.exec(flat);
  if (findings) {
    const from = findings.index + findings[0].length;
    return { index: from, end: endOf(from) };
  }
  // Interim reports put the narrative after the outcome statement.
  const afterOutcome = /effectiveness\.\s*/i.exec(flat);
  const from = afterOutcome ? afterOutcome.index + afterOutcome[0].length : 0;
  return { index: from, end: endOf(from) };
}

/** The narrative as sections (one per judgement heading) of paragraphs. */
function narrativeSections(text: ReportText, kind: ChildrensHomeKind, areas: readonly JudgementArea[]): string[][] {
  const { index, end } = readNarrative(text.flat, kind);
  // Headings may wrap ("…leaders and managers: requires" / "improvement to be good"), so they are found in
  // the paragraphs joined by line breaks, with any whitespace between words. 2015-2017 reports open a section
  // with a table row instead: the label, then its grade (and number) with no colon.
  const grade = GRADE_PATTERN.source.replace(/ /g, '\\s+');
  const heading = new RegExp(`(?:${areas.map((a) => a.labels.source).join('|')})(?:[^:.]{0,60}:\\s*|[\\s|]+)${grade}(?:\\s+[1-4]\\b)?`, 'gi');
  const joined = paragraphsBetween(text, index, end).join('\n');
  const sections: string[][] = [];
  let prev = 0;
  for (const m of joined.matchAll(heading)) {
    sections.push(joined.slice(prev, m.index).split('\n'));
    prev = m.index + m[0].length;
  }
  sections.push(joined.slice(prev).split('\n'));
  return sections.map((paras) => paras.map((p) => p.trim()).filter(Boolean)).filter((paras) => paras.length > 0);
}

// A home with no children living in it at its first inspection gets no judgement, and the report says so.
const NO_JUDGEMENT = /no judgement (?:is|was|has been) (?:given|made)|has not provided (?:care|accommodation)[^.]{0,80}since (?:its )?registration/i;

function unreadableFields(
  r: ParsedReport,
  ctx: { legacy: boolean; datesUnreadable: boolean; noJudgementGiven: boolean; conflicting: readonly string[] },
): string[] {
  const missing: string[] = [];
  if (!r.urn) missing.push('urn');
  if (!r.inspectionStart) missing.push('inspectionStart');
  if (r.kind === 'childrens-home-full' && !ctx.noJudgementGiven) {
    if (!r.overall) missing.push('overall');
    const expected = ctx.legacy ? [] : CHILDRENS_HOME_AREAS.map((a) => a.key);
    for (const key of new Set([...expected, ...ctx.conflicting])) {
      if (!r.judgements.some((j) => j.key === key)) missing.push(`judgements.${key}`);
    }
  }
  if (r.kind === 'childrens-home-interim' && !r.interimOutcome && !ctx.noJudgementGiven) missing.push('interimOutcome');
  if (ctx.datesUnreadable) missing.push('requirements.dueDate');
  if (r.inspectors.length === 0) missing.push('inspectors');
  return missing;
}
