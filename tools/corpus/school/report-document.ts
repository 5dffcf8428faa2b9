import type { AreaGrade, GradeWord, SchoolSample } from './types.js';

// What a school report says, in order, independent of the program that lays it out (LibreOffice or pdfkit).
// The wording follows the published report templates of each format; the prose is written for these samples.

export type Block =
  | { type: 'title'; text: string }
  | { type: 'subtitle'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string; italic?: boolean }
  | { type: 'list'; items: string[]; style: 'bullets' | 'numbered' }
  | { type: 'table'; rows: [string, string][]; labelShare: number; header?: [string, string]; boldLabels?: boolean }
  | { type: 'pairs'; rows: [string, string][] }
  | { type: 'page-break' };

export interface ReportDocument {
  title: string;
  /** Running footer: first line is the report's name, second its dates; a page number follows. */
  footer: [string, string];
  /** Printed small on every page: these are test samples, not Ofsted publications. */
  notice: string;
  blocks: Block[];
}

export const SAMPLE_NOTICE = 'Sample generated for ofsted-monitor tests. Not an Ofsted publication.';

function cased(grade: GradeWord, how: SchoolSample['layout']['gradeCase']): string {
  if (how === 'upper') return grade.toUpperCase();
  if (how === 'lower') return grade.toLowerCase();
  return grade;
}

function label(text: string, how: SchoolSample['layout']['labelCase']): string {
  return how === 'upper' ? text.toUpperCase() : text;
}

function gradeRows(s: SchoolSample): [string, string][] {
  const rows: [string, string][] = [];
  if (s.overall) rows.push([label('Overall effectiveness', s.layout.labelCase), cased(s.overall, s.layout.gradeCase)]);
  for (const a of s.areas) rows.push([label(a.label, s.layout.labelCase), cased(a.grade, s.layout.gradeCase)]);
  if (s.format === 'report-card') {
    rows.push([label('Safeguarding', s.layout.labelCase), s.safeguarding === 'met' ? 'Met' : 'Not met']);
  } else if (s.previous.grade) {
    rows.push([label('Previous inspection grade', s.layout.labelCase), cased(s.previous.grade, s.layout.gradeCase)]);
  }
  return rows;
}

function gradeBlock(s: SchoolSample): Block {
  const rows = gradeRows(s);
  if (s.layout.grades === 'lines') return { type: 'pairs', rows };
  return {
    type: 'table',
    rows,
    labelShare: s.layout.labelShare,
    boldLabels: true,
    ...(s.format === 'report-card' ? { header: ['Evaluation area', 'Grade'] as [string, string] } : {}),
  };
}

function detailsBlock(s: SchoolSample): Block {
  const rows: [string, string][] = [
    ['Unique reference number', s.school.urn],
    ['Local authority', s.school.localAuthority],
    ['Inspection number', String(10_200_000 + (Number(s.school.urn) % 97_000))],
    ['Type of school', s.school.type],
    ['School category', s.school.category],
    ['Age range of pupils', s.school.ageRange],
    ['Gender of pupils', 'Mixed'],
    ['Number of pupils on the school roll', String(s.school.pupils)],
    ['Appropriate authority', s.school.category === 'Academy' ? 'Board of trustees' : 'The governing body'],
    [s.school.category === 'Academy' ? 'Chair of trust' : 'Chair of governing body', s.school.chair],
    ['Headteacher', s.school.headteacher],
  ];
  if (s.previous.dates) rows.push(['Date of previous inspection', `${s.previous.dates}, under section 5 of the Education Act 2005`]);
  return s.layout.details === 'table' ? { type: 'table', rows, labelShare: 0.42 } : { type: 'pairs', rows };
}

function teamBlocks(s: SchoolSample): Block[] {
  const rows: [string, string][] = s.inspectors.map((i) => [i.lead ? `${i.name}, lead inspector` : i.name, i.role]);
  return [{ type: 'heading', text: 'Inspection team' }, { type: 'table', rows, labelShare: 0.5 }];
}

const FEEDBACK =
  'You can use Ofsted Parent View to give Ofsted your opinion on your child’s school, or to find out what other parents and carers think. We use information from Ofsted Parent View when deciding which schools to inspect, when to inspect them and as part of their inspection.';
const FURTHER =
  'You can search for published performance information about the school. In the report, ‘disadvantaged pupils’ refers to those pupils who attract government pupil premium funding.';
const CLOSING = [
  'The Office for Standards in Education, Children’s Services and Skills (Ofsted) regulates and inspects to achieve excellence in the care of children and young people, and in education and skills for learners of all ages.',
  'If you would like a copy of this document in a different format, such as large print or Braille, please telephone 0300 123 1231, or email enquiries@ofsted.gov.uk.',
];

function safeguardingSentence(s: SchoolSample): string {
  return s.safeguarding === 'met' ? 'The arrangements for safeguarding are effective.' : 'The arrangements for safeguarding are not effective.';
}

function eifBlocks(s: SchoolSample): Block[] {
  const blocks: Block[] = [
    { type: 'title', text: `Inspection of ${s.school.name}` },
    { type: 'subtitle', text: s.school.address },
    { type: 'paragraph', text: `Inspection dates: ${s.inspectionDates}` },
    gradeBlock(s),
  ];
  if (s.format === 'eif-2024') {
    blocks.push({
      type: 'paragraph',
      italic: true,
      text: `The headteacher of this school is ${s.school.headteacher}. This school does not receive an overall effectiveness grade under the current inspection arrangements.`,
    });
  }
  blocks.push(
    { type: 'heading', text: 'What is it like to attend this school?' },
    { type: 'paragraph', text: s.summary.join(' ') },
    { type: 'heading', text: 'What does the school do well and what does it need to do better?' },
    ...s.findings.map((text): Block => ({ type: 'paragraph', text })),
    { type: 'heading', text: 'Safeguarding' },
    { type: 'paragraph', text: `${safeguardingSentence(s)} Leaders keep careful records and staff know how to report a concern.` },
    { type: 'heading', text: 'What does the school need to do to improve?' },
    { type: 'paragraph', italic: true, text: '(Information for the school and appropriate authority)' },
    { type: 'list', items: s.improvements, style: s.layout.improvements },
    { type: 'heading', text: 'How can I feed back my views?' },
    { type: 'paragraph', text: FEEDBACK },
    { type: 'heading', text: 'Further information' },
    { type: 'paragraph', text: FURTHER },
    // A details table at the top of a page loses its URN line to report-text's page-number filter (a line of
    // digits at a page edge); until that is fixed, tables start mid-page. See tests/ofsted/reports/school.test.ts.
    ...(s.layout.details === 'lines' ? [{ type: 'page-break' } as Block] : []),
    { type: 'heading', text: 'School details' },
    detailsBlock(s),
    { type: 'heading', text: 'Information about this school' },
    { type: 'paragraph', text: `${s.school.name} is a ${s.school.type.toLowerCase()} school in ${s.school.localAuthority}. The school uses no alternative provision.` },
    { type: 'heading', text: 'Information about this inspection' },
    {
      type: 'paragraph',
      text: 'Inspectors met the headteacher, other leaders and staff, and spoke with pupils about their learning. Inspectors looked at records of safeguarding checks and the school’s plans for improvement.',
    },
    ...teamBlocks(s),
    ...CLOSING.map((text): Block => ({ type: 'paragraph', text })),
  );
  return blocks;
}

// Report card narrative for areas a sample gives no finding of its own.
const AREA_NOTES: Record<string, string> = {
  'attendance-and-behaviour': 'Pupils understand the routines that help the school day run smoothly, and staff follow up absence promptly.',
  'personal-development-and-well-being': 'Pupils learn how to keep themselves healthy and safe, including when online, and they take part in a wide range of clubs.',
  'early-years': 'Children in the Reception Year settle quickly and learn to follow routines, share and take turns.',
  'sixth-form': 'Students in the sixth form study a suitable range of courses and receive helpful guidance about their next steps.',
  'leadership-and-governance': 'Those responsible for governance understand their duties and receive regular information about the school’s work.',
};

function reportCardBlocks(s: SchoolSample): Block[] {
  const narrative = (a: AreaGrade, i: number): Block[] => [
    { type: 'heading', text: a.label },
    { type: 'paragraph', text: s.findings[i] ?? AREA_NOTES[a.key] ?? 'Inspectors evaluated this area through discussions with leaders, staff and pupils.' },
  ];
  return [
    { type: 'title', text: s.school.name },
    { type: 'subtitle', text: s.school.address },
    { type: 'heading', text: 'Report card' },
    { type: 'pairs', rows: [['URN', s.school.urn], ['Inspection dates', s.inspectionDates]] },
    gradeBlock(s),
    { type: 'heading', text: 'Summary of findings' },
    { type: 'paragraph', text: s.summary.join(' ') },
    { type: 'page-break' },
    ...s.areas.flatMap(narrative),
    { type: 'heading', text: 'Safeguarding' },
    {
      type: 'paragraph',
      text:
        s.safeguarding === 'met'
          ? 'Leaders and those responsible for governance meet the standards for safeguarding. Pupils know whom to talk to if they are worried.'
          : 'Leaders have not ensured that checks on adults are completed before they start work. Records of concerns are incomplete.',
    },
    { type: 'heading', text: 'Next steps' },
    { type: 'list', items: s.improvements, style: s.layout.improvements },
    { type: 'page-break' },
    { type: 'heading', text: 'School details' },
    detailsBlock(s),
    ...teamBlocks(s),
    ...CLOSING.map((text): Block => ({ type: 'paragraph', text })),
  ];
}

export function buildDocument(s: SchoolSample): ReportDocument {
  return {
    title: s.format === 'report-card' ? `Report card: ${s.school.name}` : `Inspection of ${s.school.name}`,
    footer: [`Inspection report: ${s.school.name}`, s.inspectionDates],
    notice: SAMPLE_NOTICE,
    blocks: s.format === 'report-card' ? reportCardBlocks(s) : eifBlocks(s),
  };
}
