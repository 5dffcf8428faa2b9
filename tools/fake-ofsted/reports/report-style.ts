// Per-report presentation choices, seeded by the fileId: the same report always looks the same, while
// different reports differ in the ways real Ofsted PDFs do, so no parser can lean on one shape.

import type { ScenarioGrade } from '../scenario/types.js';
import type { DateRangeStyle } from '../util/dates.js';
import { SeededRandom } from '../util/seeded-random.js';

export interface ReportStyle {
  /** Curly apostrophes and quotes (children’s) instead of straight ones. */
  curly: boolean;
  /** Casing of grades in the judgement block and history table. */
  gradeCase: 'lower' | 'sentence' | 'title';
  /** Casing of grades after a heading's colon ("…young people: inadequate"). */
  headingGradeCase: 'lower' | 'sentence';
  dateStyle: DateRangeStyle;
  judgementBlock: 'table' | 'lines';
  /** Share of the width given to the judgement labels in the table variant (narrow = wrapped labels). */
  labelShare: number;
  detailsBlock: 'table' | 'lines';
  footerStyle: 'number' | 'page-of';
  footerLine: boolean;
  repeatHeader: boolean;
  shadeHeader: boolean;
  fontSize: 11 | 12;
  recommendationsAsBullets: boolean;
  /** When a report has no actions: leave the section out, or say so. */
  omitEmptyActions: boolean;
  creator: string;
}

const CREATORS = ['Microsoft\u00AE Word 2013', 'Microsoft\u00AE Word 2016', 'Microsoft\u00AE Word for Microsoft 365'];

export function styleFor(fileId: string): ReportStyle {
  const r = new SeededRandom(`style:${fileId}`);
  return {
    curly: r.chance(0.5),
    gradeCase: r.pick(['lower', 'sentence', 'title'] as const),
    headingGradeCase: r.pick(['lower', 'sentence'] as const),
    dateStyle: r.pick(['to', 'dash', 'full'] as const),
    judgementBlock: r.pick(['table', 'lines'] as const),
    labelShare: r.pick([0.38, 0.5, 0.62]),
    detailsBlock: r.pick(['table', 'lines'] as const),
    footerStyle: r.pick(['number', 'page-of'] as const),
    footerLine: r.chance(0.4),
    repeatHeader: r.chance(0.5),
    shadeHeader: r.chance(0.5),
    fontSize: r.pick([11, 12] as const),
    recommendationsAsBullets: r.chance(0.6),
    omitEmptyActions: r.chance(0.5),
    creator: r.pick(CREATORS),
  };
}

/** Apply the report's apostrophe style: ‘ opens a quotation, ’ is every other straight quote. */
export function styled(style: ReportStyle, text: string): string {
  if (!style.curly) return text;
  return text.replace(/(^|[\s(\[])'/g, '$1\u2018').replace(/'/g, '\u2019');
}

const BASE: Readonly<Record<ScenarioGrade, string>> = {
  outstanding: 'outstanding',
  good: 'good',
  'requires-improvement': 'requires improvement to be good',
  inadequate: 'inadequate',
  adequate: 'adequate',
  satisfactory: 'satisfactory',
};

export function gradeText(grade: ScenarioGrade, casing: 'lower' | 'sentence' | 'title'): string {
  const base = BASE[grade];
  if (casing === 'lower') return base;
  const sentence = base.charAt(0).toUpperCase() + base.slice(1);
  // Ofsted's own files use "Requires Improvement to be good" alongside the sentence-case form.
  return casing === 'title' ? sentence.replace('improvement', 'Improvement') : sentence;
}
