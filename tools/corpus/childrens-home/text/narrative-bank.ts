// Narrative for the corpus reports, written for it in the register of Ofsted's children's-home reports:
// anonymised ("children", "staff", "the home"), evaluative, one idea per sentence. Verdict sentences open a
// section, as Ofsted's do; the rest fill paragraphs.

/** `care`: residential special schools' "quality of care and support" (2015-2017). */
export type Area = 'experiences' | 'protection' | 'leadership' | 'care';
export type VerdictGrade = 'outstanding' | 'good' | 'requires-improvement' | 'inadequate';

export const VERDICTS: Readonly<Record<Area, Readonly<Record<VerdictGrade, readonly string[]>>>> = {
  experiences: {
    outstanding: [
      'Children make exceptional progress from their starting points because staff know them extremely well and plan their care with great skill.',
      'Children flourish at this home, and the care that they receive transforms their lives in ways that they and their families value highly.',
      'Children experience consistently warm, nurturing and aspirational care that helps them to achieve far more than they thought possible.',
    ],
    good: [
      'Children make good progress in their education, health and emotional well-being while living at this home.',
      'Children enjoy living at the home and build trusting relationships with the staff who care for them.',
      'Children are well cared for by a consistent staff team who understand their needs and help them to settle quickly.',
    ],
    'requires-improvement': [
      'Children have mixed experiences at the home, and not all of them make the progress that they should.',
      'Children speak positively about some staff, but the care that they receive is not consistently planned around their individual needs.',
      'Most children attend education, but staff do not always follow up quickly enough when a child stops attending.',
    ],
    inadequate: [
      'Children are not making progress because their needs are not understood or met by the staff who care for them.',
      'The quality of care has deteriorated significantly since the last inspection, and children are not benefiting from living at the home.',
      'Children have experienced frequent changes of staff and placement disruption, and their education and health needs have been neglected.',
    ],
  },
  protection: {
    outstanding: [
      'Children are exceptionally well protected because staff understand each child’s risks in detail and act swiftly when concerns arise.',
      'Risks to children have reduced markedly since they moved into the home, and incidents of going missing have almost stopped.',
    ],
    good: [
      'Staff understand the risks to each child and work closely with other professionals to keep children safe.',
      'Children feel safe at the home and know who they can speak to if they are worried about anything.',
      'Staff respond well when children go missing from the home, and return home interviews are used to reduce future risks.',
    ],
    'requires-improvement': [
      'Staff generally respond well to incidents, but risk assessments are not always updated when a child’s circumstances change.',
      'Children are mostly safe, although the recording of physical interventions does not show that each one was necessary and proportionate.',
      'Safeguarding concerns are reported to the placing authority, but the home does not always follow them up to check what action has been taken.',
    ],
    inadequate: [
      'Children are not safe because serious risks are not identified, assessed or managed by staff or leaders.',
      'Risks are not clearly identified, understood or managed, and children have been exposed to harm as a result.',
      'Staff have not responded effectively to repeated episodes of children going missing, and children remain at risk of exploitation.',
    ],
  },
  leadership: {
    outstanding: [
      'The registered manager is an inspirational leader who has created a culture in which children are at the heart of every decision.',
      'Leaders and managers have an accurate and detailed understanding of the home’s strengths and continually drive improvement.',
    ],
    good: [
      'The registered manager is experienced and knows the children well, and staff describe the manager as supportive and approachable.',
      'Leaders and managers monitor the quality of care effectively and take prompt action when they identify shortfalls.',
      'The home is well led by a manager who has high expectations for children and for the staff team.',
    ],
    'requires-improvement': [
      'Leaders and managers have identified some of the shortfalls found during this inspection, but their actions have not yet had enough impact.',
      'The manager has made improvements since taking up post, but monitoring systems do not consistently identify weaknesses in practice.',
      'Staff receive regular supervision, although it does not always challenge practice or reflect on the needs of individual children.',
    ],
    inadequate: [
      'Leaders and managers have failed to recognise the serious shortfalls in the care and protection of children.',
      'The home has been without effective leadership for several months, and the registered provider has not taken action to address this.',
      'Leaders do not have oversight of the home, and breaches of regulations identified at the last inspection have not been addressed.',
    ],
  },
  care: {
    outstanding: [
      'Residential pupils receive care of an exceptionally high standard that is tailored precisely to their communication and sensory needs.',
      'Care staff know each residential pupil in depth and plan support that helps them to become remarkably independent.',
    ],
    good: [
      'Residential pupils receive individualised care and support from staff who understand their needs well.',
      'Care plans are detailed and up to date, and staff use them well to support residential pupils in the evenings.',
    ],
    'requires-improvement': [
      'The care that residential pupils receive is warm, but their care plans are not reviewed often enough to reflect their changing needs.',
      'Residential pupils are supported by caring staff, although the routines in the residential houses are not always planned around their needs.',
    ],
    inadequate: [
      'Residential pupils do not receive the care and support that they need because their plans are out of date and staff do not follow them.',
      'The quality of care has declined, and residential pupils spend long periods without purposeful activity or support.',
    ],
  },
};

export const SENTENCES: Readonly<Record<Area, { positive: readonly string[]; negative: readonly string[] }>> = {
  experiences: {
    positive: [
      'Staff spend time with children individually and plan activities that reflect their interests.',
      'Children are supported to maintain relationships with their families and with people who are important to them.',
      'One child told the inspector that the staff are like a family to them.',
      'Children’s health needs are well met, and they attend routine appointments with the dentist and optician.',
      'Staff advocate strongly for children when their education provision is not meeting their needs.',
      'Children are encouraged to try new experiences, including clubs, sports and holidays.',
      'Children’s bedrooms are personalised, and the home is warm, clean and homely.',
      'Staff help children to learn independence skills, such as cooking, budgeting and using public transport.',
      'Children’s views are sought through regular house meetings, and their ideas are acted on.',
      'Careful planning means that children move into the home in a way that helps them to feel welcome.',
      'Children’s education attendance has improved markedly since they moved into the home.',
      'Staff celebrate children’s achievements, however small, and children are proud of their progress.',
      'Children have access to therapeutic support, and staff use the advice of therapists in their daily care.',
      'Mealtimes are social occasions, and children help to plan menus that meet their cultural and dietary needs.',
      'Children are prepared well for moving on, and staff stay in touch with them after they leave.',
      'Parents and social workers speak highly of the care that children receive at the home.',
    ],
    negative: [
      'Children’s care plans are not always available, and staff are not clear about the long-term plans for some children.',
      'Some children have not attended education for several weeks, and there is no clear plan to address this.',
      'Children’s health appointments have been missed because staff did not record or arrange them.',
      'The home is in a poor state of repair, and some areas are not clean or homely.',
      'Children’s views are not consistently sought, and their complaints are not always recorded or resolved.',
      'Staff do not consistently follow the strategies set out in children’s behaviour support plans.',
      'Children have had too few opportunities to take part in activities in the community.',
      'The matching of children to the home has not considered the impact of new admissions on the children already living there.',
      'Some children have experienced several changes of key worker in a short period of time.',
      'Children’s records are not written in a way that they would understand if they read them in the future.',
      'Staff have not helped children to develop the skills that they will need when they leave care.',
      'Contact arrangements with families have been cancelled at short notice without an explanation to children.',
      'Medication errors have occurred, and these have not been investigated to prevent them from happening again.',
      'Children have been placed at the home outside the ages and needs set out in the statement of purpose.',
    ],
  },
  protection: {
    positive: [
      'Each child has a detailed risk assessment that staff understand and review after every significant incident.',
      'Staff have a good understanding of the signs of child exploitation and share information promptly with the police.',
      'Physical interventions are rare, and records show that they are used only to keep children safe.',
      'Children have good relationships with staff, which helps them to talk about their worries.',
      'Staff work closely with the local authority designated officer when concerns are raised about adults.',
      'The home’s missing from care procedures are clear, and staff follow them consistently.',
      'Children’s online safety is promoted through discussions that are appropriate to their age and understanding.',
      'Recruitment is safe, and all necessary checks are completed before staff start work.',
      'Staff use calm and consistent approaches that help children to regulate their emotions.',
      'Incidents are reviewed by managers, and learning is shared with the staff team.',
      'Children are taught how to keep themselves safe in the community.',
      'Partnership working with schools and health professionals helps to reduce risks for children.',
    ],
    negative: [
      'Risk assessments are generic and do not reflect the current risks to individual children.',
      'Staff did not notify the police or the placing authority when a child returned home with unexplained injuries.',
      'Records of physical interventions are incomplete and do not show that managers have reviewed them.',
      'Children have gone missing on many occasions, and staff have not considered the patterns of these episodes.',
      'Staff have not received training in safeguarding or in the use of physical intervention.',
      'Allegations against staff have not been referred to the local authority designated officer.',
      'Staff were not aware of the safety plans in place for children who are at risk of exploitation.',
      'The home’s recruitment records show that staff have started work before all checks were completed.',
      'Incidents between children have not been managed well, and some children feel unsafe at the home.',
      'Window restrictors and fire doors were found to be faulty during the inspection.',
      'Return home interviews have not been requested after children went missing.',
      'Information about risks was not shared with the staff who were caring for children.',
    ],
  },
  leadership: {
    positive: [
      'Staff say that they feel valued and well supported by the manager.',
      'Supervision is regular and reflective and helps staff to improve their practice.',
      'The staff team is stable, and most staff hold the required level 3 qualification.',
      'The independent person’s reports are thorough, and the manager uses them to improve the home.',
      'The manager’s review of the quality of care is detailed and identifies clear actions for improvement.',
      'Leaders work well with placing authorities and challenge them when services for children are not good enough.',
      'The registered provider has invested in the home, and the environment has been significantly improved.',
      'Staff training is up to date and includes specialist training that reflects children’s needs.',
      'The manager has addressed the recommendations made at the last inspection.',
      'Notifications of serious events are sent to Ofsted and to placing authorities without delay.',
      'Team meetings are used well to reflect on children’s progress and on the home’s practice.',
    ],
    negative: [
      'The requirements made at the last inspection have not been met.',
      'Staff have not received regular supervision, and some have not had an appraisal for over a year.',
      'The home has relied heavily on agency staff who do not know the children well.',
      'The independent person’s reports have not identified the shortfalls found during this inspection.',
      'Ofsted has not been notified of serious events, including a police call-out to the home.',
      'Monitoring of records is ineffective, and errors in medication records have not been identified.',
      'The statement of purpose does not accurately describe the care that the home provides.',
      'There have been three managers in the past year, and staff morale is low.',
      'The manager’s review of the quality of care does not evaluate the experiences of children.',
      'Staff do not have the training that they need to meet the complex needs of the children living at the home.',
      'Staffing levels have not been sufficient to meet children’s needs, particularly at night.',
    ],
  },
  care: {
    positive: [
      'Evening activities are varied and help residential pupils to develop their social skills.',
      'Staff use signing and visual timetables well to communicate with residential pupils.',
      'Residential pupils help to plan menus and learn to prepare simple meals.',
      'Links between care staff and teachers are strong, so that targets are shared across the school day.',
      'Parents say that staff keep them well informed about their child’s progress in the residential provision.',
      'The residential houses are homely and well maintained, and residential pupils have personalised their bedrooms.',
    ],
    negative: [
      'Some care plans do not reflect the current health needs of residential pupils.',
      'Residential pupils have few opportunities to take part in activities in the local community.',
      'Handover records between school and residential staff are brief and do not always pass on important information.',
      'The residential houses are in need of redecoration, and some bathrooms do not offer enough privacy.',
      'Staff do not consistently follow the agreed strategies for supporting residential pupils’ communication.',
      'Records of residential pupils’ views are not used to improve the residential provision.',
    ],
  },
};

/** Generic follow-on sentences that fit any paragraph of either tone. */
export const LINKING: Readonly<Record<'positive' | 'negative', readonly string[]>> = {
  positive: [
    'As a result, children are making progress.',
    'This helps children to feel secure and settled.',
    'Children benefit from this consistent approach.',
    'This is having a positive impact on children’s well-being.',
    'Professionals confirmed that this has made a difference for children.',
  ],
  negative: [
    'This means that children’s needs are not being met.',
    'This leaves children at risk of harm.',
    'This has had a negative impact on children’s experiences.',
    'Leaders have not recognised the impact of this on children.',
    'As a result, children do not receive consistent care.',
  ],
};

/** Verdicts that open the findings of a monitoring visit without serious concerns. */
export const MONITORING_VERDICTS: readonly string[] = [
  'The registered person has made progress in addressing the shortfalls identified at the last inspection, but further improvement is needed.',
  'Leaders have taken effective action since the last inspection, and the risks to children have reduced.',
  'Some improvements have been made since the last inspection, although several requirements have not yet been met.',
];

/** What a monitoring visit looked at: the sentence after its verdict. */
export const MONITORING_SCOPE: readonly string[] = [
  'The inspector reviewed the actions that the registered person has taken to address the shortfalls found at the last inspection.',
  'The inspector checked the progress made against the requirements and any compliance notice issued since the last inspection.',
];

/** Sentences a reader quotes from a visit that found serious concerns. */
export const VISIT_CONCERNS: readonly string[] = [
  'Children may be at risk of harm because staff do not follow the home’s safeguarding procedures.',
  'Children may be at risk of harm because incidents of self-harm have not been shared with the professionals who support them.',
  'The inspector found serious and widespread failures that mean children are not protected.',
  'Children continue to be at risk of harm because leaders have not addressed the shortfalls identified at the last inspection.',
];

/** Sentences a reader quotes from a visit that found no serious concerns. */
export const VISIT_ASSURANCES: readonly string[] = [
  'We did not identify any serious or widespread concerns in relation to the care or protection of children at this assurance visit.',
  'The inspector found that children are well cared for and that leaders have a good oversight of the home.',
  'Children’s needs continue to be met, and the home has sustained the improvements seen at the last inspection.',
];

/** Pre-2015 summaries, graded on the older four-point scale. */
export const LEGACY_SUMMARY: Readonly<Record<'outstanding' | 'good' | 'adequate' | 'inadequate', readonly string[]>> = {
  outstanding: [
    'This is an exceptional home where young people make significant progress in every area of their lives.',
  ],
  good: ['This is a good home where young people are cared for by a committed and stable staff team.'],
  adequate: [
    'The home provides adequate care, but young people’s progress is limited by inconsistent practice.',
  ],
  inadequate: [
    'Young people are not adequately safeguarded because the home does not assess or manage risks effectively.',
  ],
};
