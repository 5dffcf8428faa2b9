// Pre-April-2015 full inspection (2014 framework): a labels-left details table, "Overall effectiveness"
// with the older judgements on the adequate scale, and requirements under the 2001 regulations with the
// regulation number in its own column.

import type { Grade, LegacyGrades, ReportSpec } from '../report-spec.js';
import { LEGACY_2014_ABOUT } from '../text/boilerplate.js';
import { longDate, slashDate } from '../text/dates.js';
import { LEGACY_SUMMARY, type Area } from '../text/narrative-bank.js';
import { cell } from '../document/blocks.js';
import { gradeWords, ReportWriter, type BuiltReport } from './report-writer.js';
import { aboutTheHome, closing } from './shared-parts.js';

export function legacyGrades(spec: ReportSpec): LegacyGrades {
  const g = spec.grades;
  if (!g || !('overall' in g)) throw new Error(`${spec.file}: a pre-2015 report needs an overall effectiveness grade`);
  return g;
}

const SECTIONS: ReadonlyArray<{ label: string; key: keyof LegacyGrades; area: Area }> = [
  { label: 'Outcomes for children and young people', key: 'outcomes', area: 'experiences' },
  { label: 'Quality of care', key: 'qualityOfCare', area: 'experiences' },
  { label: 'Keeping children and young people safe', key: 'safety', area: 'protection' },
  { label: 'Leadership and management', key: 'leadership', area: 'leadership' },
];

const LEGACY_NUMBER: Readonly<Partial<Record<Grade, string>>> = { outstanding: '1', good: '2', adequate: '3', inadequate: '4' };

function summaryGrade(g: Grade): keyof typeof LEGACY_SUMMARY {
  return g === 'outstanding' || g === 'good' || g === 'inadequate' ? g : 'adequate';
}

export function renderLegacy2014(spec: ReportSpec): BuiltReport {
  const w = new ReportWriter(spec);
  const grades = legacyGrades(spec);
  const casing = spec.style.gradeCase;
  const slash = spec.style.dateStyle === 'full';
  const dates =
    spec.start === spec.end
      ? slash
        ? slashDate(spec.start)
        : longDate(spec.start)
      : slash
        ? `${slashDate(spec.start)} to ${slashDate(spec.end)}`
        : w.datesText();

  w.p('title', "Children's homes inspection - Full");
  w.fact(spec.urn);
  const details: Array<[string, string]> = [
    [spec.start === spec.end ? 'Inspection date' : 'Inspection dates', dates],
    ['Unique reference number', spec.urn],
    ['Type of inspection', 'Full'],
    ['Provision subtype', "Children's home"],
    ['Registered person', spec.provider.owner ?? 'Not recorded'],
    ['Responsible individual', spec.responsibleIndividual],
    ['Registered manager', spec.manager ?? 'Post vacant'],
    ['Inspector', spec.inspectors.join(', ')],
    ['Date of last inspection', spec.previous ? (slash ? slashDate(spec.previous.date) : longDate(spec.previous.date)) : 'None'],
    ['Previous inspection judgement', spec.previous?.grade ? gradeWords(spec.previous.grade, 'sentence') : 'Not applicable'],
    ['Enforcement action since last inspection', spec.enforcement === 'none' ? 'None' : (spec.enforcement ?? 'None')],
  ];
  w.table([6.5, 10.5], details.map(([k, v]) => [cell([{ text: k, bold: true }]), cell(v)]), [], 'grid');
  for (const [k, v] of details) w.fact(`${k} ${v}`);

  w.heading(2, 'This inspection:');
  const rows: Array<[string, Grade | undefined]> = [
    ['Overall effectiveness', grades.overall],
    ...SECTIONS.map((s): [string, Grade | undefined] => [s.label, grades[s.key]]),
  ];
  // Some tables print each grade with its number on the four-point scale ("Adequate 3").
  const shown = (g: Grade) => (spec.style.numberedGrades ? `${gradeWords(g, casing)} ${LEGACY_NUMBER[g] ?? ''}`.trim() : gradeWords(g, casing));
  w.table(
    [9.5, 4.5],
    rows.filter(([, g]) => g).map(([label, g]) => [cell(label), cell(shown(g!), { valign: 'middle' })]),
  );
  for (const [, g] of rows) if (g) w.fact(shown(g));

  w.heading(2, 'Summary of findings');
  const lead = w.r.pick(LEGACY_SUMMARY[summaryGrade(grades.overall)]);
  w.keyFinding(lead);
  w.p('body', lead);
  w.p('body', `The children's home is ${gradeWords(grades.overall, 'lower')} because:`);
  const tone = grades.overall === 'outstanding' || grades.overall === 'good' ? 'positive' : 'negative';
  w.list(false, [...w.sentences('experiences', tone, 2), ...w.sentences('protection', tone, 1), ...w.sentences('leadership', tone, 1)]);

  w.heading(2, "What does the children's home need to do to improve further?");
  if (spec.requirements.length > 0) {
    w.heading(3, 'Statutory requirements');
    w.p(
      'body',
      "This section sets out the actions that the registered person must take to meet the Care Standards Act 2000, the Children's Homes Regulations 2001 and the National Minimum Standards. The registered person must comply with the given timescales.",
    );
    const head = ['Reg.', 'Requirement', 'Due date'].map((h) => cell(h, { style: 'tableHead' }));
    w.table([1.6, 11.8, 3.6], spec.requirements.map((q) => [cell(q.regulation), cell(q.text), cell(slashDate(q.dueDate))]), [head]);
    for (const q of spec.requirements) w.fact(slashDate(q.dueDate));
  }
  if (spec.recommendations.length > 0) {
    w.heading(3, 'Recommendations');
    w.p('body', 'To improve the quality and standards of care further, the registered person should take account of the following recommendation(s):');
    w.list(spec.style.recommendations === 'numbered', spec.recommendations);
  }

  aboutTheHome(w, "Information about this children's home");
  for (const s of SECTIONS) {
    const g = grades[s.key];
    if (!g) continue;
    w.heading(2, s.label);
    w.section(s.area, g, null, 2);
  }
  w.heading(2, 'Information about this inspection');
  w.p('body', LEGACY_2014_ABOUT);
  closing(w);
  return w.built(w.layout("Children's home inspection"));
}
