// A 2010-era children's home report (Care Standards Act, Every Child Matters outcomes): a header table
// whose labels come first and values after, the copyright page second, a grading scale that prints every
// grade word, and a single "overall quality rating". Modelled on the real excerpt in
// fixtures/real/text/childrens_home_SC002264_2010_excerpt.txt.

import { LEGACY_2010_ABOUT, LEGACY_2010_SCALE } from '../text/boilerplate.js';
import { longDate, slashDate } from '../text/dates.js';
import type { Area } from '../text/narrative-bank.js';
import type { ReportSpec } from '../report-spec.js';
import { cell } from '../document/blocks.js';
import { gradeWords, ReportWriter, type BuiltReport } from './report-writer.js';
import { legacyGrades } from './legacy-2014.js';

const ECM_OUTCOMES: ReadonlyArray<[string, Area]> = [
  ['Helping children to be healthy', 'experiences'],
  ['Protecting children from harm or neglect and helping them stay safe', 'protection'],
  ['Helping children achieve well and enjoy what they do', 'experiences'],
  ['Helping children make a positive contribution', 'experiences'],
  ['Achieving economic wellbeing', 'experiences'],
  ['Organisation', 'leadership'],
];

export function renderLegacy2010(spec: ReportSpec): BuiltReport {
  const w = new ReportWriter(spec);
  const grades = legacyGrades(spec);
  const inspector = spec.inspectors[0] ?? '';
  w.p('title', "Inspection report for children's home");
  const labels = ['Unique reference number', 'Inspection date', 'Inspector', 'Type of inspection'];
  const values = [spec.urn, longDate(spec.start), inspector, 'Key'];
  w.table(
    [4.25, 4.25, 4.25, 4.25],
    [labels.map((l) => cell([{ text: l, bold: true }])), values.map((v) => cell(v))],
  );
  w.fact(spec.urn);
  w.fact(longDate(spec.start));
  w.fact(inspector);
  if (spec.previous) {
    w.table([8.5, 8.5], [[cell([{ text: 'Date of last inspection', bold: true }]), cell(longDate(spec.previous.date))]]);
    w.fact(longDate(spec.previous.date));
  }

  // Page 2: the copyright notice, as the 2010 reports printed it before the report proper.
  w.pageBreak('small', `\u00A9 Crown copyright ${spec.start.slice(0, 4)}`);
  w.p('small', 'Website: www.ofsted.gov.uk');
  w.p(
    'small',
    'This document may be reproduced in whole or in part for non-commercial educational purposes, provided that the information quoted is reproduced without adaptation and the source and date of publication are stated.',
  );

  w.pageBreak('heading2', 'About this inspection');
  w.p('body', LEGACY_2010_ABOUT);
  w.heading(3, 'The inspection judgements and what they mean');
  w.table([4, 13], LEGACY_2010_SCALE.map(([g, meaning]) => [cell([{ text: g, bold: true }]), cell(meaning)]), [], 'none');

  w.pageBreak('heading2', 'Service information');
  w.heading(3, 'Brief description of the service');
  w.p(
    'body',
    `The home is registered to provide care for up to ${spec.provider.places ?? 4} young people aged between 11 and 17 years who have emotional and behavioural difficulties. The home is close to local amenities, including schools and public transport.`,
  );
  w.heading(2, 'Summary');
  const rating = `The overall quality rating is ${gradeWords(grades.overall, 'lower')}.`;
  w.keyFinding(rating);
  w.p('body', `${rating} This is an overall summary of the inspection, including the main strengths and any areas for improvement.`);
  w.p('body', w.sentences('experiences', 'positive', 2).concat(w.sentences('leadership', 'negative', 2)).join(' '));
  w.heading(2, 'Improvements since the last inspection');
  w.p('body', 'The home has addressed the requirement made at the last inspection about the recording of sanctions. Staff now record each sanction together with its outcome.');

  for (const [heading, area] of ECM_OUTCOMES) {
    w.heading(2, heading);
    w.p('body', [...w.sentences(area, 'positive', 2), ...w.sentences(area, 'negative', 1)].join(' '));
  }

  w.heading(2, 'What must be done to secure future improvement?');
  w.heading(3, 'Statutory requirements');
  w.p(
    'body',
    "This section sets out the actions, which must be taken so that the registered person/s meets the Care Standards Act 2000, and the Children's Homes Regulations 2001. The registered person must comply with the given timescales.",
  );
  if (spec.requirements.length > 0) {
    const head = ['Reg.', 'Action', 'Due date'].map((h) => cell(h, { style: 'tableHead' }));
    w.table([1.6, 11.8, 3.6], spec.requirements.map((q) => [cell(q.regulation), cell(q.text), cell(slashDate(q.dueDate))]), [head]);
  }
  if (spec.recommendations.length > 0) {
    w.heading(3, 'Recommendations');
    w.p('body', 'To improve the quality and standards of care further the registered person should take account of the following recommendation(s):');
    w.list(false, spec.recommendations);
  }
  return w.built(w.layout("Children's home inspection", { header: null }));
}
