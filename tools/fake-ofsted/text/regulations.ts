// Statutory requirements in the shape SCCIF reports print them: the quality standard in full, the
// specific duty, then the citation in brackets. Wording paraphrases the Children's Homes (England)
// Regulations 2015; the citations follow the regulations' own numbering.

export interface RegulationTemplate {
  regulation: string;
  /** Which judgement a failure here usually belongs to (for picking plausible requirements). */
  area: 'experiences' | 'protection' | 'leadership';
  text: string;
}

export const REGULATIONS: readonly RegulationTemplate[] = [
  {
    regulation: '12',
    area: 'protection',
    text:
      'The protection of children standard is that children are protected from harm and enabled to keep themselves safe. ' +
      'In particular, the standard in paragraph (1) requires the registered person to ensure\u2014 that staff assess whether ' +
      'each child is at risk of harm, taking into account information in the child\'s relevant plans, and, if necessary, ' +
      'make arrangements to reduce the risk of any harm to the child; and that staff understand the roles and ' +
      'responsibilities in relation to protecting children that are assigned to them by the registered person. ' +
      '(Regulation 12 (1)(2)(a)(i)(ii))',
  },
  {
    regulation: '13',
    area: 'leadership',
    text:
      'The leadership and management standard is that the registered person enables, inspires and leads a culture in ' +
      'relation to the children\'s home that helps children aspire to fulfil their potential and promotes their welfare. ' +
      'In particular, the standard in paragraph (1) requires the registered person to\u2014 lead and manage the home in a ' +
      'way that is consistent with the approach and ethos, and delivers the outcomes, set out in the home\'s statement of ' +
      'purpose; and use monitoring and review systems to make continuous improvements in the quality of care provided ' +
      'in the home. (Regulation 13 (1)(a)(b)(2)(a)(h))',
  },
  {
    regulation: '6',
    area: 'experiences',
    text:
      'The quality and purpose of care standard is that children receive care from staff who understand the children\'s ' +
      'needs and the ways in which those needs are to be met. In particular, the standard in paragraph (1) requires the ' +
      'registered person to ensure\u2014 that staff meet each child\'s needs as set out in the child\'s relevant plans; and ' +
      'that the premises are in a good state of repair and are suitably decorated and furnished. (Regulation 6 (1)(a)(b)(2)(b)(iv)(c))',
  },
  {
    regulation: '8',
    area: 'experiences',
    text:
      'The education standard is that children make measurable progress towards achieving their educational potential ' +
      'and are helped to do so. In particular, the standard in paragraph (1) requires the registered person to ensure\u2014 ' +
      'that staff help each child to achieve the education and training targets in the child\'s relevant plans, and ' +
      'maintain regular contact with each child\'s education provider. (Regulation 8 (1)(2)(a)(b)(c))',
  },
  {
    regulation: '10',
    area: 'experiences',
    text:
      'The health and well-being standard is that children are helped to achieve good health and well-being. In ' +
      'particular, the standard in paragraph (1) requires the registered person to ensure\u2014 that each child receives ' +
      'advice, services and support in relation to the child\'s health and well-being, and that staff help each child ' +
      'to attend appointments with the professionals who provide that care. (Regulation 10 (1)(2)(a)(i)(b))',
  },
  {
    regulation: '14',
    area: 'experiences',
    text:
      'The care planning standard is that children receive effectively planned care in or through the children\'s home. ' +
      'In particular, the standard in paragraph (1) requires the registered person to ensure\u2014 that arrangements are ' +
      'in place to assess the needs of each child before admission, taking into account the needs of the children ' +
      'already living in the home. (Regulation 14 (1)(a)(2)(a)(c))',
  },
  {
    regulation: '20',
    area: 'protection',
    text:
      'Restraint in relation to a child is only permitted for the purpose of preventing injury to any person, or ' +
      'serious damage to the property of any person, and must be necessary and proportionate. The registered person ' +
      'must ensure that a record of each use of restraint is made within 24 hours and that it is reviewed by a ' +
      'manager. (Regulation 20 (1)(a)(b)(2); Regulation 35 (3)(a))',
  },
  {
    regulation: '32',
    area: 'protection',
    text:
      'The registered person must not employ an individual to work at the children\'s home unless the individual is ' +
      'fit to work there. In particular, the registered person must ensure that full employment histories are obtained ' +
      'and that any gaps are explained in writing before a person starts work. (Regulation 32 (1)(3)(a)(b); Schedule 2)',
  },
  {
    regulation: '33',
    area: 'leadership',
    text:
      'The registered person must ensure that all employees undertake appropriate continuing professional development ' +
      'and receive practice-related supervision by a person with appropriate experience, at a frequency that enables ' +
      'them to carry out their roles effectively. (Regulation 33 (4)(a)(b))',
  },
  {
    regulation: '40',
    area: 'leadership',
    text:
      'If an event listed in the schedule occurs, the registered person must, without delay, notify HMCI and each ' +
      'other relevant person of the event; this includes any incident requiring police involvement that the ' +
      'registered person considers to be serious. (Regulation 40 (4)(a)(b))',
  },
  {
    regulation: '45',
    area: 'leadership',
    text:
      'The registered person must establish and maintain a system for monitoring, reviewing and evaluating the ' +
      'quality of care provided for children, and must complete a review of the quality of care at least once every ' +
      'six months, sending a copy of the report to HMCI. (Regulation 45 (1)(2)(4))',
  },
];

/** Recommendations end with a citation of the guide, as real reports do. */
export const RECOMMENDATIONS: readonly string[] = [
  'The registered person should ensure that staff record children\'s views about their care, and that children can see how their views have been acted upon. (\'Guide to the children\'s homes regulations including the quality standards\', page 11, paragraph 2.6)',
  'The registered person should ensure that all staff understand the home\'s approach to managing children\'s behaviour and apply it consistently. (\'Guide to the children\'s homes regulations including the quality standards\', page 46, paragraph 9.3)',
  'The registered person should ensure that the home is a nurturing and supportive environment, and that repairs are completed promptly. (\'Guide to the children\'s homes regulations including the quality standards\', page 15, paragraph 3.9)',
  'The registered person should ensure that staff help each child to understand the risks of sharing information online and how to keep themselves safe. (\'Guide to the children\'s homes regulations including the quality standards\', page 41, paragraph 8.7)',
  'The registered person should ensure that records of missing episodes include the actions taken by staff and the outcome of the return home interview. (\'Guide to the children\'s homes regulations including the quality standards\', page 45, paragraph 9.29)',
  'The registered person should ensure that staff supervision is recorded and that it includes reflection on practice and on each child\'s progress. (\'Guide to the children\'s homes regulations including the quality standards\', page 61, paragraph 13.2)',
  'The registered person should ensure that children are encouraged to take part in a range of positive activities that meet their interests. (\'Guide to the children\'s homes regulations including the quality standards\', page 27, paragraph 5.5)',
  'The registered person should ensure that the staff team works effectively with each child\'s education provider, so that children are supported to attend regularly. (\'Guide to the children\'s homes regulations including the quality standards\', page 23, paragraph 4.5)',
  'The registered person should ensure that each child\'s placement plan is reviewed after any significant event, in consultation with the child\'s social worker. (\'Guide to the children\'s homes regulations including the quality standards\', page 33, paragraph 7.4)',
];
