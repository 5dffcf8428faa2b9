// The data the fake site serves. Plain objects: a test can read the expected values of any report
// (grades, dates, requirements, key findings) straight from here.

export type ScenarioGrade = 'outstanding' | 'good' | 'requires-improvement' | 'inadequate' | 'adequate' | 'satisfactory';

/**
 * How a report is produced: the children's-home kinds are generated PDFs; `file` serves a real PDF
 * from fixtures/real/pdf.
 */
export type ScenarioReportKind = 'full' | 'interim' | 'monitoring' | 'assurance' | 'legacy-full' | 'file';

export interface ScenarioGrades {
  /** SCCIF: overall experiences and progress of children and young people. */
  experiences?: ScenarioGrade;
  /** SCCIF: how well children and young people are helped and protected. */
  protection?: ScenarioGrade;
  /** SCCIF: the effectiveness of leaders and managers; pre-2015: leadership and management. */
  leadership?: ScenarioGrade;
  /** Pre-2015: overall effectiveness. */
  overall?: ScenarioGrade;
  /** Pre-2015: outcomes for children and young people. */
  outcomes?: ScenarioGrade;
  /** Pre-2015: quality of care. */
  qualityOfCare?: ScenarioGrade;
  /** Pre-2015: keeping children and young people safe. */
  safety?: ScenarioGrade;
}

export interface ScenarioRequirement {
  /** Regulation number as the report cites it, e.g. "12". */
  regulation: string;
  text: string;
  /** ISO date. */
  dueDate: string;
}

export interface ScenarioReport {
  /** 8-digit id in the files URL (/v1/file/<fileId>). */
  fileId: string;
  kind: ScenarioReportKind;
  /** Link text on the provider page, as Ofsted words it ("Full inspection", "Monitoring visit", …). */
  title: string;
  /** ISO dates. */
  inspectionStart: string;
  inspectionEnd: string;
  publishedAt: string;
  /** null for ungraded reports (visits, interims, files). */
  grades: ScenarioGrades | null;
  interimOutcome: 'improved' | 'sustained' | 'declined' | null;
  /** "none" or a sentence about enforcement since the last inspection; null where a report has no such line. */
  enforcement: string | null;
  /** null = "Post vacant". */
  registeredManager: string | null;
  inspectors: string[];
  requirements: ScenarioRequirement[];
  recommendations: string[];
  /** Sentences that the report's narrative contains verbatim. */
  keyFindings: string[];
  /** Supported accommodation only: the outcome wording ("Consistently strong service delivery"). */
  outcome: string | null;
  /** kind 'file': path of the PDF relative to the repository root (a real one under fixtures/real/ unless `source` says otherwise). */
  file: string | null;
  /** Ofsted withdrew the report: the page still lists it, its file URL answers the "We cannot publish" page. */
  withdrawn: boolean;
  /** Provenance: the CSV row or file it came from, or "synthetic: <why>". */
  source: string;
}

export interface ScenarioProvider {
  urn: string;
  /** Path segment of the provider URL: 'CARE' for social care, '21' schools, '44' local authorities… */
  category: string;
  /** As Ofsted shows it; null for an anonymised children's home, whose page is titled "URN: <URN>". */
  name: string | null;
  providerType: string;
  localAuthority: string | null;
  /** Registered provider / organisation which owns the provider. */
  owner: string | null;
  /** ISO date; the page does not exist before it. */
  registrationDate: string | null;
  /** Status as of the latest data ("Active", "Resigned", …). */
  status: string;
  /** ISO date from which the page shows the provider as closed (curated only). */
  closedAt: string | null;
  places: number | null;
  /** Public address line (schools, LAs); null for children's homes, whose address is withheld. */
  address: string | null;
  /** Registered provider's address printed in report PDFs. */
  providerAddress: string | null;
  responsibleIndividual: string | null;
  sector: string | null;
  shortBreaksOnly: boolean;
  source: string;
  /** Oldest first by inspection start. */
  reports: ScenarioReport[];
}

/** The fake site's data: curated providers plus (optionally) the bulk CSV providers, built lazily. */
export interface Scenario {
  /** The hand-written providers of scenario/curated.json, in file order. */
  readonly curated: readonly ScenarioProvider[];
  /** Every provider (curated, then bulk in CSV order). Building it forces every bulk provider. */
  readonly providers: readonly ScenarioProvider[];
  /** Every URN served, curated first. */
  urns(): string[];
  /** The provider with this URN (built on first use for bulk providers). */
  provider(urn: string): ScenarioProvider | undefined;
  /** The report with this fileId, with its provider. */
  findReport(fileId: string): { provider: ScenarioProvider; report: ScenarioReport } | undefined;
}
