// A residential special school's welfare inspection, April 2015 to March 2017: the children's homes' framework
// with a fourth judgement, "The quality of care and support", and "How well children and young people are
// protected" (no "helped"). The school is named; there is no registered provider or manager.

import type { Grade, ReportSpec } from '../report-spec.js';
import { slashDate } from '../text/dates.js';
import type { Area } from '../text/narrative-bank.js';
import { cell } from '../document/blocks.js';
import { gradeWords, ReportWriter, type BuiltReport } from './report-writer.js';
import { closing, historyTable } from './shared-parts.js';
import { sccifGrades, standardSentence } from './sccif-full.js';
import { labelValues, slashDates, summaryLead, tableGrade } from './sccif-2016.js';
import { personName } from '../text/names.js';

const ABOUT_RSS =
  "This inspection was carried out under the Children Act 1989 to assess the effectiveness of the residential provision and to consider how well it complies with the national minimum standards for residential special schools, using the social care common inspection framework.";

/** Narrative written for homes, reworded for a school's residential provision. */
function forSchool(sentence: string): string {
  return sentence
    .replace(/\bliving at (?:this|the) home\b/g, 'staying in the residential provision')
    .replace(/\bthe home['’]s\b/g, "the school's")
    .replace(/\b(?:at|to|in|of|from|into) (?:the|this) home\b/g, (m) => m.replace(/(?:the|this) home/, 'the residential provision'))
    .replace(/\bThe home\b/g, 'The residential provision')
    .replace(/\bthe home\b/g, 'the residential provision');
}

export function renderRss2016(spec: ReportSpec): BuiltReport {
  const w = new ReportWriter(spec);
  w.rewrite = forSchool;
  const g = sccifGrades(spec);
  if (!g.careAndSupport) throw new Error(`${spec.file}: a 2015-2017 residential special school report needs the care and support grade`);
  const dates = slashDates(spec);
  const rows: Array<{ area: Area; label: string; grade: Grade }> = [
    { area: 'experiences', label: 'Overall experiences and progress of children and young people', grade: g.experiences },
    { area: 'care', label: 'The quality of care and support', grade: g.careAndSupport },
    { area: 'protection', label: 'How well children and young people are protected', grade: g.protection },
    { area: 'leadership', label: 'The impact and effectiveness of leaders and managers', grade: g.leadership },
  ];

  w.p('title', spec.settingName ?? 'Residential special school');
  w.p('subtitle', 'Inspection report for residential special school');
  w.fact(spec.urn);
  labelValues(w, [
    ['Unique reference number', spec.urn],
    [dates.label, dates.value],
    [spec.inspectors.length > 1 ? 'Inspectors' : 'Inspector', spec.inspectors.join(', ')],
    ['Type of inspection', 'Full'],
    ['Provision subtype', 'Residential special school'],
    ['Date of last inspection', spec.previous ? slashDate(spec.previous.date) : 'Not applicable'],
    ['Previous inspection judgement', spec.previous?.grade ? gradeWords(spec.previous.grade, 'sentence') : 'Not applicable'],
    ['Headteacher', personName(`${spec.file}:head`, [...spec.inspectors, spec.responsibleIndividual])],
  ]);

  w.heading(2, 'This inspection:');
  w.table(
    [11, 6],
    rows.map((r) => [cell(r.label), cell(tableGrade(w, r.grade), { valign: 'middle' })]),
    [],
    'grid',
  );
  for (const r of rows) w.fact(tableGrade(w, r.grade));
  const standard = standardSentence(spec, g.experiences);
  if (standard) w.p('body', standard);

  w.heading(2, 'Summary of key findings');
  const positive = g.experiences === 'outstanding' || g.experiences === 'good';
  w.p('body', summaryLead("The residential special school's provision", g.experiences));
  w.list(false, [...w.sentences('care', positive ? 'positive' : 'negative', 2), ...w.sentences('care', 'positive', 1)]);

  w.heading(2, 'What does the residential special school need to do to improve further?');
  if (spec.recommendations.length > 0) {
    w.heading(3, 'Recommendations');
    w.list(spec.style.recommendations === 'numbered', spec.recommendations);
  } else {
    w.p('body', 'There are no recommendations arising from this inspection.');
  }

  w.heading(2, 'Information about this residential special school');
  w.p(
    'body',
    `${spec.settingName ?? 'The school'} is a ${/local authority/i.test(spec.provider.sector) ? 'maintained' : 'non-maintained'} residential special school. ` +
      `The residential provision accommodates up to ${spec.provider.places ?? 24} pupils during the week in ${w.r.pick(['two', 'three'])} residential houses on the school site.`,
  );
  historyTable(w);

  w.heading(1, 'Inspection judgements');
  for (const r of rows) {
    w.table([12.5, 4.5], [[cell([{ text: r.label, bold: true }]), cell(tableGrade(w, r.grade), { valign: 'middle' })]], [], 'grid');
    w.fact(tableGrade(w, r.grade));
    w.section(r.area, r.grade, w.verdict(r.area, r.grade), w.r.int(2, 3));
  }

  w.heading(2, 'Information about this inspection');
  w.p('body', ABOUT_RSS);
  closing(w);
  return w.built(w.layout('Residential special school inspection', { footerLines: [`Inspection report for residential special school: ${spec.urn}`] }));
}
