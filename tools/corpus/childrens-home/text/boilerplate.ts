// The fixed wording of children's-home reports (standardised sentences, legal basis, closing page),
// written for the corpus in Ofsted's register.

export type SccifGrade = 'outstanding' | 'good' | 'requires-improvement' | 'inadequate';

/** The standard sentence printed under the judgements, fixed by the overall experiences grade. */
export const STANDARD_SENTENCE: Readonly<Record<SccifGrade, string>> = {
  outstanding:
    "The children's home provides highly effective services that consistently exceed the standards of good. The actions of the children's home contribute to significantly improved outcomes and positive experiences for children and young people.",
  good: "The children's home provides effective services that meet the requirements for good.",
  'requires-improvement':
    "The children's home is not yet delivering good help and care for children and young people. However, there are no serious or widespread failures that result in their welfare not being safeguarded or promoted.",
  inadequate:
    "The children's home is not delivering good help and care for children and young people. Children and young people are, or may be, harmed or at risk of harm.",
};

export const FRAMEWORK_LINE = 'Inspected under the social care common inspection framework';

export const REQUIREMENTS_PREAMBLE =
  "This section sets out the actions that the registered person(s) must take to meet the Care Standards Act 2000, Children's Homes (England) Regulations 2015 and the 'Guide to the children's homes regulations including the quality standards'. The registered person(s) must comply within the given timescales.";

export const RECOMMENDATIONS_INTRO = 'The registered person should take the following actions:';

export const ABOUT_FULL: readonly string[] = [
  "Children's homes are inspected under the social care common inspection framework. This inspection was carried out under the Care Standards Act 2000 to assess the effectiveness of the service, how it meets the core functions of the service as set out in legislation, and to consider how well it complies with the relevant regulations and meets the national minimum standards.",
  "Inspectors considered the quality of work and the difference made to the lives of children and young people. They watched how professional staff work with children, young people and each other and discussed the effectiveness of help and care provided. Wherever possible, they talked to children, young people and their families. In addition, inspectors have tried to understand what the children's home knows about how well it is performing, how well it is doing and what difference it is making for the children and young people whom it is trying to help, protect and look after.",
];

export const ABOUT_INTERIM =
  "This interim inspection was carried out under the Care Standards Act 2000 using the social care common inspection framework. Its purpose is to assess whether the home has improved, sustained or declined in effectiveness since its last full inspection, and how well it complies with the relevant regulations.";

export const ABOUT_MONITORING =
  'This monitoring visit was carried out under the Care Standards Act 2000 to check whether the registered person is meeting the regulations and the requirements of any notices served since the last inspection. A monitoring visit does not result in a graded judgement.';

export const ABOUT_ASSURANCE_2020 =
  "This assurance visit was carried out under the Care Standards Act 2000 in line with Ofsted's phased return to routine inspection during the COVID-19 pandemic. It focused on whether children are safe and well cared for, and on the effectiveness of leaders and managers. An assurance visit does not result in graded judgements.";

export const ABOUT_ASSURANCE_2022 =
  'This assurance visit was carried out under the Care Standards Act 2000 to evaluate whether the registered person is meeting the needs of children and keeping them safe, and the effectiveness of leaders and managers. Assurance visits are not graded.';

/** The closing page of every report. */
export function closingPage(year: number): string[] {
  return [
    "The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates and inspects to achieve excellence in the care of children and young people, and in education and skills for learners of all ages. It regulates and inspects childcare and children's social care, and inspects the Children and Family Court Advisory and Support Service (Cafcass), schools, colleges, initial teacher training, further education and skills, adult and community learning, and education and training in prisons and other secure establishments. It assesses council children's services, and inspects services for children looked after, safeguarding and child protection.",
    'If you would like a copy of this document in a different format, such as large print or Braille, please telephone 0300 123 1231, or email enquiries@ofsted.gov.uk.',
    'You may reuse this information (not including logos) free of charge in any format or medium, under the terms of the Open Government Licence. To view this licence, visit www.nationalarchives.gov.uk/doc/open-government-licence, write to the Information Policy Team, The National Archives, Kew, London TW9 4DU, or email psi@nationalarchives.gsi.gov.uk.',
    'This publication is available at www.gov.uk/government/organisations/ofsted.',
    'Interested in our work? You can subscribe to our monthly newsletter for more information and updates: http://eepurl.com/iTrDn.',
    'Piccadilly Gate, Store Street, Manchester M1 2WD',
    'T: 0300 123 1231   Textphone: 0161 618 8524   E: enquiries@ofsted.gov.uk   W: www.gov.uk/ofsted',
    `\u00A9 Crown copyright ${year}`,
  ];
}

/** The 2010-era explanation of the grading scale: grade words that are not this home's grades. */
export const LEGACY_2010_SCALE: ReadonlyArray<[string, string]> = [
  ['Outstanding:', 'this aspect of the provision is of exceptionally high quality'],
  ['Good:', 'this aspect of the provision is strong'],
  ['Satisfactory:', 'this aspect of the provision is sound'],
  ['Inadequate:', 'this aspect of the provision is not good enough'],
];

export const LEGACY_2010_ABOUT =
  'The purpose of this inspection is to assure children and young people, parents, the public, local authorities and government of the quality and standard of the service provided. The inspection was carried out under the Care Standards Act 2000. This report details the main strengths and any areas for improvement identified during the inspection. The judgements included in the report are made in relation to the outcome for children set out in the Children Act 2004 and relevant National Minimum Standards for the establishment.';

export const LEGACY_2014_ABOUT =
  "This inspection was carried out under the Care Standards Act 2000 and the Children's Homes Regulations 2001 using the framework for the inspection of children's homes. Inspectors considered the outcomes for young people, the quality of care, how well young people are kept safe, and the leadership and management of the home.";
