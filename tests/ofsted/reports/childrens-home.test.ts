import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReportPages } from '../../../src/ofsted/reports/parse-report.js';
import type { ParsedReport } from '../../../src/ofsted/types.js';
import { loadLabels } from '../../helpers/labelled-corpus.js';

// Layouts and wording of children's-home reports, secure children's homes and residential special schools:
// plain text in, ParsedReport out. Every labelled field of the generated corpus is checked with both text
// extractors by corpus-accuracy.test.ts; here, each layout's rules and the near misses that must yield nothing.

/** Pages of plain text; a report has several, so that no line is taken for a running header by accident. */
function parse(...pages: string[][]): ParsedReport {
  const closing = ['The Office for Standards in Education, Children\'s Services and Skills (Ofsted) regulates and inspects.', '© Crown copyright 2016'];
  return parseReportPages([...pages, closing].map((lines) => lines.join('\n')));
}

const grades = (r: ParsedReport) => Object.fromEntries(r.judgements.map((j) => [j.key, j.grade]));

const NARRATIVE = [
  'Children make good progress in their education, health and emotional well-being while living at this home.',
  'Staff spend time with children individually and plan activities that reflect their interests.',
];

/** The 2015-2017 layout of REAL-EVIDENCE.md §3, with its "This inspection" sentences replaceable. */
function report2016(thisInspection: string[], fullReport: string[] = []): string[][] {
  return [
    [
      "Children's homes inspection – Full",
      'Inspection date 02/08/2016',
      'Unique reference number SC456477',
      'Type of inspection Full',
      "Provision subtype Children's home",
      'Registered provider Cambian Childcare Limited',
      'Registered provider address Suite 5, 24 Station Road, North Yorkshire',
      'Responsible individual Hannah Ellison',
      'Registered manager Graham Holroyd',
      'Inspector Victor Dlamini',
    ],
    [
      'Inspection date 02/08/2016',
      'Previous inspection judgement Inadequate',
      'Enforcement action since last inspection',
      'None',
      'This inspection',
      ...thisInspection,
      'Summary of findings',
      "The children's home provision is good because:",
      ...NARRATIVE,
    ],
    [
      'Full report',
      "Information about this children's home",
      'The home is privately owned. It is registered to provide care for up to four children.',
      'Recent inspection history',
      'Inspection date Inspection type Inspection judgement',
      '12/01/2016 Full Inadequate',
      '14/07/2015 Interim Sustained effectiveness',
      '03/02/2015 Full Good',
      ...fullReport,
    ],
  ];
}

const THIS_INSPECTION_GOOD = [
  'The overall experiences and progress of children and young people living in the home are',
  'Good',
  "The children's home provides effective services that meet the requirements for good.",
  'How well children and young people are helped and protected',
  'Good',
  'The impact and effectiveness of leaders and managers',
  'Good',
];

describe("children's homes, 2015-2017: labels without colons, judgements as sentences", () => {
  it('reads the report of REAL-EVIDENCE §3: grades after their sentences, on the next line', () => {
    const r = parse(...report2016(THIS_INSPECTION_GOOD));
    assert.equal(r.kind, 'childrens-home-full');
    assert.equal(r.urn, 'SC456477');
    assert.equal(r.inspectionStart, '2016-08-02');
    assert.equal(r.inspectionEnd, '2016-08-02');
    assert.equal(r.overall, 'good');
    assert.deepEqual(grades(r), { 'experiences-and-progress': 'good', 'help-and-protection': 'good', 'leadership-and-management': 'good' });
    // The date of the previous inspection is only in the recent inspection history.
    assert.deepEqual(r.previous, { date: '2016-01-12', overall: 'inadequate' });
    assert.equal(r.enforcementSinceLast, 'none');
    assert.equal(r.registeredProvider, 'Cambian Childcare Limited');
    assert.equal(r.registeredManager, 'Graham Holroyd');
    assert.deepEqual(r.inspectors, ['Victor Dlamini']);
    assert.deepEqual(r.unreadable, []);
  });

  it('reads the grade on the same line as its sentence, and a grade row opening each section', () => {
    const r = parse(
      ...report2016(
        [
          'The overall experiences and progress of children and young people living in the home are Requires improvement to be good',
          'How well children and young people are helped and protected Requires improvement to be good',
          'The impact and effectiveness of leaders and managers Inadequate',
        ],
        [
          'Inspection judgements',
          'Judgement grade',
          'The overall experiences and progress of children and young people Requires improvement to be good',
          ...NARRATIVE,
          'The impact and effectiveness of leaders and managers Inadequate',
          'Leaders and managers have failed to recognise the serious shortfalls in the care of children.',
        ],
      ),
    );
    assert.equal(r.overall, 'requires-improvement');
    assert.deepEqual(grades(r), {
      'experiences-and-progress': 'requires-improvement',
      'help-and-protection': 'requires-improvement',
      'leadership-and-management': 'inadequate',
    });
  });

  it('takes no grade from a sentence that goes on past it, is negated, or is about an earlier inspection', () => {
    const r = parse(
      ...report2016([
        'The overall experiences and progress of children and young people living in the home are not yet good.',
        'How well children and young people are helped and protected is good at times, but not consistently.',
        'At the last inspection, the effectiveness of leaders and managers was judged inadequate.',
      ]),
    );
    assert.equal(r.overall, null);
    assert.deepEqual(r.judgements, []);
    for (const f of ['overall', 'judgements.experiences-and-progress', 'judgements.help-and-protection', 'judgements.leadership-and-management']) {
      assert.ok(r.unreadable.includes(f), f);
    }
  });

  it('reads no report-card word as a grade, nor a sentence that qualifies its grade', () => {
    const r = parse(
      ...report2016([
        'The overall experiences and progress of children and young people living in the home are exceptional.',
        'How well children and young people are helped and protected is good, but not in every case.',
        'The impact and effectiveness of leaders and managers',
        'Good',
      ]),
    );
    assert.deepEqual(grades(r), { 'leadership-and-management': 'good' });
  });

  it('reads no grade when the sentence and the section row disagree, and says so', () => {
    const r = parse(
      ...report2016(THIS_INSPECTION_GOOD, [
        'Inspection judgements',
        'The overall experiences and progress of children and young people Requires improvement to be good',
        ...NARRATIVE,
      ]),
    );
    assert.equal(r.overall, null);
    assert.equal(grades(r)['experiences-and-progress'], undefined);
    assert.equal(grades(r)['help-and-protection'], 'good');
    assert.ok(r.unreadable.includes('overall'));
    assert.ok(r.unreadable.includes('judgements.experiences-and-progress'));
  });

  it('ignores a grade the sentence states of the previous inspection, in the past tense', () => {
    const r = parse(
      ...report2016([
        ...THIS_INSPECTION_GOOD,
        'The effectiveness of leaders and managers was judged inadequate.',
      ]),
    );
    assert.equal(grades(r)['leadership-and-management'], 'good');
  });

  it('takes the previous date from the history only when its grade is the previous judgement', () => {
    const pages = report2016(THIS_INSPECTION_GOOD);
    pages[2] = pages[2]!.map((l) => (l === '12/01/2016 Full Inadequate' ? '12/01/2016 Full Good' : l));
    assert.deepEqual(parse(...pages).previous, { date: null, overall: 'inadequate' });
  });
});

describe('judgement tables whose text extraction splices the grade into a wrapped label', () => {
  const secure = (rows: string[]) =>
    parse(
      ['SC022448', 'Registered provider: Nugent Care', 'Full inspection', 'Inspected under the social care common inspection framework', 'Inspection dates: 20 to 22 November 2018', ...rows],
      ['Inspection judgements', ...NARRATIVE, 'Inspector', 'Jane Smith, Social Care Inspector'],
    );

  it('reads the grade that stands inside its own label (REAL-EVIDENCE §3)', () => {
    const r = secure([
      'Overall experiences and progress of Inadequate children and young people, including judgements on:',
      'Outcomes in education and related Requires improvement to be good learning activities',
      'How well children and young people Inadequate are helped and protected',
      'The effectiveness of leaders and Inadequate managers',
    ]);
    assert.equal(r.overall, 'inadequate');
    assert.deepEqual(grades(r), { 'experiences-and-progress': 'inadequate', 'help-and-protection': 'inadequate', 'leadership-and-management': 'inadequate' });
    assert.deepEqual(r.unreadable, []);
  });

  it('reads a two-line grade whose first line is spliced and whose rest follows the label', () => {
    const r = secure([
      'Overall experiences and progress Requires improvement of children and young people, to be good including judgements on:',
      'Outcomes in education and Good related learning activities',
      'How well children and young Requires improvement people are helped and protected to be good',
      'The effectiveness of leaders and Inadequate managers',
    ]);
    assert.deepEqual(grades(r), {
      'experiences-and-progress': 'requires-improvement',
      'help-and-protection': 'requires-improvement',
      'leadership-and-management': 'inadequate',
    });
  });

  it('never lends a sub-judgement its neighbour\'s grade', () => {
    const r = secure([
      'Overall experiences and progress of children and young people, including judgements on: Good',
      'Outcomes in education and related learning activities Inadequate',
      'How well children and young people are helped and protected Good',
      'The effectiveness of leaders and managers Good',
    ]);
    assert.equal(r.overall, 'good');
    assert.equal(r.judgements.length, 3);
  });

  it('takes nothing from a label with two grades inside it', () => {
    const r = secure([
      'Overall experiences Good and progress of Inadequate children and young people',
      'How well children and young people are helped and protected Good',
      'The effectiveness of leaders and managers Good',
    ]);
    assert.equal(r.overall, null);
    assert.ok(r.unreadable.includes('overall'));
  });
});

describe('judgement tables extracted column by column', () => {
  const table = (rows: string[]) =>
    parse(['SC036243', 'Registered provider: Derby City Council', 'Full inspection', 'Inspection dates: 29 to 30 October 2019', ...rows], ['Inspector: Jane Smith']);

  it('pairs a column of labels with a column of exactly as many grades', () => {
    const r = table([
      'Overall experiences and progress of children and young people, taking into account',
      'How well children and young people are helped and protected',
      'The effectiveness of leaders and managers',
      'Inadequate',
      'Requires improvement to be good',
      'Good',
      'The children\'s home is not delivering good help and care for children and young people.',
    ]);
    assert.deepEqual(grades(r), { 'experiences-and-progress': 'inadequate', 'help-and-protection': 'requires-improvement', 'leadership-and-management': 'good' });
  });

  it('pairs 2015-2017 sentences extracted before their grades', () => {
    const r = parse(
      ...report2016([
        'The overall experiences and progress of children and young people living in the home are',
        'How well children and young people are helped and protected',
        'The impact and effectiveness of leaders and managers',
        'Good',
        'Requires improvement to be good',
        'Inadequate',
      ]),
    );
    assert.deepEqual(grades(r), { 'experiences-and-progress': 'good', 'help-and-protection': 'requires-improvement', 'leadership-and-management': 'inadequate' });
  });

  it('pairs nothing when the grades outnumber the labels (a row it does not know), and never gives the last label the first grade', () => {
    const r = table([
      'Overall experiences and progress of children and young people',
      'How well children and young people are helped and protected',
      'The effectiveness of leaders and managers',
      'Inadequate',
      'Requires improvement to be good',
      'Good',
      'Good',
    ]);
    assert.deepEqual(r.judgements, []);
    assert.ok(r.unreadable.includes('overall'));
  });
});

describe('grades printed with their number', () => {
  const rows = (lines: string[]) =>
    parse(
      ['Royal School for the Deaf Derby', 'Inspection report for residential special school', 'Unique reference number SC002015', 'Inspection date 24/06/2015', 'Inspector Jane Smith', 'Type of inspection Full', 'Provision subtype Residential special school', 'This inspection:', ...lines],
      ['Inspection judgements', ...NARRATIVE],
    );

  it('reads "Outstanding 1", "Good 2", "Requires improvement to be good 3", "Inadequate 4"', () => {
    const r = rows([
      'Overall experiences and progress of children and young people Good 2',
      'The quality of care and support Outstanding 1',
      'How well children and young people are protected Requires improvement to be good 3',
      'The impact and effectiveness of leaders and managers Inadequate 4',
    ]);
    assert.deepEqual(grades(r), {
      'experiences-and-progress': 'good',
      'quality-of-care-and-support': 'outstanding',
      'help-and-protection': 'requires-improvement',
      'leadership-and-management': 'inadequate',
    });
  });

  it('reads nothing from a grade whose number contradicts it ("Good 3")', () => {
    const r = rows([
      'Overall experiences and progress of children and young people Good 3',
      'The quality of care and support Good 2',
      'How well children and young people are protected Good 2',
      'The impact and effectiveness of leaders and managers Good 2',
    ]);
    assert.equal(r.overall, null);
    assert.ok(r.unreadable.includes('judgements.experiences-and-progress'));
    assert.equal(grades(r)['quality-of-care-and-support'], 'good');
  });

  it('reads a pre-2015 table with numbers on the older scale ("Adequate 3")', () => {
    const r = parse(
      ["Children's homes inspection - Full", 'Inspection date 26/03/2015', 'Unique reference number SC466378', 'Type of inspection Full', "Provision subtype Children's home", 'Inspector Jane Smith'],
      ['This inspection:', 'Overall effectiveness Adequate 3', 'Outcomes for children and young people Good 2', 'Quality of care Good 2', 'Keeping children and young people safe Adequate 3', 'Leadership and management Adequate 3'],
    );
    assert.equal(r.overall, 'adequate');
    assert.deepEqual(grades(r), {
      'overall-effectiveness': 'adequate',
      outcomes: 'good',
      'quality-of-care': 'good',
      safeguarding: 'adequate',
      'leadership-and-management': 'adequate',
    });
  });
});

describe('secure children\'s homes and residential special schools', () => {
  it('reads a residential special school\'s four 2015-2017 judgements as a full inspection, with no registered provider', () => {
    const r = parse(
      [
        "St. Andrew's School",
        'Inspection report for residential special school',
        'Unique reference number SC053344',
        'Inspection date 30/06/2016',
        'Inspector Jane Smith',
        'Type of inspection Full',
        'Provision subtype Residential special school',
        'Date of last inspection 11/06/2015',
        'Previous inspection judgement Good',
      ],
      [
        'This inspection:',
        'Overall experiences and progress of children and young people Good',
        'The quality of care and support Outstanding',
        'How well children and young people are protected Good',
        'The impact and effectiveness of leaders and managers Good',
        'Summary of key findings',
        ...NARRATIVE,
      ],
    );
    assert.equal(r.kind, 'childrens-home-full');
    assert.equal(r.overall, 'good');
    assert.equal(grades(r)['quality-of-care-and-support'], 'outstanding');
    assert.equal(grades(r)['quality-of-care'], undefined);
    assert.deepEqual(r.previous, { date: '2015-06-11', overall: 'good' });
    assert.equal(r.registeredProvider, null);
    assert.deepEqual(r.unreadable, []);
  });

  it('reads a secure children\'s home titled by its setting, with a 7-digit URN', () => {
    const r = parse(
      ["Secure children's homes inspection - Full", 'Inspection date 11/02/2025', 'Unique reference number 2801375', 'Type of inspection Full', "Provision subtype Secure children's home", 'Inspector Jane Smith'],
      [...THIS_INSPECTION_GOOD],
    );
    assert.equal(r.kind, 'childrens-home-full');
    assert.equal(r.urn, '2801375');
    assert.equal(r.overall, 'good');
  });
});

describe('7-digit URNs', () => {
  it('reads a 7-digit URN after its label, or standing alone atop the report', () => {
    const body = ['Full inspection', 'Inspection dates: 5 to 6 November 2024', 'Overall experiences and progress of children and young people: good', 'Inspector: Jane Smith'];
    assert.equal(parse(['Unique reference number: 2827996', ...body]).urn, '2827996');
    assert.equal(parse(['2766766', 'Registered provider: Oaktree Childcare Ltd', ...body]).urn, '2766766');
    assert.equal(parse(['URN: 2827996', ...body]).urn, '2827996');
    assert.equal(parse([...body, 'Inspection report for residential special school: 2827996']).urn, '2827996');
  });
});

describe("the labelled children's-home corpus", () => {
  it('has every layout of this file drawn by both producers', () => {
    const labels = loadLabels('childrens-home');
    const layouts = ['full-2015-', 'full-2016-', 'full-2017-', 'secure', 'rss-', 'numbered'];
    for (const l of layouts) {
      for (const producer of ['libreoffice', 'pdfkit']) {
        assert.ok(labels.some((x) => x.file.includes(l) && x.producer === producer), `${l} by ${producer}`);
      }
    }
    assert.ok(labels.some((x) => (x.expected.judgements as Record<string, string>)['quality-of-care-and-support']));
    assert.ok(labels.some((x) => /^\d{7}$/.test(String(x.expected.urn)) && /secure|2017/.test(x.file)));
  });
});
