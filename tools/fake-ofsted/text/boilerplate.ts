// Standard wording of SCCIF children's-home reports, written afresh in the same register.

import type { ScenarioGrade } from '../scenario/types.js';

export const FRAMEWORK_LINE = 'Inspected under the social care common inspection framework';

/** The sentence printed under the judgements, standardised by the overall grade. */
export const OVERALL_SENTENCE: Readonly<Record<ScenarioGrade, string>> = {
  outstanding:
    "The children's home provides highly effective services that consistently exceed the standards of good. The actions of the children's home contribute to significantly improved outcomes and positive experiences for children and young people.",
  good: "The children's home provides effective services that meet the requirements for good.",
  'requires-improvement':
    "The children's home is not yet delivering good help and care for children and young people. However, there are no serious or widespread failures that result in their welfare not being safeguarded or promoted.",
  inadequate:
    "The children's home is not delivering good help and care for children and young people. Children and young people are, or may be, harmed or at risk of harm.",
  adequate: "The children's home provides adequate services that meet the minimum requirements.",
  satisfactory: "The children's home provides satisfactory services that meet the minimum requirements.",
};

export const REQUIREMENTS_PREAMBLE =
  "This section sets out the actions that the registered person(s) must take to meet the Care Standards Act 2000, Children's Homes (England) Regulations 2015 and the 'Guide to the children's homes regulations including the quality standards'. The registered person(s) must comply within the given timescales.";

export const RECOMMENDATIONS_PREAMBLE = 'The registered person should take the following actions:';

export const ABOUT_THIS_INSPECTION: readonly string[] = [
  "Inspectors have looked closely at the experiences and progress of children and young people. They considered the quality of the work done and the difference it makes to children's lives. They observed how staff work with children and with each other, and discussed the help and care provided. Wherever possible, they spoke with children and young people and their families. Inspectors also sought to understand what the home knows about how well it is performing and what difference it is making for the children it looks after.",
  "Using the 'Social care common inspection framework', this inspection was carried out under the Care Standards Act 2000 to assess the effectiveness of the service, how it meets the core functions of the service as set out in legislation, and how well it complies with the relevant regulations and meets the national minimum standards.",
];

export const INTERIM_ABOUT =
  "This inspection was carried out under the Care Standards Act 2000 to assess whether the home has improved, sustained or declined in effectiveness since its last full inspection, using the 'Social care common inspection framework'.";

export const VISIT_ABOUT: Readonly<Record<'monitoring' | 'assurance', string>> = {
  monitoring:
    'This monitoring visit was carried out under the Care Standards Act 2000 to check the progress the registered person has made in meeting the requirements of the regulations since the last inspection. It does not result in a judgement.',
  assurance:
    "This assurance visit was carried out under the Care Standards Act 2000 to evaluate whether the provider is meeting children's needs and keeping them safe, and the effectiveness of leaders and managers. It does not result in graded judgements.",
};

/** The last page of every report. */
export function crownCopyright(year: number): string[] {
  return [
    "The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates and inspects to achieve excellence in the care of children and young people, and in education and skills for learners of all ages. It regulates and inspects childcare and children's social care, and inspects the Children and Family Court Advisory and Support Service (Cafcass), schools, colleges, initial teacher training, further education and skills, adult and community learning, and education and training in prisons and other secure establishments.",
    'If you would like a copy of this document in a different format, such as large print or Braille, please telephone 0300 123 1231, or email enquiries@ofsted.gov.uk.',
    'You may reuse this information (not including logos) free of charge in any format or medium, under the terms of the Open Government Licence. To view this licence, visit www.nationalarchives.gov.uk/doc/open-government-licence, write to the Information Policy Team, The National Archives, Kew, London TW9 4DU, or email psi@nationalarchives.gsi.gov.uk.',
    'This publication is available at http://reports.ofsted.gov.uk/.',
    'Ofsted, Piccadilly Gate, Store Street, Manchester M1 2WD. T: 0300 123 1231. Textphone: 0161 618 8524. E: enquiries@ofsted.gov.uk. W: www.gov.uk/ofsted',
    `\u00A9 Crown copyright ${year}`,
  ];
}

/** Pre-2015 reports explain the grading scale. */
export const LEGACY_SCALE: ReadonlyArray<[string, string]> = [
  ['Outstanding', 'A service of exceptional quality that significantly exceeds minimum requirements'],
  ['Good', 'A service of high quality that exceeds minimum requirements'],
  ['Adequate', 'A service that only meets minimum requirements'],
  ['Inadequate', 'A service that does not meet minimum requirements'],
];

export const LEGACY_ABOUT =
  "This inspection was carried out under the Care Standards Act 2000 and the Children's Homes Regulations 2001, having regard to the National Minimum Standards for children's homes. The inspector considered the outcomes for children and young people, the quality of care, how well they are kept safe, and the leadership and management of the home.";
