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
