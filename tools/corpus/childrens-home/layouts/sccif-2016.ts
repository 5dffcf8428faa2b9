// SCCIF full inspection in the 2015-2017 layout (REAL-EVIDENCE.md §3): "Children's homes inspection – Full",
// label/value lines without colons and dates as dd/mm/yyyy, then on page 2 the previous judgement and "This
// inspection" with each judgement as a sentence whose grade follows it (on the next line, or in a cell beside
// it), a "Summary of findings", the actions, and the full report with a grade row opening each section.
// Secure children's homes print their education sub-judgement among the sentences.

import type { Grade, ReportSpec, SccifGrades } from '../report-spec.js';
import { ABOUT_FULL } from '../text/boilerplate.js';
import { slashDate } from '../text/dates.js';
import type { Area } from '../text/narrative-bank.js';
import { cell, type TableCell } from '../document/blocks.js';
import { gradeWords, ReportWriter, type BuiltReport } from './report-writer.js';
import { aboutTheHome, closing, historyTable, improveBlock } from './shared-parts.js';
import { sccifGrades, standardSentence } from './sccif-full.js';

const NUMBER: Readonly<Partial<Record<Grade, string>>> = { outstanding: '1', good: '2', 'requires-improvement': '3', inadequate: '4' };

/** A grade as a 2015-2017 table prints it, with its number when the style says so ("Good 2"). */
export function tableGrade(w: ReportWriter, grade: Grade): string {
  const words = gradeWords(grade, w.spec.style.gradeCase);
  return w.spec.style.numberedGrades && NUMBER[grade] ? `${words} ${NUMBER[grade]}` : words;
}

export function capitalised(setting: string): string {
  return `${setting.charAt(0).toUpperCase()}${setting.slice(1)}`;
}

/** Label/value pairs without colons, as a borderless table or as lines with the label in bold. */
export function labelValues(w: ReportWriter, pairs: ReadonlyArray<[string, string]>, skipFacts: readonly string[] = []): void {
  if (w.spec.style.details === 'table') {
    w.table([6.2, 10.8], pairs.map(([k, v]) => [cell([{ text: k, bold: true }]), cell(v)]), [], 'none');
    for (const [k, v] of pairs) if (!skipFacts.includes(k)) w.fact(`${k} ${v}`);
  } else {
    for (const [k, v] of pairs) w.labelLine(k, v, !skipFacts.includes(k));
  }
}

export function slashDates(spec: ReportSpec): { label: string; value: string } {
  return spec.start === spec.end
    ? { label: 'Inspection date', value: slashDate(spec.start) }
    : { label: 'Inspection dates', value: `${slashDate(spec.start)} to ${slashDate(spec.end)}` };
}

interface Row {
  area: Area | 'education';
  /** The sentence of "This inspection", whose grade follows it. */
  sentence: string;
  /** The label of the grade row that opens the section of the full report. */
  label: string;
  grade: Grade;
}

function rows(spec: ReportSpec, g: SccifGrades): Row[] {
  const out: Row[] = [
    {
      area: 'experiences',
      sentence: 'The overall experiences and progress of children and young people living in the home are',
      label: 'The overall experiences and progress of children and young people',
      grade: g.experiences,
    },
  ];
  if (spec.setting === "secure children's home" && g.education) {
    out.push({
      area: 'education',
      sentence: 'Outcomes in education and related learning activities for children and young people are',
      label: 'Outcomes in education and related learning activities',
      grade: g.education,
    });
  }
  out.push(
    {
      area: 'protection',
      sentence: 'How well children and young people are helped and protected',
      label: 'How well children and young people are helped and protected',
      grade: g.protection,
    },
    {
      area: 'leadership',
      sentence: 'The impact and effectiveness of leaders and managers',
      label: 'The impact and effectiveness of leaders and managers',
      grade: g.leadership,
    },
  );
  return out;
}

/** "This inspection": each sentence with its grade on the next line, or beside it in a borderless table. */
function thisInspection(w: ReportWriter, all: Row[]): void {
  const spec = w.spec;
  w.heading(2, 'This inspection');
  const standard = standardSentence(spec, all[0]!.grade);
  // The standard sentence follows the overall judgement (and a secure home's sub-judgement).
  const groups = [all.filter((r) => r.area === 'experiences' || r.area === 'education'), all.filter((r) => r.area === 'protection' || r.area === 'leadership')];
  groups.forEach((group, gi) => {
    if (spec.style.sentenceGrade === 'beside') {
      w.table(
        [12, 5],
        group.map((r): TableCell[] => [cell(r.sentence), cell([{ text: gradeWords(r.grade, spec.style.gradeCase), bold: true }], { valign: 'middle' })]),
        [],
        'none',
      );
    } else {
      for (const r of group) {
        w.p('body', r.sentence);
        w.p('lead', gradeWords(r.grade, spec.style.gradeCase));
      }
    }
    for (const r of group) w.fact(gradeWords(r.grade, spec.style.gradeCase));
    if (gi === 0 && standard) w.p('body', standard);
  });
}

/** "The children's home provision is good because:". */
export function summaryLead(subject: string, grade: Grade): string {
  const verdict = grade === 'requires-improvement' ? 'requires improvement to be good' : `is ${gradeWords(grade, 'lower')}`;
  return `${subject} ${verdict} because:`;
}

export function renderSccif2016(spec: ReportSpec): BuiltReport {
  const w = new ReportWriter(spec);
  const g = sccifGrades(spec);
  const dates = slashDates(spec);
  const all = rows(spec, g);

  w.p('title', "Children's homes inspection \u2013 Full");
  labelValues(
    w,
    [
      [dates.label, dates.value],
      ['Unique reference number', spec.urn],
      ['Type of inspection', 'Full'],
      ['Provision subtype', capitalised(spec.setting)],
      ['Registered provider', spec.provider.owner ?? 'Not recorded'],
      ['Registered provider address', `${w.r.pick(['Unit', 'Suite'])} ${w.r.int(1, 12)}, ${w.r.int(2, 180)} Station Road, ${spec.provider.localAuthority}`],
      ['Responsible individual', spec.responsibleIndividual],
      ['Registered manager', spec.manager ?? 'Post vacant'],
      [spec.inspectors.length > 1 ? 'Inspectors' : 'Inspector', spec.inspectors.join(', ')],
    ],
    // The URN is also the running header of later pages, which the text check strips; the label test reads it.
    ['Registered provider address', 'Unique reference number'],
  );

  // Page 2: the inspection at a glance.
  w.pageBreak('label', { text: `${dates.label} `, bold: true }, dates.value);
  const enforcement = spec.enforcement === 'none' || spec.enforcement === null ? 'None' : spec.enforcement;
  labelValues(w, [
    ['Previous inspection judgement', spec.previous?.grade ? gradeWords(spec.previous.grade, 'sentence') : 'Not applicable'],
    ['Enforcement action since last inspection', enforcement],
  ]);
  thisInspection(w, all);

  w.heading(2, 'Summary of findings');
  const overall = g.experiences;
  const positive = overall === 'outstanding' || overall === 'good';
  w.p('body', summaryLead(`The ${spec.setting} provision`, overall));
  w.list(false, [...w.sentences('experiences', positive ? 'positive' : 'negative', 2), ...w.sentences('protection', positive ? 'positive' : 'negative', 1)]);
  w.p('body', `The ${spec.setting}'s areas for development are:`);
  w.list(false, [...w.sentences('leadership', 'negative', 1), ...w.sentences('experiences', 'negative', 1)]);

  improveBlock(w, { sayNone: true, heading: `What does the ${spec.setting} need to do to improve?` });

  w.heading(1, 'Full report');
  aboutTheHome(w, `Information about this ${spec.setting}`);
  historyTable(w);

  w.heading(1, 'Inspection judgements');
  for (const r of all) {
    // Each section opens with its judgement and grade in a table row.
    w.table([12.5, 4.5], [[cell([{ text: r.label, bold: true }]), cell(tableGrade(w, r.grade), { valign: 'middle' })]], [], 'grid');
    w.fact(tableGrade(w, r.grade));
    if (r.area === 'education') {
      w.section('experiences', r.grade, null, 1);
      continue;
    }
    w.section(r.area, r.grade, w.verdict(r.area, r.grade), w.r.int(2, 3));
  }

  w.heading(2, 'Information about this inspection');
  for (const t of ABOUT_FULL) w.p('body', t);
  closing(w);
  return w.built(w.layout("Children's homes inspection - Full", { header: spec.urn }));
}
