// What one corpus report says: the facts (from the real CSV row or marked synthetic), the invented parts,
// and how it is laid out. Built from a case by resolve-case.ts; rendered by the layouts; labelled by labels.ts.

import type { CsvFile } from './csv-facts.js';
import type { RangeStyle } from './text/dates.js';

export type Grade =
  | 'outstanding'
  | 'good'
  | 'requires-improvement'
  | 'inadequate'
  | 'adequate'
  | 'satisfactory'
  | 'not-judged';

/**
 * Which template renders the report. `full-2016`: the 2015-2017 layout ("Children's homes inspection - Full",
 * labels without colons, judgements as sentences); `rss-2016`: residential special schools' 2015-2017 report.
 */
export type CorpusKind = 'full' | 'full-2016' | 'rss-2016' | 'interim' | 'monitoring' | 'assurance' | 'legacy-2014' | 'legacy-2010';

/** The kind of setting: the same framework covers all three. */
export type Setting = "children's home" | "secure children's home" | 'residential special school';

export interface SccifGrades {
  experiences: Grade;
  protection: Grade;
  leadership: Grade;
  /** Residential special schools, April 2015 to March 2017. */
  careAndSupport?: Grade;
  /** Secure children's homes' sub-judgements under the overall experiences and progress (never labelled). */
  education?: Grade;
  health?: Grade;
}

/** Pre-2015 grades; the 2010 reports graded only overall effectiveness. */
export interface LegacyGrades {
  overall: Grade;
  outcomes?: Grade;
  qualityOfCare?: Grade;
  safety?: Grade;
  leadership?: Grade;
}

export interface HistoryRow {
  /** ISO date. */
  date: string;
  type: 'Full' | 'Interim';
  /** As the table prints it: a grade, or "Sustained effectiveness". */
  judgement: string;
}

export interface Requirement {
  regulation: string;
  text: string;
  /** ISO date. */
  dueDate: string;
}

export interface ReportStyle {
  font: string;
  bodySize: number;
  curly: boolean;
  /** Casing of grades in the judgement block: "Requires improvement to be good", "GOOD", "requires Improvement…". */
  gradeCase: 'lower' | 'sentence' | 'title' | 'upper' | 'odd';
  /** Casing after a section heading's colon. */
  headingGradeCase: 'lower' | 'sentence';
  dateStyle: RangeStyle;
  /** Two-column table (narrow label cells that wrap), the same with a header row, or "label: grade" lines. */
  judgementBlock: 'table' | 'table-with-header' | 'lines';
  /** Width of the judgement label column; narrow widths wrap the labels over 2-4 lines. */
  labelColumnCm: number;
  /** Where the grade sits beside a wrapped label: centred, or level with its first line. */
  gradeValign: 'middle' | 'top';
  recommendations: 'bullets' | 'numbered';
  bullet: string;
  /** Running footer: "Inspection report for children's home: SC…", the same plus the dates line, or a bare number. */
  footer: 'urn' | 'urn-dates' | 'number-only';
  pageNumber: 'number' | 'page-of';
  /** Running header on pages 2+. */
  header: boolean;
  details: 'table' | 'lines';
  headingColour: string;
  borderColour: string;
  headerShade: string | null;
  /** Grades printed with their number ("Good 2") in judgement tables. */
  numberedGrades: boolean;
  /** 2015-2017 sentences: the grade as its own paragraph under the sentence, or in a cell beside it. */
  sentenceGrade: 'next-line' | 'beside';
}

export interface ProviderFacts {
  owner: string | null;
  sector: string;
  places: number | null;
  shortBreaks: boolean;
  /** ISO date, when the file gives one. */
  registrationDate: string | null;
  localAuthority: string;
  region: string;
}

export interface ReportSpec {
  /** File name without ".pdf". */
  file: string;
  kind: CorpusKind;
  setting: Setting;
  /** Residential special schools are named in their reports; homes are anonymised. */
  settingName: string | null;
  /** Also draw the report with pdfkit (`pdfkit-<file>.pdf`). */
  pdfkit: boolean;
  /** Wording generation of SCCIF reports: 2015-2019 ("taking into account") or 2022 on. */
  era: 2015 | 2022;
  urn: string;
  start: string;
  end: string;
  grades: SccifGrades | LegacyGrades | null;
  interimOutcome: 'improved' | 'sustained' | 'declined' | null;
  /** First inspection of a home with no children living there: no judgement is given. */
  noChildren: boolean;
  /** The last full inspection; `grade` null when the report prints only its date. */
  previous: { date: string; grade: Grade | null } | null;
  history: HistoryRow[];
  /** "none", a sentence, or null when the report prints no enforcement line. */
  enforcement: string | null;
  provider: ProviderFacts;
  /** null = no registered manager ("Post vacant"). */
  manager: string | null;
  responsibleIndividual: string;
  inspectors: string[];
  requirements: Requirement[];
  recommendations: string[];
  /** Visits: whether the findings raise serious concerns ("children may be at risk of harm"). */
  concerns: boolean;
  /** Visits: a compliance notice served at or after this visit. */
  complianceNotice: { regulation: string; dueDate: string } | null;
  /** Visits: print the report as a letter rather than a report page. */
  letter: boolean;
  /** A requirements table long enough to break across a page (checked after conversion). */
  expectTableBreak: boolean;
  style: ReportStyle;
  /** Varies the narrative draw; bumped by the generator when a page break falls badly. */
  layoutSeed: number;
  source: string;
  notes: string | null;
}

/** A case as written in cases.ts: the facts' source and everything the CSV cannot say. */
export interface CaseSpec {
  file: string;
  kind: CorpusKind;
  /** @defaultValue "children's home" */
  setting?: Setting;
  /** Draw the report with pdfkit too. @defaultValue false */
  pdfkit?: boolean;
  era?: 2015 | 2022;
  urn: string;
  /** The CSV row giving provider facts and (unless `event` is set) the inspection date and grades. */
  csv: CsvFile;
  /** dd/mm/yyyy: picks the event row in files with one row per event; also checks the latest-full date. */
  csvDate?: string;
  /** Owner from another file (the 2015 file has no owner column). */
  ownerFrom?: CsvFile;
  /** A synthetic event on a real provider (interims, 2020-21 visits…): ISO dates and why. */
  event?: { start: string; end?: string; why: string };
  /** Days on site for a full inspection (the CSVs give only the first day). @defaultValue 2 */
  days?: 1 | 2 | 3;
  /** Grades to use instead of the row's (synthetic cases only). */
  grades?: SccifGrades | LegacyGrades;
  interimOutcome?: 'improved' | 'sustained' | 'declined';
  noChildren?: boolean;
  /** ISO date and grade of the last full inspection; `source` says whether it is real. */
  previous?: { date: string; grade: Grade | null; source: string } | null;
  /** Extra rows of the recent inspection history table (the previous full is added automatically). */
  history?: HistoryRow[];
  enforcement?: string | null;
  managerVacant?: boolean;
  inspectorCount?: 1 | 2;
  /** [regulation, weeks after the inspection's last day]. */
  requirements?: Array<[string, number]>;
  recommendations?: number;
  concerns?: boolean;
  complianceNotice?: { regulation: string; weeks: number };
  letter?: boolean;
  expectTableBreak?: boolean;
  style?: Partial<ReportStyle>;
  notes?: string;
}
