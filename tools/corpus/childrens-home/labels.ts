// The labelled-corpus entry of a report (format shared by every family, see tools/corpus/README.md).
// Expected values are what the document says, written as a correct parser would return them: ParsedReport
// text is quote-normalised, so strings here use straight apostrophes whatever the PDF prints.

import { straightQuotes } from './document/fodt-writer.js';
import type { BuiltReport } from './layouts/report-writer.js';
import type { Grade, ReportSpec } from './report-spec.js';

export type Producer = 'libreoffice' | 'pdfkit';

export interface ExpectedReport {
  urn: string | null;
  kind: 'childrens-home-full' | 'childrens-home-interim' | 'childrens-home-monitoring' | 'childrens-home-assurance';
  inspectionStart: string | null;
  inspectionEnd: string | null;
  overall: Grade | null;
  judgements: Record<string, Grade>;
  interimOutcome: 'improved' | 'sustained' | 'declined' | null;
  previous: { date: string | null; overall: Grade | null } | null;
  enforcementSinceLast: string | null;
  registeredProvider: string | null;
  registeredManager: string | null;
  inspectors: string[];
  requirements: Array<{ regulation: string | null; dueDate: string | null }>;
  recommendations: number;
  keyFindings: string[];
}

export interface LabelEntry {
  file: string;
  producer: Producer;
  source: string;
  expected: ExpectedReport;
  notes?: string;
}

function kindOf(spec: ReportSpec): ExpectedReport['kind'] {
  switch (spec.kind) {
    case 'interim':
      return 'childrens-home-interim';
    case 'monitoring':
      return 'childrens-home-monitoring';
    case 'assurance':
      return 'childrens-home-assurance';
    default:
      return 'childrens-home-full';
  }
}

function judgementsOf(spec: ReportSpec): { overall: Grade | null; judgements: Record<string, Grade> } {
  const g = spec.grades;
  if (!g) return { overall: null, judgements: {} };
  if ('experiences' in g) {
    // Secure homes' education and health sub-judgements are printed but are no judgement the product reports.
    return {
      overall: g.experiences,
      judgements: {
        'experiences-and-progress': g.experiences,
        'help-and-protection': g.protection,
        'leadership-and-management': g.leadership,
        ...(g.careAndSupport ? { 'quality-of-care-and-support': g.careAndSupport } : {}),
      },
    };
  }
  const judgements: Record<string, Grade> = { 'overall-effectiveness': g.overall };
  if (g.outcomes) judgements['outcomes'] = g.outcomes;
  if (g.qualityOfCare) judgements['quality-of-care'] = g.qualityOfCare;
  if (g.safety) judgements['safeguarding'] = g.safety;
  if (g.leadership) judgements['leadership-and-management'] = g.leadership;
  return { overall: g.overall, judgements };
}

/** What the report prints about the last inspection (visits without a previous line print nothing). */
function previousOf(spec: ReportSpec): ExpectedReport['previous'] {
  const p = spec.previous;
  if (!p) return null;
  if (spec.kind === 'legacy-2010') return { date: p.date, overall: null };
  return p.grade ? { date: p.date, overall: p.grade } : null;
}

export function labelFor(spec: ReportSpec, built: BuiltReport, producer: Producer = 'libreoffice'): LabelEntry {
  const { overall, judgements } = judgementsOf(spec);
  // Residential special schools have no registered provider or manager.
  const printsProvider = spec.kind !== 'legacy-2010' && spec.kind !== 'rss-2016';
  const expected: ExpectedReport = {
    urn: spec.urn,
    kind: kindOf(spec),
    inspectionStart: spec.start,
    inspectionEnd: spec.end,
    overall,
    judgements,
    interimOutcome: spec.interimOutcome,
    previous: previousOf(spec),
    enforcementSinceLast: spec.enforcement === null ? null : straightQuotes(spec.enforcement),
    registeredProvider: printsProvider ? spec.provider.owner : null,
    registeredManager: printsProvider ? spec.manager : null,
    inspectors: spec.inspectors,
    requirements: spec.requirements.map((q) => ({ regulation: q.regulation, dueDate: q.dueDate })),
    recommendations: spec.recommendations.length,
    keyFindings: built.keyFindings.map(straightQuotes),
  };
  return {
    file: producer === 'pdfkit' ? `pdfkit-${spec.file}.pdf` : `${spec.file}.pdf`,
    producer,
    source: spec.source,
    expected,
    ...(spec.notes ? { notes: spec.notes } : {}),
  };
}
