// Statutory requirements and recommendations in Ofsted's wording pattern, citing real regulation numbers
// of the Children's Homes (England) Regulations 2015 (and, for pre-2015 reports, the Children's Homes
// Regulations 2001). The sentences are written for the corpus.

/** 2015 regulations: requirement text ending with its citation, keyed by regulation number. */
export const REQUIREMENTS_2015: Readonly<Record<string, string>> = {
  '5': "The registered person must ensure that staff seek to involve each child's placing authority effectively in the child's care, including in decisions about the child's education and health. (Regulation 5 (a)(b))",
  '6': "The quality and purpose of care standard is that children receive care from staff who understand the children's needs and the home's overall aims. In particular, the standard in paragraph (1) requires the registered person to ensure that staff understand the home's statement of purpose and apply it in the day-to-day care of each child. (Regulation 6 (1)(2)(a)(i))",
  '7': "The children's views, wishes and feelings standard is that children receive care from staff who take their views, wishes and feelings into account. In particular, the standard in paragraph (1) requires the registered person to ensure that staff seek children's views and that complaints are recorded and responded to. (Regulation 7 (1)(2)(a)(iv))",
  '8': "The education standard is that children make measurable progress towards achieving their educational potential. In particular, the standard in paragraph (1) requires the registered person to ensure that each child has a plan for education that is agreed with the placing authority and that staff help each child to attend education. (Regulation 8 (1)(2)(b)(c))",
  '9': "The enjoyment and achievement standard is that children take part in and benefit from a variety of activities that meet their needs and develop their interests. In particular, the registered person must ensure that staff help each child to access activities in the community. (Regulation 9 (1)(2)(b))",
  '10': "The health and well-being standard is that the health and well-being needs of children are met. In particular, the standard in paragraph (1) requires the registered person to ensure that each child receives medication as prescribed and that the administration of medication is accurately recorded. (Regulation 10 (1)(2)(a)(vi))",
  '11': "The positive relationships standard is that children are helped to develop, and to benefit from, relationships based on mutual respect and trust. In particular, the standard in paragraph (1) requires the registered person to ensure that staff help each child to manage conflict and to repair relationships. (Regulation 11 (1)(2)(a)(iii))",
  '12': "The protection of children standard is that children are protected from harm and enabled to keep themselves safe. In particular, the standard in paragraph (1) requires the registered person to ensure that staff assess whether each child is at risk of harm, taking into account information in the child's relevant plans, and, if necessary, make arrangements to reduce the risk of any harm to the child. (Regulation 12 (1)(2)(a)(i))",
  '13': "The leadership and management standard is that the registered person enables, inspires and leads a culture in relation to the children's home that helps children to aspire to fulfil their potential. In particular, the standard in paragraph (1) requires the registered person to use monitoring and review systems to make continuous improvements in the quality of care provided in the home. (Regulation 13 (1)(2)(h))",
  '14': "The care planning standard is that children receive effectively planned care in or through the children's home. In particular, the standard in paragraph (1) requires the registered person to ensure that staff work in a way that is consistent with each child's relevant plans and that the plans are in place before a child moves into the home. (Regulation 14 (1)(2)(a))",
  '22': "The registered person must ensure that the contact arrangements set out in each child's care plan are promoted, and that any restriction on a child's contact is recorded together with the reason for it. (Regulation 22 (1)(2))",
  '32': 'The registered person must only employ an individual to work at the home if full and satisfactory information is available in relation to that individual in respect of each of the matters in Schedule 2. (Regulation 32 (3)(d))',
  '33': 'The registered person must ensure that all employees receive practice-related supervision by a person with appropriate experience, and that their performance is appraised at least once a year. (Regulation 33 (4)(b)(c))',
  '35': 'The registered person must ensure that within 24 hours of the use of a measure of control, discipline or restraint in relation to a child, a record is made which includes a description of the measure and its duration, and that the record is signed by the registered person. (Regulation 35 (3)(a)(iv)(b))',
  '40': 'The registered person must notify HMCI and each other relevant person without delay if a child is involved in an incident in which the police are called to the home, or if there is an allegation of abuse against the home or a person working there. (Regulation 40 (4)(a)(c))',
  '44': "The registered person must ensure that the independent person's report includes an evaluation of the effectiveness of the care provided in safeguarding and promoting the welfare of children, and that it is sent to HMCI by the end of the month following the visit. (Regulation 44 (4)(c)(7))",
  '45': 'The registered person must establish and maintain a system for monitoring, reviewing and evaluating the quality of care provided for children, and must complete a report of each review at least once every six months. (Regulation 45 (1)(2)(a)(4))',
  '46': 'The registered person must ensure that the premises used for the purposes of the home are in a good state of repair, are safe, and are appropriately furnished, and that hazards to children are identified and removed. (Regulation 46 (1)(a)(b)(c))',
};

/** Recommendations under the 2015 regulations, each citing the Guide as Ofsted's do. */
export const RECOMMENDATIONS_2015: readonly string[] = [
  "The registered person should ensure that children's records are written in a way that will be accessible and meaningful to them if they read them in the future. ('Guide to the children's homes regulations including the quality standards', page 62, paragraph 14.4)",
  "The registered person should ensure that staff have the skills to support children who go missing from the home, and that return home interviews are requested and acted on. ('Guide to the children's homes regulations including the quality standards', page 45, paragraph 9.29)",
  "The registered person should ensure that staff are supported to reflect on their practice through supervision that focuses on the needs of individual children. ('Guide to the children's homes regulations including the quality standards', page 61, paragraph 19.4)",
  "The registered person should ensure that the home's environment is well maintained and decorated and that children are consulted about any changes. ('Guide to the children's homes regulations including the quality standards', page 15, paragraph 3.9)",
  "The registered person should ensure that children are helped to develop the skills that they will need for independent living. ('Guide to the children's homes regulations including the quality standards', page 15, paragraph 3.6)",
  "The registered person should ensure that each child's placement plan sets out clear and measurable targets that are reviewed with the child. ('Guide to the children's homes regulations including the quality standards', page 55, paragraph 11.5)",
  "The registered person should ensure that the manager's review of physical interventions is recorded and that any learning is shared with staff. ('Guide to the children's homes regulations including the quality standards', page 49, paragraph 9.59)",
  "The registered person should ensure that children are supported to take part in activities that develop their interests and hobbies. ('Guide to the children's homes regulations including the quality standards', page 27, paragraph 6.5)",
  "The registered person should ensure that the statement of purpose accurately describes the care that the home provides. ('Guide to the children's homes regulations including the quality standards', page 55, paragraph 11.2)",
  "The registered person should ensure that all staff complete the training identified in their development plans within the agreed timescales. ('Guide to the children's homes regulations including the quality standards', page 53, paragraph 10.11)",
];

/** 2001 regulations, for pre-2015 reports: number in its own table column, text without a citation. */
export const REQUIREMENTS_2001: ReadonlyArray<{ regulation: string; text: string }> = [
  {
    regulation: '25',
    text: 'ensure that there is at all times a sufficient number of suitably qualified, competent and experienced persons working at the home, having regard to the number and needs of the young people accommodated',
  },
  {
    regulation: '33',
    text: 'ensure that the person who visits the home each month on behalf of the registered provider interviews young people and staff and writes a report on the conduct of the home',
  },
  {
    regulation: '34',
    text: 'establish and maintain a system for monitoring the matters set out in Schedule 6 at appropriate intervals, and for improving the quality of care provided by the home',
  },
];

/** Pre-2015 recommendations, citing the National Minimum Standards. */
export const RECOMMENDATIONS_LEGACY: readonly string[] = [
  "ensure that young people's placement plans are reviewed when their needs change (NMS 2.3)",
  'ensure that all staff receive supervision at least once a month and that records of supervision are kept (NMS 19.5)',
  'ensure that the home is decorated and furnished to a standard that young people value (NMS 10.2)',
  "ensure that young people's complaints are recorded together with the outcome and the young person's satisfaction with it (NMS 1.6)",
];

/** Residential special schools' recommendations, citing the national minimum standards for such schools. */
export const RECOMMENDATIONS_RSS: readonly string[] = [
  'Ensure that each residential pupil\u2019s care plan is reviewed at least termly and that the pupil contributes to the review (NMS 17.1).',
  'Ensure that the record of sanctions shows how each sanction was proportionate and what the residential pupil said about it (NMS 12.6).',
  'Ensure that the school\u2019s monitoring of the residential provision evaluates the experiences of residential pupils and leads to clear actions (NMS 13.4).',
  'Ensure that staff who work in the residential provision complete the safeguarding training that the school requires within the agreed timescales (NMS 19.2).',
  'Ensure that residential pupils have access to a private space to make and receive telephone calls (NMS 10.2).',
];
