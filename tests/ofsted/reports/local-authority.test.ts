import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReportPages } from '../../../src/ofsted/reports/parse-report.js';
import { loadLabels } from '../../helpers/labelled-corpus.js';

// Specific layouts and wording of local-authority reports. Every labelled field of the LA corpus is checked, with
// both extractors, by corpus-accuracy.test.ts; here, that the corpus covers every format.

describe('the labelled local-authority corpus', () => {
  it('labels every family of LA report: ILACS with and without overall, SIF, focused visit', () => {
    const labels = loadLabels('local-authority');
    const kinds = labels.map((l) => `${l.expected.kind}/${l.expected.overall === null ? 'ungraded' : 'graded'}`);
    for (const k of ['la-childrens-services/graded', 'la-childrens-services/ungraded', 'la-focused-visit/ungraded']) assert.ok(kinds.includes(k), k);
  });
});

const page = (lines: string[]) => lines.join('\n');

describe('local authority reports: layouts and wording', () => {
  it('pairs an ILACS table extracted column by column (all labels, then all grades) row by row', () => {
    const parsed = parseReportPages([
      page([
        'Inspection of Testshire local authority',
        "children's services",
        'Inspection dates: 2 to 13 February 2026',
        'Lead inspector: Ann Example, His Majesty’s Inspector',
        'Judgement',
        'The impact of leaders on social work practice with children and families',
        'The experiences and progress of children who need help and protection',
        'The experiences and progress of children in care',
        'The experiences and progress of care leavers',
        'Overall effectiveness',
        'Grade',
        'Requires improvement to be good',
        'Good',
        'Inadequate',
        'Good',
        'Requires improvement to be good',
        'Children in Testshire do not always get the help they need quickly enough.',
        'What needs to improve?',
        '◼ The timeliness of assessments for children in need.',
      ]),
    ]);
    assert.deepEqual(Object.fromEntries(parsed.judgements.map((j) => [j.key, j.grade])), {
      'impact-of-leaders': 'requires-improvement',
      'help-and-protection': 'good',
      'children-in-care': 'inadequate',
      'care-leavers': 'good',
      'overall-effectiveness': 'requires-improvement',
    });
    assert.equal(parsed.overall, 'requires-improvement');
    assert.deepEqual(parsed.keyFindings, ['Children in Testshire do not always get the help they need quickly enough.']);
    assert.deepEqual(parsed.recommendations, ['The timeliness of assessments for children in need.']);
  });

  it('reads the previous grade from "at its last inspection … was judged to require improvement to be good"', () => {
    const parsed = parseReportPages([
      page([
        'Inspection of Testshire local authority children’s services',
        'Inspection dates: 2 to 13 February 2026',
        'The experiences and progress of children who need help and protection Good',
        'The experiences and progress of care leavers Good',
        'Since the last inspection in 2022, when the local authority was judged to require improvement to be good, leaders have improved services.',
        'What needs to improve?',
        '◼ Planning for care leavers.',
      ]),
    ]);
    assert.deepEqual(parsed.previous, { date: null, overall: 'requires-improvement' });
  });

  it('gives no grade to a column whose grades do not line up with its labels', () => {
    const parsed = parseReportPages([
      page([
        'Inspection of Testshire local authority children’s services',
        'Inspection dates: 2 to 13 February 2026',
        'The impact of leaders on social work practice with children and families',
        'The experiences and progress of children who need help and protection',
        'The experiences and progress of children in care',
        'The experiences and progress of care leavers',
        'Good',
        'Leaders know their services well.',
      ]),
    ]);
    assert.deepEqual(parsed.judgements, []);
    assert.ok(parsed.unreadable.includes('judgements.impact-of-leaders'), parsed.unreadable.join());
  });

  it('reads "require improvement to be good" as the SIF verdict, and the LSCB grade as nobody\'s overall', () => {
    const parsed = parseReportPages([
      page([
        'Testshire',
        'Inspection of services for children in need of help and protection, children looked after and care leavers',
        'and',
        'Review of the effectiveness of the Local Safeguarding Children Board',
        'Inspection date: 9 January 2017 - 2 February 2017',
        'The Local Safeguarding Children Board is outstanding',
        "Children's services in Testshire require improvement to be good",
        '1. Children who need help and protection Inadequate',
        '2. Children looked after and achieving permanence Requires improvement',
        '2.1 Adoption performance Good',
        '2.2 Experiences and progress of care leavers Requires improvement',
        '3. Leadership, management and governance Requires improvement',
      ]),
    ]);
    assert.equal(parsed.kind, 'la-childrens-services');
    assert.equal(parsed.overall, 'requires-improvement');
    assert.equal(parsed.judgements.find((j) => j.key === 'help-and-protection')?.grade, 'inadequate');
    assert.equal(parsed.inspectionStart, '2017-01-09');
    assert.equal(parsed.inspectionEnd, '2017-02-02');
  });

  it('reads an older focused visit letter: "Areas for improvement" bullets, findings after the framework sentence', () => {
    const parsed = parseReportPages([
      page([
        '12 March 2019',
        'Dear Ms Example',
        'Focused visit to Testshire children’s services',
        'This letter summarises the findings of the focused visit to Testshire children’s services on 12 to 13 February 2019. Her Majesty’s Inspectors for this visit were Ann Example and Bob Sample.',
        'This visit was carried out under the inspection of local authority children’s services (ILACS) framework.',
        'Overview',
        'Leaders have made progress in improving the front door since the last inspection. Thresholds are not always applied consistently, which leaves some children at risk of harm.',
        'Areas for improvement',
        '• The consistency of management oversight in the assessment teams.',
        '• The quality of written plans for children in need.',
        'Findings',
        'Referrals are screened promptly.',
        'Yours sincerely',
        'Ann Example',
        'Her Majesty’s Inspector',
      ]),
    ]);
    assert.equal(parsed.kind, 'la-focused-visit');
    assert.equal(parsed.overall, null);
    assert.deepEqual(parsed.judgements, []);
    assert.deepEqual(parsed.inspectors, ['Ann Example', 'Bob Sample']);
    assert.equal(parsed.inspectionStart, '2019-02-12');
    assert.equal(parsed.recommendations.length, 2);
    assert.ok(parsed.keyFindings.some((s) => s.startsWith('Leaders have made progress')), JSON.stringify(parsed.keyFindings));
  });
});

// Every layout of the real corpus, read by the document's own labels (tests/ofsted/reports/real-la-corpus/
// checks all 278 real reports); here, what each rule must and must not do, on the words real reports print.
const grades = (r: ReturnType<typeof parseReportPages>) => Object.fromEntries(r.judgements.map((j) => [j.key, j.grade]));

const ilacs2018 = (opening: string[], table: string[], body: string[] = []) =>
  parseReportPages([
    page([
      ...opening,
      'Inspection dates: 5 November 2018 to 16 November 2018',
      'Lead inspector: Ann Example',
      'Her Majesty’s Inspector',
      'Judgement',
      'Grade',
      ...table,
      'Since the last full inspection in 2014, a range of services have improved for children.',
      'What needs to improve',
      '• The timeliness of assessments.',
      ...body,
    ]),
  ]);

const TABLE_2018 = [
  'The impact of leaders on social work practice with children',
  'and families',
  'Requires improvement',
  'to be good',
  'The experiences and progress of children who need help',
  'and protection',
  'Good',
  'The experiences and progress of children in care and care',
  'leavers',
  'Inadequate',
  'Overall effectiveness',
  'Requires improvement',
  'to be good',
];

describe('local authority reports: every layout, by its own labels', () => {
  it('reads a 2018-2020 ILACS report titled "Inspection of children’s social care services" (once read as other)', () => {
    const parsed = ilacs2018(['Testshire County Council', 'Inspection of children’s social care services'], TABLE_2018);
    assert.equal(parsed.kind, 'la-childrens-services');
    assert.equal(parsed.overall, 'requires-improvement');
    assert.deepEqual(grades(parsed), {
      'impact-of-leaders': 'requires-improvement',
      'help-and-protection': 'good',
      'children-in-care-and-care-leavers': 'inadequate',
      'overall-effectiveness': 'requires-improvement',
    });
    assert.deepEqual(parsed.unreadable, []);
  });

  it('reads a children’s services trust’s report, titled with the trust’s name, by its judgement table', () => {
    const parsed = ilacs2018(['Inspection of Testshire Children and Families Trust'], TABLE_2018);
    assert.equal(parsed.kind, 'la-childrens-services');
    assert.equal(parsed.overall, 'requires-improvement');
  });

  it('keeps the first page’s title when later pages repeat it as their running header', () => {
    const title = 'Inspection of Testshire local authority children’s services';
    const parsed = parseReportPages([
      page([title, 'Inspection dates: 13 to 17 June 2022', 'Lead inspector: Ann Example, His Majesty’s Inspector', ...TABLE_2018, 'Children are safe.']),
      page([title, 'What needs to improve', '• Planning.', '2']),
      page([title, 'The experiences and progress of children who need help and protection: good', 'Text.', '3']),
    ]);
    assert.equal(parsed.kind, 'la-childrens-services');
    assert.equal(parsed.overall, 'requires-improvement');
  });

  it('never reads an ILACS report as a SIF one because its summary recalls a SIF verdict (Kirklees, August 2024)', () => {
    const parsed = parseReportPages([
      page([
        'Inspection of Testshire local authority',
        'children’s services',
        'Inspection dates: 8 to 19 July 2024',
        'Lead inspector: Ann Example, His Majesty’s Inspector',
        'Judgement',
        'Grade',
        'The impact of leaders on social work',
        'practice with children and families',
        'Good',
        'The experiences and progress of',
        'children who need help and protection',
        'Good',
        'The experiences and progress of',
        'children in care',
        'Good',
        'The experiences and progress of care',
        'leavers',
        'Requires improvement to be good',
        'Overall effectiveness',
        'Good',
        'Since the previous inspection in 2019 when children’s services in Testshire were',
        'judged to require improvement to be good, services have improved.',
      ]),
    ]);
    assert.equal(parsed.overall, 'good');
    assert.deepEqual(grades(parsed), {
      'impact-of-leaders': 'good',
      'help-and-protection': 'good',
      'children-in-care': 'good',
      'care-leavers': 'requires-improvement',
      'overall-effectiveness': 'good',
    });
  });

  it('leaves a judgement unreadable when its table row and its section heading disagree', () => {
    const parsed = ilacs2018(['Inspection of children’s social care services'], TABLE_2018, [
      'The experiences and progress of children who need help and',
      'protection: requires improvement to be good',
      '1. Early help is effective.',
    ]);
    assert.equal(grades(parsed)['help-and-protection'], undefined);
    assert.ok(parsed.unreadable.includes('judgements.help-and-protection'), parsed.unreadable.join());
    assert.equal(parsed.overall, 'requires-improvement');
  });

  it('takes a judgement from its section heading when the table’s label is misprinted', () => {
    const table = TABLE_2018.map((l) => l.replace('children in care and care', 'children care and'));
    const parsed = ilacs2018(['Inspection of children’s social care services'], table, [
      'The experiences and progress of children in care and care leavers: inadequate',
      '10. Decisions are timely.',
    ]);
    assert.equal(grades(parsed)['children-in-care-and-care-leavers'], 'inadequate');
  });

  it('reads no grade from a previous inspection: a list of its judgements, or a sentence about it', () => {
    const parsed = parseReportPages([
      page([
        'Testshire',
        'Re-inspection of services for children in need of help and protection, children looked after and care leavers',
        'Inspection date: 6 November - 30 November 2017',
        "Children's services in Testshire are good",
        '1. Children who need help and protection',
        'Good',
        '2. Children looked after and achieving permanence',
        'Requires improvement',
        '2.1 Adoption performance',
        'Good',
        '2.2 Experiences and progress of care leavers',
        'Outstanding',
        '3. Leadership, management and governance',
        'Good',
        'Previous Ofsted inspections',
        'The last inspection report for the local authority’s children’s services was published in November 2014. The judgements for the local authority were:',
        '- Overall effectiveness: inadequate',
        '- Children who need help and protection: inadequate',
        '- Leadership, management and governance: inadequate.',
        'Local leadership',
        'At the last inspection, adoption performance was judged inadequate.',
      ]),
    ]);
    assert.equal(parsed.overall, 'good');
    assert.deepEqual(grades(parsed), {
      'overall-effectiveness': 'good',
      'help-and-protection': 'good',
      'looked-after-and-permanence': 'requires-improvement',
      'adoption-performance': 'good',
      'care-leavers': 'outstanding',
      'leadership-management-governance': 'good',
    });
  });

  it('reads a 2013-2014 SIF verdict "The overall judgement is …" and leaves it unreadable when the summary disagrees', () => {
    const sif = (summary: string) =>
      parseReportPages([
        page([
          'Testshire Council',
          'Inspection of services for children in need of help and protection, children looked after and care leavers',
          'Inspection date: 14 January - 5 February 2014',
          'The overall judgement is requires improvement',
          '1. Children who need help and protection Requires improvement',
          summary,
        ]),
      ]);
    assert.equal(sif("Children's Services in Testshire require improvement because:").overall, 'requires-improvement');
    const split = sif("Children's services in Testshire are good");
    assert.equal(split.overall, null);
    assert.ok(split.unreadable.includes('overall'), split.unreadable.join());
  });

  it('reads a 2012-2013 looked after children inspection: "Inadequate Grade 4" and "Grade 3 (Adequate)"', () => {
    const parsed = parseReportPages([
      page([
        'Inspection of looked after children',
        'services',
        'Testshire Council',
        'Inspection dates:',
        '15-19 July 2013',
        'Reporting inspector Ann Example HMI',
        'Overall effectiveness of services for looked',
        'after children and young people',
        'Grade 4 (Inadequate)',
        '8. The judgement for overall effectiveness is inadequate.',
        'Capacity to improve',
        'Grade 3 (Adequate)',
        'Record of main findings',
        'Overall effectiveness',
        'Inadequate Grade 4',
        'Capacity to improve',
        'Adequate Grade 3',
      ]),
    ]);
    assert.equal(parsed.kind, 'la-childrens-services');
    assert.equal(parsed.overall, 'inadequate');
    assert.deepEqual(grades(parsed), { 'overall-effectiveness': 'inadequate', 'capacity-to-improve': 'adequate' });
    assert.deepEqual(parsed.inspectors, ['Ann Example']);
    assert.equal(parsed.inspectionEnd, '2013-07-19');
  });

  it('reads a review of the safeguarding board alone as other: it grades the board, not the council', () => {
    const parsed = parseReportPages([
      page([
        'Testshire Safeguarding Children Board',
        'Review of the effectiveness of the Local Safeguarding Children Board',
        'Inspection date: 15 June 2015 - 17 June 2015',
        'The Local Safeguarding Children Board requires improvement',
        'Ofsted',
      ]),
    ]);
    assert.equal(parsed.kind, 'other');
    assert.equal(parsed.overall, null);
  });

  it('reads an inspection held in two parts as running from the first day of one to the last of the other', () => {
    const parsed = ilacs2018(['Inspection of children’s social care services'], TABLE_2018).inspectionStart;
    assert.equal(parsed, '2018-11-05');
    const twoParts = parseReportPages([
      page(['Inspection of Testshire local authority children’s services', 'Inspection dates: 5 to 9 December 2022 and 14 to 15 February 2023', ...TABLE_2018]),
    ]);
    assert.deepEqual([twoParts.inspectionStart, twoParts.inspectionEnd], ['2022-12-05', '2023-02-15']);
    const boxDash = parseReportPages([page(['Inspection of Testshire local authority children’s services', 'Inspection date: 20 June 2017 \u2500 13 July 2017', ...TABLE_2018])]);
    assert.deepEqual([boxDash.inspectionStart, boxDash.inspectionEnd], ['2017-06-20', '2017-07-13']);
  });

  it('reads no grade from prose that merely starts with a grade word after a label', () => {
    const table = TABLE_2018.slice(0, -3);
    const parsed = ilacs2018(['Inspection of children’s social care services'], [...table, 'Overall effectiveness', 'Good progress has been made in most areas.']);
    assert.equal(parsed.overall, null);
    assert.ok(parsed.unreadable.includes('overall'));
  });
});
