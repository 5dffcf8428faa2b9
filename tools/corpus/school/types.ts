// A school inspection report sample: the facts it states (the labels' ground truth) and how it is laid out.
// The generator knows nothing of the product's parser or vocabulary, so the expected values cannot leak from it.

/** Report formats with no real PDF in fixtures/real: EIF with an overall grade, EIF from September 2024, report cards. */
export type SchoolFormat = 'eif' | 'eif-2024' | 'report-card';
export type Producer = 'libreoffice' | 'pdfkit';

/** Grade words as Ofsted prints them. */
export type GradeWord =
  | 'Outstanding'
  | 'Good'
  | 'Requires improvement'
  | 'Inadequate'
  | 'Exceptional'
  | 'Strong standard'
  | 'Expected standard'
  | 'Needs attention'
  | 'Urgent improvement';

export interface AreaGrade {
  /** The judgement key the labels use (shared corpus format). */
  key: string;
  /** The area's label as the table prints it. */
  label: string;
  grade: GradeWord;
}

export interface SampleInspector {
  name: string;
  role: "Ofsted Inspector" | "His Majesty's Inspector" | "Her Majesty's Inspector";
  lead?: boolean;
}

export interface SampleLayout {
  /** Judgement table as a bordered two-column table, or as "Label: grade" lines. */
  grades: 'table' | 'lines';
  /** Width of the label column as a share of the text width; a narrow one wraps long labels. */
  labelShare: number;
  gradeCase: 'as-printed' | 'upper' | 'lower';
  labelCase: 'as-printed' | 'upper';
  improvements: 'bullets' | 'numbered';
  /** Whether the school details come as a table (LibreOffice extracts it column by column) or as lines. */
  details: 'table' | 'lines';
  /** Body size in points, when the producer's default is not wanted. */
  fontSize?: number;
}

export interface SchoolSample {
  /** File stem: `<format>-<urn>-<school>`. */
  id: string;
  producer: Producer;
  format: SchoolFormat;
  layout: SampleLayout;
  school: {
    name: string;
    urn: string;
    address: string;
    localAuthority: string;
    type: string;
    category: string;
    ageRange: string;
    pupils: number;
    headteacher: string;
    chair: string;
  };
  /** Where the school's name, URN and address come from (real ones are from the saved search page). */
  schoolSource: string;
  /** As printed, e.g. "12 and 13 October 2021"; start/end are the same dates in ISO form. */
  inspectionDates: string;
  start: string;
  end: string;
  /** EIF before September 2024 only. */
  overall: GradeWord | null;
  areas: AreaGrade[];
  previous: { grade: GradeWord | null; dates: string | null; iso: string | null };
  safeguarding: 'met' | 'not-met';
  inspectors: SampleInspector[];
  /** Sentences of "What is it like to attend this school?" (or the report card's summary). */
  summary: string[];
  /** Paragraphs of the main findings. */
  findings: string[];
  /** The school's improvement points, one per bullet. */
  improvements: string[];
}
