import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReportPages } from '../../../src/ofsted/reports/parse-report.js';
import type { ParsedReport } from '../../../src/ofsted/types.js';

// Visit reports print the inspector's name and title straight after the requirements table, with no
// heading in between: the last requirement must end where the sign-off starts, and only there.

const REQUIREMENT_1 = [
  'The registered person must ensure that a record of each use of restraint is made within 24 hours',
  'and that it is reviewed by a manager. (Regulation 20 (1)(a)(b))',
  '26/03/2020',
];

/** A monitoring visit whose last requirement's lines are `last`, followed by `after`. */
function visit(last: string[], after: string[]): ParsedReport {
  const pages = [
    [
      'Monitoring visit',
      'Unique reference number: SC488596',
      'Date of inspection: 20 February 2020',
      'Registered provider: Derby City Council',
      'Registered manager: Laura Brookes',
      'Findings',
      'Records of physical interventions are incomplete, and managers have not reviewed them.',
      'Statutory requirements',
      'This section sets out the actions that the registered person(s) must take. The registered',
      'person(s) must comply within the given timescales.',
      'Requirement Due date',
      ...REQUIREMENT_1,
      ...last,
      ...after,
    ],
    ["The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates and inspects.", '© Crown copyright 2020'],
  ];
  return parseReportPages(pages.map((lines) => lines.join('\n')));
}

const LAST = [
  'The registered person must ensure that full employment histories are obtained before a person',
  'starts work. (Regulation 32 (1)(3)(a); Schedule 2)',
  '02/04/2020',
];
const LAST_TEXT = 'The registered person must ensure that full employment histories are obtained before a person starts work.';

describe("the inspector's sign-off ends a visit report's requirements", () => {
  const signOffs: [string, string[]][] = [
    ['"Inspector" alone, then name and title', ['Inspector', 'Lindsey Davies, Social Care Inspector']],
    ['name and title without a comma', ['Jane Smith Social Care Inspector']],
    ['"Inspector: name"', ['Inspector: Jane Smith']],
    ['name, then the title alone', ['Jane Smith', 'Social Care Regulatory Inspector']],
    ['"Inspectors" heading with two names', ['Inspectors', 'Jane Smith, Senior Social Care Inspector', 'John Brown, Social Care Inspector']],
  ];
  for (const [name, lines] of signOffs) {
    it(`stops before the sign-off: ${name}`, () => {
      const r = visit(LAST, lines);
      assert.equal(r.requirements.length, 2);
      assert.equal(r.requirements[1]!.text, LAST_TEXT);
      assert.equal(r.requirements[1]!.dueDate, '2020-04-02');
      assert.ok(r.inspectors.length > 0, 'the sign-off is still read as the inspectors');
    });
  }

  it('keeps requirement text that only mentions an inspector (near misses)', () => {
    const mentions = [
      'The registered person must tell the inspector of any serious incident, and share',
      'with the Social Care Inspector the review of it. (Regulation 40 (4)(a))',
      '02/04/2020',
    ];
    const r = visit(mentions, ['Inspector', 'Jane Smith, Social Care Inspector']);
    assert.equal(
      r.requirements[1]!.text,
      'The registered person must tell the inspector of any serious incident, and share with the Social Care Inspector the review of it.',
    );
  });

  it('does not end at a wrapped line that starts with "Inspector" but is a sentence', () => {
    const wrapped = [
      'The registered person must send each notification to the',
      'Inspector',
      'within 24 hours, as the regulations require. (Regulation 40 (4)(a))',
      '02/04/2020',
    ];
    const r = visit(wrapped, []);
    assert.equal(r.requirements[1]!.text, 'The registered person must send each notification to the Inspector within 24 hours, as the regulations require.');
  });
});
