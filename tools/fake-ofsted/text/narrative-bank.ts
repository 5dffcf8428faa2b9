// Invented narrative for generated reports, written in the anonymised register Ofsted uses ("children",
// "staff", "the registered manager"; never a child's name). Sentences are grouped by judgement area and
// topic so that a paragraph stays on one subject, with a positive and a negative pool for each.

export type Area = 'experiences' | 'protection' | 'leadership';
export type Tone = 'positive' | 'negative';

export interface Topic {
  positive: readonly string[];
  negative: readonly string[];
}

export const TOPICS: Readonly<Record<Area, readonly Topic[]>> = {
  experiences: [
    {
      positive: [
        'Children have warm and trusting relationships with the staff who care for them.',
        'Staff know the children well and understand what helps each child to feel settled.',
        'Children said that they feel listened to and that staff are there for them when they need to talk.',
        'Staff are patient and nurturing, and they respond sensitively when children are upset.',
      ],
      negative: [
        'Children do not always have consistent adults to turn to, because of frequent changes in the staff team.',
        'Some children told the inspector that they do not feel listened to when they raise worries.',
        'The frequent use of agency staff who do not know the children has unsettled several children.',
        'Staff do not always respond to children in a way that reflects their individual needs and histories.',
      ],
    },
    {
      positive: [
        'Children attend education regularly and most are making good progress from their starting points.',
        'Staff work closely with schools and the virtual school, so that barriers to learning are identified and addressed quickly.',
        'One child has returned to full-time education after a long period out of school, which is a significant achievement.',
        'Staff celebrate children\'s achievements at school, and children are proud of their progress.',
      ],
      negative: [
        'Several children are not in full-time education, and the plans to change this lack urgency.',
        'Staff do not routinely check what children are learning or help them with homework.',
        'Children\'s attendance at school has fallen, and staff have not challenged this effectively.',
        'Personal education plans are not reviewed on time, so children\'s educational targets are out of date.',
      ],
    },
    {
      positive: [
        'Children\'s physical and emotional health needs are well understood and met.',
        'Staff help children to attend health appointments and to understand their own health needs.',
        'Children benefit from access to therapeutic support that is tailored to their needs.',
        'Medication is stored and administered safely, and records are accurate.',
      ],
      negative: [
        'Children\'s health plans are out of date and do not reflect their current needs.',
        'Medication records contain gaps, and staff could not always show that children had received their medicines as prescribed.',
        'Referrals for emotional well-being support have been delayed, and children have waited too long for help.',
        'Staff have not followed the advice of health professionals consistently.',
      ],
    },
    {
      positive: [
        'Children enjoy a wide range of activities in the community, which builds their confidence and self-esteem.',
        'Staff help older children to learn practical skills, such as cooking, budgeting and using public transport, in preparation for adulthood.',
        'Children are encouraged to pursue their interests, including sport, music and youth groups.',
        'Holidays and day trips are planned with the children and give them experiences they have not had before.',
      ],
      negative: [
        'Children have too few opportunities to take part in activities that they enjoy.',
        'Preparation for independence is not well planned, and older children are not developing the skills they will need when they leave the home.',
        'Children spend long periods in the home with little to do, particularly at weekends.',
        'Transition plans for children who are moving on are vague and are not shared with the children concerned.',
      ],
    },
    {
      positive: [
        'Children are supported to spend time with their families and people who are important to them, in line with their care plans.',
        'Children\'s views are sought regularly through house meetings and key-work sessions, and they can see how their views make a difference.',
        'Parents said that staff keep them well informed and involve them in decisions about their children.',
        'Children know how to make a complaint, and the few complaints received have been resolved to their satisfaction.',
      ],
      negative: [
        'Arrangements for children to see their families are not always well planned, and some visits have been cancelled at short notice.',
        'Children\'s views are not consistently recorded or used to shape their plans.',
        'Complaints made by children have not been responded to in a timely way.',
        'Parents said that they are not kept informed about important events in their children\'s lives.',
      ],
    },
    {
      positive: [
        'The home is warm, comfortable and personalised, and children take pride in their bedrooms.',
        'New children are welcomed carefully, and the impact of each admission on the existing group is thoughtfully considered.',
        'Children help to choose the decoration and furnishings of the communal areas.',
      ],
      negative: [
        'Parts of the home are in poor decorative order, and repairs have not been completed in a timely way.',
        'Impact risk assessments for new admissions do not consider how the needs of a new child will affect the children already living in the home.',
        'The home does not feel homely, and communal areas are sparsely furnished.',
      ],
    },
  ],
  protection: [
    {
      positive: [
        'Staff understand the risks to each child and follow clear plans to reduce them.',
        'Risk assessments are detailed, up to date and shared with the professionals who need them.',
        'Children say that they feel safe in the home and know who to talk to if they are worried.',
      ],
      negative: [
        'Risk assessments are generic and are not updated after significant incidents.',
        'Staff are not clear about the actions they should take to reduce known risks to children.',
        'Plans to keep children safe are not consistently followed by staff.',
      ],
    },
    {
      positive: [
        'When children go missing from the home, staff follow agreed procedures and work closely with the police to find them quickly.',
        'Return home interviews are completed, and the information from them is used to reduce the likelihood of children going missing again.',
        'The number of times children go missing from the home has reduced significantly.',
      ],
      negative: [
        'Children have repeatedly gone missing from the home, and staff have not always reported these episodes promptly.',
        'Information from return home interviews is not used to understand why children go missing.',
        'Staff did not search for children or contact the police in line with the missing from care protocol.',
      ],
    },
    {
      positive: [
        'Physical intervention is used rarely, and only as a last resort to keep children safe.',
        'Staff use praise and rewards well, and incidents of challenging behaviour have reduced.',
        'Staff are skilled at calming situations before they become unsafe.',
      ],
      negative: [
        'Records of physical interventions are incomplete, and managers have not reviewed them to check that the interventions were necessary and proportionate.',
        'Sanctions are used inconsistently and do not help children to understand the impact of their behaviour.',
        'The use of physical intervention has increased, and staff have not reflected on how it might be reduced.',
      ],
    },
    {
      positive: [
        'Safeguarding concerns are reported promptly to the designated officer and to placing authorities.',
        'Staff are confident in recognising the signs of exploitation and know what to do if they are worried about a child.',
        'Managers work well with the police and other agencies to disrupt those who may seek to harm children.',
      ],
      negative: [
        'Allegations against staff have not been referred to the designated officer as required.',
        'Staff do not have a good enough understanding of the signs of criminal and sexual exploitation.',
        'Managers did not notify Ofsted of several serious incidents, as the regulations require.',
      ],
    },
    {
      positive: [
        'Children are helped to understand how to stay safe online, and their use of devices is supervised proportionately.',
        'Staff recruitment is safe, and all the required checks are completed before staff start work.',
      ],
      negative: [
        'Children have been exposed to bullying by their peers, and staff have not taken effective action to stop it.',
        'Safer recruitment checks are incomplete for some staff, which potentially places children at risk.',
      ],
    },
  ],
  leadership: [
    {
      positive: [
        'The registered manager is experienced and suitably qualified, and has a clear vision for the home.',
        'The manager leads by example and is a visible presence in the home.',
        'Leaders have an accurate understanding of the home\'s strengths and the areas that need further development.',
      ],
      negative: [
        'The home has been without a registered manager for several months, and the interim arrangements have not provided stable leadership.',
        'Leaders have not identified the serious shortfalls found at this inspection.',
        'Leaders do not have an accurate understanding of the quality of care that children receive.',
      ],
    },
    {
      positive: [
        'Staff receive regular, reflective supervision that helps them to improve their practice.',
        'The staff team is stable, and staff speak positively about the support they receive from managers.',
        'Team meetings are used well to share learning and to agree consistent approaches to children\'s care.',
      ],
      negative: [
        'Staff supervision is irregular and does not challenge poor practice.',
        'Staffing levels have not always been sufficient to meet children\'s needs safely.',
        'Staff morale is low, and several staff said that they do not feel supported by managers.',
      ],
    },
    {
      positive: [
        'Staff complete a comprehensive programme of training, including training in trauma-informed practice.',
        'Most staff hold the required qualification, and those who do not are enrolled on it within the required timescale.',
      ],
      negative: [
        'Gaps in staff training mean that staff are not equipped to meet the complex needs of the children living in the home.',
        'Several staff have not completed the required qualification within the expected timescale.',
      ],
    },
    {
      positive: [
        'Leaders use effective monitoring systems to check the quality of care and to drive improvement.',
        'Reports by the independent person are thorough, and managers act on their recommendations.',
        'The requirements and recommendations made at the last inspection have been met.',
      ],
      negative: [
        'Monitoring of records is weak, and managers did not identify errors in daily logs and incident reports.',
        'The requirements made at the last inspection have not been met.',
        'Reports by the independent person have identified shortfalls, but managers have not acted on them.',
      ],
    },
    {
      positive: [
        'Managers work effectively with social workers, schools and health professionals, who praised the home\'s communication.',
        'The home operates in line with its statement of purpose, and admissions are carefully matched to the home\'s function.',
      ],
      negative: [
        'Communication with placing authorities is poor, and professionals said they are not always informed about significant events.',
        'Leaders have admitted children whose needs are outside the home\'s statement of purpose.',
      ],
    },
  ],
};

/** Follow-on sentences that fit after most topic sentences of the same tone. */
export const ELABORATION: Readonly<Record<Tone, readonly string[]>> = {
  positive: [
    'As a result, children feel safe and settled.',
    'Professionals who work with the home spoke highly of this aspect of the care.',
    'This is helping children to make sustained progress.',
    'Children\'s records show how this has made a positive difference to their lives.',
    'Staff are proud of the progress that children have made.',
    'Social workers said that children have settled well and are thriving.',
    'This consistency gives children a sense of stability and belonging.',
    'Managers review this regularly to make sure that it continues to meet children\'s needs.',
  ],
  negative: [
    'This leaves children at risk of harm.',
    'Managers had not identified this shortfall before the inspection.',
    'This has had a negative impact on children\'s experiences.',
    'As a result, children are not making the progress of which they are capable.',
    'This has been raised before, but sufficient action has not been taken.',
    'Professionals expressed concern about this during the inspection.',
    'This means that staff cannot be confident that children\'s needs are being met.',
    'The response to this has been reactive rather than planned.',
  ],
};

/** Illustrative examples, as inspectors add them; anonymised. */
export const EXAMPLES: Readonly<Record<Area, Readonly<Record<Tone, readonly string[]>>>> = {
  experiences: {
    positive: [
      'For example, one child who had previously found it difficult to attend school now attends every day.',
      'For example, a child who was anxious about meeting new people now takes part in a weekly youth club.',
    ],
    negative: [
      'For example, one child has not attended school for several weeks, and there is no plan to address this.',
      'For example, a child\'s dental appointment was missed twice because no staff member was available to take them.',
    ],
  },
  protection: {
    positive: [
      'For example, staff noticed a change in one child\'s behaviour and shared their concerns immediately, which led to protective action.',
      'For example, a child who frequently went missing before moving to the home has not gone missing since.',
    ],
    negative: [
      'For example, a child returned to the home with injuries, and this was not reported to the placing authority until two days later.',
      'For example, a known risk to one child from an adult in the community was not reflected in the child\'s risk assessment.',
    ],
  },
  leadership: {
    positive: [
      'For example, the manager introduced a new approach to recording that has made children\'s records more meaningful to them.',
      'For example, leaders commissioned additional training after reviewing a series of incidents.',
    ],
    negative: [
      'For example, an incident involving the police was not reviewed by a manager, and no learning was identified.',
      'For example, staff rotas showed several shifts where only one member of staff was on duty.',
    ],
  },
};

/** Extra sentences reserved for outstanding judgements. */
export const OUTSTANDING: Readonly<Record<Area, readonly string[]>> = {
  experiences: [
    'Children make exceptional progress in all areas of their lives.',
    'The quality of care is exceptional and is shaped entirely around the needs of each child.',
  ],
  protection: [
    'Staff have an exceptional understanding of each child\'s vulnerabilities and of how to keep them safe.',
    'The approach to safeguarding is highly effective and is embedded in every aspect of the home\'s work.',
  ],
  leadership: [
    'Leaders have created a culture of high aspiration in which children and staff thrive.',
    'The registered manager is an inspirational leader who is relentless in seeking the best for children.',
  ],
};

/** Opening sentences for the findings of monitoring and assurance visits. */
export const VISIT_OPENERS: readonly string[] = [
  'The inspector reviewed records, spoke with staff and managers, and spoke with children who were present during the visit.',
  'This visit focused on the concerns identified at the last inspection and on the progress made since then.',
  'The inspector looked at children\'s care records, incident logs, staff files and the home\'s monitoring reports.',
];

/** The wording of a serious concern in an assurance or monitoring visit. */
export const VISIT_CONCERNS: readonly string[] = [
  'Children may be at risk of harm because staff do not follow the home\'s procedures when children go missing.',
  'Children may be at risk of harm because risks identified by other agencies have not been acted on.',
  'Serious weaknesses in leadership mean that children may be at risk of harm.',
];
