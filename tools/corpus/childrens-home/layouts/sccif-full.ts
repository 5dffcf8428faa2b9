// SCCIF full inspection of a children's home, in the 2015-2019 wording ("…, taking into account" table,
// requirements before the narrative) or the 2022-on wording ("label: grade" lines, narrative first).

import type { Grade, ReportSpec, SccifGrades } from '../report-spec.js';
import { ABOUT_FULL, FRAMEWORK_LINE, STANDARD_SENTENCE } from '../text/boilerplate.js';
import type { Area } from '../text/narrative-bank.js';
import { cell } from '../document/blocks.js';
import { gradeWords, ReportWriter, type BuiltReport } from './report-writer.js';
import {
  aboutTheHome,
  closing,
  detailsBlock,
  historyTable,
  improveBlock,
  inspectorsBlock,
  lastInspectionLines,
} from './shared-parts.js';

const AREAS: ReadonlyArray<{ area: Area; key: 'experiences' | 'protection' | 'leadership'; label2015: string; label: string }> = [
  {
    area: 'experiences',
    key: 'experiences',
    label2015: 'Overall experiences and progress of children and young people, taking into account',
    label: 'Overall experiences and progress of children and young people',
  },
  {
    area: 'protection',
    key: 'protection',
    label2015: 'How well children and young people are helped and protected',
    label: 'How well children and young people are helped and protected',
  },
  {
    area: 'leadership',
    key: 'leadership',
    label2015: 'The effectiveness of leaders and managers',
    label: 'The effectiveness of leaders and managers',
  },
];

export function sccifGrades(spec: ReportSpec): SccifGrades {
  const g = spec.grades;
  if (!g || !('experiences' in g)) throw new Error(`${spec.file}: a full inspection needs SCCIF grades`);
  return g;
}

/** Secure children's homes' sub-judgements, printed under the overall experiences and progress. */
const SECURE_ROWS: ReadonlyArray<{ key: 'education' | 'health'; label: string }> = [
  { key: 'education', label: 'Outcomes in education and related learning activities' },
  { key: 'health', label: 'Health services' },
];

/** The rows of the judgement block: label and grade, secure homes' sub-judgements after the first. */
function judgementRows(w: ReportWriter, grades: SccifGrades): Array<{ label: string; grade: Grade }> {
  const secure = w.spec.setting === "secure children's home";
  const rows: Array<{ label: string; grade: Grade }> = [];
  for (const a of AREAS) {
    const label = secure && a.area === 'experiences'
      ? `${a.label}, including judgements on:`
      : w.spec.era === 2015 ? a.label2015 : a.label;
    rows.push({ label, grade: grades[a.key] });
    if (a.area === 'experiences') {
      for (const r of SECURE_ROWS) {
        const g = grades[r.key];
        if (g) rows.push({ label: r.label, grade: g });
      }
    }
  }
  return rows;
}

/** The standard sentence, naming the setting as the report does. */
export function standardSentence(spec: ReportSpec, grade: Grade): string | null {
  if (grade === 'not-judged' || grade === 'adequate' || grade === 'satisfactory') return null;
  return STANDARD_SENTENCE[grade].replace(/^The children's home/, `The ${spec.setting}`);
}

function judgementBlock(w: ReportWriter, grades: SccifGrades): void {
  const s = w.spec.style;
  const rows = judgementRows(w, grades);
  if (s.judgementBlock === 'lines') {
    for (const r of rows) {
      const label = r.label.replace(/, taking into account$|, including judgements on:$/, '');
      const words = gradeWords(r.grade, s.gradeCase);
      w.labelLine(`${label}:`, words, false);
      w.fact(`${label}: ${words}`);
    }
  } else {
    const head =
      s.judgementBlock === 'table-with-header'
        ? [[cell('Judgement', { style: 'tableHead' }), cell('Grade', { style: 'tableHead' })]]
        : [];
    // Narrow label cells wrap over several lines; the grade sits vertically centred beside them.
    w.table(
      [s.labelColumnCm, 4.4],
      rows.map((r) => [cell(r.label), cell(gradeWords(r.grade, s.gradeCase), { valign: s.gradeValign })]),
      head,
      s.judgementBlock === 'table-with-header' ? 'horizontal' : 'grid',
    );
    for (const r of rows) w.fact(gradeWords(r.grade, s.gradeCase));
  }
  const overall = grades.experiences;
  if (overall === 'not-judged') {
    w.p('body', 'There were no children living at the home at the time of this inspection. The effectiveness of the home has therefore not been judged.');
  } else {
    const sentence = standardSentence(w.spec, overall);
    if (sentence) w.p('body', sentence);
  }
}

function judgementSections(w: ReportWriter, grades: SccifGrades): void {
  w.heading(1, 'Inspection judgements');
  for (const a of AREAS) {
    const grade: Grade = grades[a.key];
    w.heading(3, `${a.label}: ${gradeWords(grade, w.spec.style.headingGradeCase)}`);
    if (grade === 'not-judged') {
      if (a.area === 'experiences') {
        const lead = 'No children have lived at the home since it was registered, so there are no experiences of children to evaluate.';
        w.keyFinding(lead);
        w.p('body', `${lead} Inspectors reviewed the home's preparations for admitting children, including its statement of purpose, staffing and policies.`);
      } else {
        w.p('body', 'This judgement has not been made because no children were living at the home at the time of the inspection.');
      }
      continue;
    }
    w.section(a.area, grade, w.verdict(a.area, grade), w.r.int(3, 4));
    if (a.area === 'experiences') {
      for (const r of SECURE_ROWS) {
        const g = grades[r.key];
        if (!g) continue;
        // Sub-judgements: narrative of their own, but no verdict a reader would quote for the home.
        w.heading(3, `${r.label}: ${gradeWords(g, w.spec.style.headingGradeCase)}`);
        w.section('experiences', g, null, 1);
      }
    }
  }
}

export function renderSccifFull(spec: ReportSpec): BuiltReport {
  const w = new ReportWriter(spec);
  const grades = sccifGrades(spec);
  w.p('urn', spec.urn);
  w.fact(spec.urn);
  w.labelLine('Registered provider:', spec.provider.owner ?? 'Not recorded');
  w.p('title', 'Full inspection');
  w.p('subtitle', FRAMEWORK_LINE);
  aboutTheHome(w, `Information about this ${spec.setting}`);
  w.datesLine();
  judgementBlock(w, grades);
  lastInspectionLines(w, spec.era === 2022 && w.r.chance(0.6) ? 'Date of previous inspection:' : 'Date of last inspection:');
  if (spec.era === 2015) {
    historyTable(w);
    improveBlock(w, { sayNone: w.r.chance(0.5) });
    judgementSections(w, grades);
  } else {
    historyTable(w);
    judgementSections(w, grades);
    improveBlock(w, { sayNone: true });
  }
  w.heading(2, 'Information about this inspection');
  for (const t of ABOUT_FULL) w.p('body', t);
  detailsBlock(w, `${spec.setting.charAt(0).toUpperCase()}${spec.setting.slice(1)} details`);
  inspectorsBlock(w);
  closing(w);
  return w.built(w.layout('Full inspection'));
}
