import type { Judgement } from '../types.js';
import { CHILDRENS_HOME_UNREPORTED_ROWS, GRADE_PATTERN, gradeScale, normaliseGrade, type Grade, type JudgementArea } from '../vocabulary.js';
import { findAll } from './labels.js';
import type { ReportText } from './report-text.js';

// Judgements of a children's-home report (and of the secure children's homes and residential special schools
// inspected under the same framework), read from every place the report states them: the summary table or
// the 2015-2017 "This inspection" sentences, the section headings, a table extracted column by column. A
// grade counts only when it stands in its judgement's own row or sentence, and a judgement whose readings
// disagree is unreadable: a wrong grade raises a false decline or hides a real one.

/** One place where the report states a judgement's grade; `grade` null when the place contradicts itself. */
export interface JudgementReading {
  key: string;
  grade: Grade | null;
  /** Offset in the flat text of the label. */
  index: number;
  how: 'row' | 'spliced' | 'column';
}

export interface ChildrensHomeJudgements {
  /** Judgements whose every reading agrees, in the order of `areas`. */
  judgements: Judgement[];
  /** Keys of judgements the report states in ways that disagree. */
  conflicting: string[];
  readings: JudgementReading[];
}

const GRADE = GRADE_PATTERN.source;
const MONTH_AHEAD = String.raw`\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)`;
/** "Good 2": older social-care tables print a grade with its number on the four-point scale. */
const GRADE_NUMBER = String.raw`(?:\s+([1-4])(?![\d/.,]|${MONTH_AHEAD}))?`;
const NUMBER_OF: Readonly<Partial<Record<Grade, string>>> = {
  outstanding: '1',
  good: '2',
  'requires-improvement': '3',
  adequate: '3',
  satisfactory: '3',
  inadequate: '4',
};

// What may stand between a label and its grade: table rules and colons, the rest of a 2015-2019 label
// ("…, taking into account", secure homes' "…, including judgements on:"), or the verb of a 2015-2017 sentence
// ("… living in the home are" / "Good"). Never a negation or any other word: then the grade is not this one's.
const LEAD = String.raw`(?:[\s:|,;-]|taking into account|including judgements? on|including the effectiveness of leaders and managers)*`;
const PLACE = String.raw`(?:(?:living|who live|staying|resident|placed)\s+)?(?:in|at|within|of)\s+(?:the|this)\s+(?:(?!(?:not|no|never|yet)\b)[a-z']+\s+){0,3}?`;
const COPULA = String.raw`(?:is|are|was|were|has been|have been|had been)(?:\s+judged)?(?:\s+(?:to\s+be|as))?`;
const INLINE = new RegExp(String.raw`^${LEAD}(?:(${PLACE})?(${COPULA})\s*:?\s*)?${GRADE}${GRADE_NUMBER}`, 'i');
// What may follow a grade that ends its row or sentence: the end, punctuation, or the next row or sentence
// (a capital, a bullet). "good at …", "good because …" continue a sentence about something else.
const ENDS_ROW = /^(?:$|\s*[.;:,)]|\s+[A-Z(\u2022\u25AA\u25FC\u25A0\u25CF\d-])/;
// A sentence ("… are good") must end at its grade: "good, but …" qualifies it.
const ENDS_SENTENCE = /^(?:$|\s*\.(?:\s|$)|\s+[A-Z(\u2022\u25AA\u25FC\u25A0\u25CF\d])/;
const STARTS_WITH_GRADE = new RegExp(String.raw`^[\s|:]*${GRADE}\b`, 'i');
const PAST_TENSE = /^(?:was|were|has been|have been|had been)\b/i;

/** The label with room for one grade between any two of its words: a wrapped table cell whose grade sits beside its middle line. */
function splicedLabel(label: RegExp): RegExp {
  const slot = String.raw`\s+(?:${GRADE}${GRADE_NUMBER}\s+)?`;
  return new RegExp(label.source.split(' ').join(slot), label.flags.includes('i') ? 'gi' : 'g');
}

/** A grade and its optional number: the grade, or null when the number contradicts it ("Good 3"). */
function gradeWithNumber(words: string, number: string | undefined): Grade | null | undefined {
  const grade = normaliseGrade(words);
  // Schools' report-card words ("exceptional progress") are narrative here, never a grade.
  if (!grade || gradeScale(grade) === 'report-card') return undefined;
  if (number !== undefined && NUMBER_OF[grade] !== number) return null;
  return grade;
}

/** Grades standing between two words of a label ("Previous inspection Good judgement"), one per occurrence. */
export function splicedGrades(flat: string, label: RegExp): Grade[] {
  const out: Grade[] = [];
  for (const hit of findAll(flat, splicedLabel(label))) {
    const slots = filledSlots(hit.match);
    const grade = slots.length === 1 ? gradeWithNumber(slots[0]!.words, slots[0]!.number) : undefined;
    if (grade) out.push(grade);
  }
  return out;
}

/** The grade slots of a spliced-label match that hold a grade (groups come in pairs: words, number). */
function filledSlots(match: RegExpExecArray): { words: string; number?: string }[] {
  const slots: { words: string; number?: string }[] = [];
  for (let g = 1; g < match.length; g += 2) {
    if (match[g] !== undefined) slots.push({ words: match[g]!, number: match[g + 1] });
  }
  return slots;
}

interface LabelHit {
  key: string | null;
  index: number;
  end: number;
}

function inlineReadings(flat: string, areas: readonly JudgementArea[]): { readings: JudgementReading[]; hits: LabelHit[] } {
  const readings: JudgementReading[] = [];
  const hits: LabelHit[] = [];
  for (const area of areas) {
    for (const hit of findAll(flat, splicedLabel(area.labels))) {
      // At most one word gap may hold a grade.
      const slots = filledSlots(hit.match);
      if (slots.length > 1) continue;
      hits.push({ key: area.key, index: hit.index, end: hit.end });
      if (slots.length === 1) {
        const grade = gradeWithNumber(slots[0]!.words, slots[0]!.number);
        if (grade !== undefined) readings.push({ key: area.key, grade, index: hit.index, how: 'spliced' });
      }
      const after = flat.slice(hit.end, hit.end + 260);
      const m = INLINE.exec(after);
      if (!m) continue;
      const [whole, , copula, words, number] = m;
      const rest = after.slice(whole.length);
      // A grade followed by another is the first of a column of grades, not this label's.
      if (!(copula ? ENDS_SENTENCE : ENDS_ROW).test(rest) || STARTS_WITH_GRADE.test(rest.replace(/^\s*[.;:,)]/, ''))) continue;
      // Reports state their own judgements in the present tense; "was judged good" is an earlier inspection's.
      if (copula && PAST_TENSE.test(copula)) continue;
      const grade = gradeWithNumber(words!, number);
      if (grade !== undefined) readings.push({ key: area.key, grade, index: hit.index, how: 'row' });
    }
  }
  return { readings, hits };
}

// Between two label cells of one column: rules, numbering, the fillers that end a label, or the end of a
// 2015-2017 sentence ("… living in the home are").
const COLUMN_GAP = new RegExp(
  String.raw`^(?:[\s|:,;-]|\d{1,2}(?!\d)\.?|taking into account|including judgements? on)*(?:${PLACE}${COPULA})?[\s|:,;-]*$`,
  'i',
);
/** Longer than any gap between two cells of one column; also bounds the work on garbled text. */
const MAX_GAP = 80;
const VALUE = new RegExp(String.raw`^[\s|]*${GRADE}${GRADE_NUMBER}(?![\w-])`, 'i');

/**
 * A judgement table extracted column by column: a run of row labels, then (within a couple of lines, with no
 * sentence between) exactly as many grades, neither preceded nor followed by another grade. Pairing them in
 * order is safe only then; anything else yields nothing.
 */
function columnReadings(flat: string, labelHits: LabelHit[]): JudgementReading[] {
  const others = CHILDRENS_HOME_UNREPORTED_ROWS.flatMap((re) => findAll(flat, re).map((h) => ({ key: null, index: h.index, end: h.end })));
  const all = [...labelHits, ...others].sort((a, b) => a.index - b.index || b.end - a.end);
  const hits: LabelHit[] = [];
  for (const h of all) if (hits.length === 0 || h.index >= hits[hits.length - 1]!.end) hits.push(h);

  const out: JudgementReading[] = [];
  for (let i = 0; i < hits.length; ) {
    let j = i;
    while (j + 1 < hits.length && hits[j + 1]!.index - hits[j]!.end <= MAX_GAP && COLUMN_GAP.test(flat.slice(hits[j]!.end, hits[j + 1]!.index))) j++;
    const run = hits.slice(i, j + 1);
    i = j + 1;
    const keys = run.map((h) => h.key).filter((k): k is string => k !== null);
    if (run.length < 2 || keys.length === 0 || new Set(keys).size !== keys.length) continue;

    const after = flat.slice(run[run.length - 1]!.end, run[run.length - 1]!.end + 200);
    const lead = /^[\s|:,;-]*(?:(?:judgement|grade|outcome)s?\s*){0,2}/i.exec(after)![0];
    let pos = lead.length;
    const values: (Grade | null)[] = [];
    for (let k = 0; k < run.length; k++) {
      const m = VALUE.exec(after.slice(pos));
      const grade = m ? gradeWithNumber(m[1]!, m[2]) : undefined;
      if (!m || grade === undefined) break;
      values.push(grade);
      pos += m[0].length;
    }
    if (values.length !== run.length || STARTS_WITH_GRADE.test(after.slice(pos))) continue;
    run.forEach((h, k) => {
      if (h.key) out.push({ key: h.key, grade: values[k]!, index: h.index, how: 'column' });
    });
  }
  return out;
}

/** Every reading of each area's grade, and the judgements they agree on. */
export function readChildrensHomeJudgements(text: ReportText, areas: readonly JudgementArea[]): ChildrensHomeJudgements {
  const flat = text.flat;
  const { readings, hits } = inlineReadings(flat, areas);
  readings.push(...columnReadings(flat, hits));
  const judgements: Judgement[] = [];
  const conflicting: string[] = [];
  for (const area of areas) {
    const grades = new Set(readings.filter((r) => r.key === area.key).map((r) => r.grade));
    if (grades.size === 0) continue;
    const [only] = grades;
    if (grades.size === 1 && only) judgements.push({ area: area.area, key: area.key, grade: only });
    else conflicting.push(area.key);
  }
  return { judgements, conflicting, readings: readings.sort((a, b) => a.index - b.index) };
}
