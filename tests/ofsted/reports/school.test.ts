import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReportPages } from '../../../src/ofsted/reports/parse-report.js';
import { buildReportText } from '../../../src/ofsted/reports/report-text.js';
import { detectSchoolFramework } from '../../../src/ofsted/reports/school.js';
import { loadLabels } from '../../helpers/labelled-corpus.js';

// Specific layouts and wording of school reports. Every labelled field of the school corpus is checked, with both
// extractors, by corpus-accuracy.test.ts; here, that the corpus covers every format.

describe('the labelled school corpus', () => {
  it('labels at least three samples of each format, from both producers', () => {
    const labels = loadLabels('school');
    const format = (file: string) => /^(eif2024|eif|card)-/.exec(file)?.[1] ?? 'real';
    for (const f of ['eif', 'eif2024', 'card']) assert.ok(labels.filter((l) => format(l.file) === f).length >= 3, f);
    for (const p of ['libreoffice', 'pdfkit', 'real']) assert.ok(labels.some((l) => l.producer === p), p);
  });
});

const page = (lines: string[]) => lines.join('\n');

describe('school reports: layouts and wording', () => {
  it('pairs an EIF table extracted column by column, the previous grade included', () => {
    const parsed = parseReportPages([
      page([
        'Inspection of Example Primary School',
        'Example Road, Exampleton EX1 1EX',
        'Inspection dates: 12 and 13 March 2024',
        'Overall effectiveness',
        'The quality of education',
        'Behaviour and attitudes',
        'Personal development',
        'Leadership and management',
        'Early years provision',
        'Previous inspection grade',
        'Good',
        'Requires improvement',
        'Good',
        'Outstanding',
        'Good',
        'Inadequate',
        'Requires improvement',
        'What is it like to attend this school?',
        'Pupils are proud of their school.',
      ]),
    ]);
    assert.equal(parsed.overall, 'good');
    assert.deepEqual(Object.fromEntries(parsed.judgements.map((j) => [j.key, j.grade])), {
      'overall-effectiveness': 'good',
      'quality-of-education': 'requires-improvement',
      'behaviour-and-attitudes': 'good',
      'personal-development': 'outstanding',
      'leadership-and-management': 'good',
      'early-years': 'inadequate',
    });
    assert.deepEqual(parsed.previous, { date: null, overall: 'requires-improvement' });
    assert.deepEqual(parsed.keyFindings, ['Pupils are proud of their school.']);
  });

  it('reads a report card table column by column, with safeguarding "Not met" as its last row', () => {
    const parsed = parseReportPages([
      page([
        'Example Academy',
        'Report card',
        'Inspection dates: 3 and 4 February 2026',
        'Inclusion',
        'Curriculum and teaching',
        'Achievement',
        'Attendance and behaviour',
        'Personal development and well-being',
        'Leadership and governance',
        'Safeguarding',
        'Needs attention',
        'Expected standard',
        'Urgent',
        'improvement',
        'Strong standard',
        'Exceptional',
        'Needs attention',
        'Not met',
      ]),
    ]);
    assert.equal(parsed.kind, 'school');
    assert.equal(parsed.overall, null);
    assert.equal(parsed.safeguarding, 'not-met');
    assert.deepEqual(Object.fromEntries(parsed.judgements.map((j) => [j.key, j.grade])), {
      inclusion: 'needs-attention',
      'curriculum-and-teaching': 'expected-standard',
      achievement: 'urgent-improvement',
      'attendance-and-behaviour': 'strong-standard',
      'personal-development-and-well-being': 'exceptional',
      'leadership-and-governance': 'needs-attention',
    });
  });

  const safeguarding: [string, 'met' | 'not-met' | null][] = [
    ['Safeguarding: Met', 'met'],
    ['Safeguarding standards - not met', 'not-met'],
    ['The arrangements for safeguarding are effective.', 'met'],
    ['The arrangements for safeguarding are not effective.', 'not-met'],
    ['Safeguarding is ineffective. Pupils are not taught how to keep safe.', 'not-met'],
    ['Leaders have not ensured that safeguarding standards are met.', null],
  ];
  for (const [sentence, want] of safeguarding) {
    it(`reads safeguarding ${JSON.stringify(want)} from "${sentence}"`, () => {
      const parsed = parseReportPages([
        page(['Inspection of Example School', 'Inspection dates: 5 and 6 March 2019', 'The quality of education Good', 'Behaviour and attitudes Good', 'Safeguarding', sentence]),
      ]);
      assert.equal(parsed.safeguarding, want);
    });
  }

  it('does not take "next steps" in a sentence for the "Next steps" heading', () => {
    const parsed = parseReportPages([
      page([
        'Example Academy',
        'Report card',
        'Inclusion Expected standard',
        'Curriculum and teaching Expected standard',
        'Attendance and behaviour Expected standard',
        'Students receive helpful guidance about their next steps. Careers advice is strong.',
        'Next steps',
        '• The school should make sure that pupils read widely and often.',
        'School details',
      ]),
    ]);
    assert.deepEqual(parsed.recommendations, ['The school should make sure that pupils read widely and often.']);
  });

  it('keeps "It is not good because" out of a CIF summary verdict', () => {
    const parsed = parseReportPages([
      page([
        'School report',
        'Example Junior School',
        'Inspection dates 3–4 March 2015',
        'Overall effectiveness Requires improvement',
        'Effectiveness of leadership and management Requires improvement',
        'Quality of teaching, learning and assessment Requires improvement',
        'Summary of key findings for parents and pupils',
        'This is a school that requires improvement. It is not good because',
        '\uF06E Teaching is not yet consistently good. Work is too easy for the most able.',
        'Full report',
      ]),
    ]);
    assert.deepEqual(parsed.keyFindings, ['This is a school that requires improvement.', 'Teaching is not yet consistently good.']);
  });

  it('reads a 2012-framework report: "This inspection" is the overall grade, "Previous inspection" the previous one', () => {
    const parsed = parseReportPages([
      page([
        'School report',
        'Example Primary School',
        'Example Lane, Exampleton, EX1 1EX',
        'Inspection dates 03-04 March 2015',
        'Overall effectiveness Previous inspection: Good 2',
        'This inspection: Requires improvement 3',
        'Leadership and management Requires improvement 3',
        'Behaviour and safety of pupils Good 2',
        'Quality of teaching Requires improvement 3',
        'Achievement of pupils Requires improvement 3',
        'Early years provision Good 2',
        'Summary of key findings for parents and pupils',
        'This is a school that requires improvement. It is not good because',
        '\uF06E Teaching is not yet good. Marking is inconsistent.',
        'Full report',
        'The school’s arrangements for safeguarding pupils meet statutory requirements.',
        'Date of previous school inspection 25 June 2012',
      ]),
    ]);
    assert.equal(parsed.kind, 'school');
    assert.equal(parsed.overall, 'requires-improvement');
    assert.deepEqual(parsed.previous, { date: '2012-06-25', overall: 'good' });
    assert.equal(parsed.inspectionStart, '2015-03-03');
    assert.equal(parsed.safeguarding, 'met');
    assert.deepEqual(Object.fromEntries(parsed.judgements.map((j) => [j.key, j.grade])), {
      'overall-effectiveness': 'requires-improvement',
      'achievement-of-pupils': 'requires-improvement',
      'quality-of-teaching': 'requires-improvement',
      'behaviour-and-safety': 'good',
      'leadership-and-management': 'requires-improvement',
      'early-years': 'good',
    });
  });

  it('reads an ungraded inspection (no judgement table) as a school report with no grade', () => {
    const parsed = parseReportPages([
      page([
        'Inspection of Example Church of England Primary School',
        'Inspection dates: 7 and 8 November 2023',
        'Outcome',
        'Example Church of England Primary School continues to be a good school.',
        'What is it like to attend this school?',
        'Pupils enjoy school and feel safe.',
        'Safeguarding',
        'The arrangements for safeguarding are effective.',
      ]),
    ]);
    assert.equal(parsed.kind, 'school');
    assert.equal(parsed.overall, null);
    assert.deepEqual(parsed.judgements, []);
    assert.equal(parsed.safeguarding, 'met');
  });

  it('leaves a judgement unreadable when the table and a later heading grade it differently', () => {
    const parsed = parseReportPages([
      page([
        'Inspection of Example Primary School',
        'Inspection dates: 12 and 13 March 2024',
        'Overall effectiveness Good',
        'The quality of education Good',
        'Behaviour and attitudes Good',
        'Personal development Good',
        'Leadership and management Good',
        'Previous inspection grade Good',
        'What is it like to attend this school?',
        'Pupils enjoy school.',
        'The quality of education: requires improvement',
        'Reading is taught well.',
      ]),
    ]);
    assert.equal(parsed.overall, 'good');
    assert.equal(parsed.judgements.find((j) => j.key === 'quality-of-education'), undefined);
    assert.ok(parsed.unreadable.includes('judgements.quality-of-education'), parsed.unreadable.join());
  });

  it('tells the frameworks apart by their labels', () => {
    const framework = (lines: string[]) => detectSchoolFramework(buildReportText([page(lines)]));
    assert.equal(framework(['Overall effectiveness Good', 'Outcomes for pupils Good', 'Quality of teaching, learning and assessment Good']), 'cif');
    assert.equal(framework(['The quality of education Good', 'Behaviour and attitudes Good']), 'eif');
    assert.equal(framework(['Curriculum and teaching Strong standard', 'Leadership and governance Expected standard']), 'report-card');
    assert.equal(framework(['Overall effectiveness Good']), 'unknown');
  });

  it('keeps a URN printed on its own line at the top of a page', () => {
    const body = (n: number) => ['Some text of the report.', 'More text.', 'Even more text.', 'And more.', 'Inspection report: Example School', String(n)];
    const parsed = parseReportPages([
      page(['Inspection of Example School', 'Inspection dates: 5 and 6 March 2019', 'The quality of education', 'Good', ...body(1)]),
      page(['Some other page.', ...body(2)]),
      page(['School details', 'Unique reference number', '123456', 'Local authority', 'Kent', ...body(3)]),
    ]);
    assert.equal(parsed.urn, '123456');
  });
});
