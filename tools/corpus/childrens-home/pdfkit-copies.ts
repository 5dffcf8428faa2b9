// The corpus's second producer: reports of tools/fake-ofsted's bulk providers (real dates and grades from
// the 2024-25 files, pdfkit layout), chosen to vary in style, and labelled from the scenario's own values.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReport } from '../../fake-ofsted/reports/render-report.js';
import { styleFor, type ReportStyle } from '../../fake-ofsted/reports/report-style.js';
import { FakeScenario } from '../../fake-ofsted/scenario/fake-scenario.js';
import type { ScenarioGrade, ScenarioProvider, ScenarioReport } from '../../fake-ofsted/scenario/types.js';
import type { ExpectedReport, LabelEntry } from './labels.js';
import { slashDate } from './text/dates.js';

export interface PdfkitCopy {
  pdf: Buffer;
  label: LabelEntry;
  facts: string[];
  running: string[];
  expectTableBreak: boolean;
}

interface Slot {
  name: string;
  notes: string;
  wants(p: ScenarioProvider, r: ScenarioReport, style: ReportStyle): boolean;
  /** Render and check the layout itself (the table break cannot be predicted from the data). */
  tableBreak?: boolean;
}

const fullWith = (grade: ScenarioGrade) => (_p: ScenarioProvider, r: ScenarioReport) =>
  r.kind === 'full' && r.grades?.experiences === grade;

const SLOTS: readonly Slot[] = [
  {
    name: 'inadequate-table-break',
    notes: 'pdfkit; requirements table breaks across a page with its header row repeated',
    wants: (p, r, s) => fullWith('inadequate')(p, r) && r.requirements.length >= 4 && s.repeatHeader,
    tableBreak: true,
  },
  {
    name: 'requires-improvement',
    notes: 'pdfkit; judgements as a two-column table, curly apostrophes',
    wants: (p, r, s) => fullWith('requires-improvement')(p, r) && s.judgementBlock === 'table' && s.curly && r.requirements.length >= 2,
  },
  {
    name: 'good',
    notes: 'pdfkit; judgements as "label: grade" lines, "Page N of M" footer',
    wants: (p, r, s) => fullWith('good')(p, r) && s.judgementBlock === 'lines' && s.footerStyle === 'page-of' && r.recommendations.length > 0,
  },
  {
    name: 'with-previous',
    notes: 'pdfkit; a second full inspection in the year: the previous one is printed and in the history table',
    wants: (p, r) => r.kind === 'full' && p.reports.some((x) => x.kind === 'full' && x.inspectionStart < r.inspectionStart),
  },
  {
    name: 'outstanding',
    notes: 'pdfkit; outstanding throughout',
    wants: (p, r) => fullWith('outstanding')(p, r),
  },
  {
    name: 'inadequate-lines',
    notes: 'pdfkit; judgements as lines, straight apostrophes',
    wants: (p, r, s) => fullWith('inadequate')(p, r) && s.judgementBlock === 'lines' && !s.curly,
  },
  {
    name: 'monitoring',
    notes: 'pdfkit; ungraded monitoring visit',
    wants: (_p, r) => r.kind === 'monitoring' && r.requirements.length >= 1,
  },
  {
    name: 'assurance',
    notes: 'pdfkit; ungraded assurance visit',
    wants: (_p, r) => r.kind === 'assurance' && r.requirements.length >= 1,
  },
];

function pagesOf(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-pdfkit-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function breaksTable(pdf: Buffer): boolean {
  return pagesOf(pdf).filter((p) => /^Requirement\s*$/m.test(p) && /^Due date\s*$/m.test(p)).length >= 2;
}

/** The last full inspection before `r`, as the renderer prints it (visits print none). */
function previousOf(p: ScenarioProvider, r: ScenarioReport): ExpectedReport['previous'] {
  if (r.kind !== 'full' && r.kind !== 'interim') return null;
  const fulls = p.reports.filter(
    (x) => (x.kind === 'full' || x.kind === 'legacy-full') && x.inspectionStart < r.inspectionStart && x.fileId !== r.fileId,
  );
  const prev = fulls[fulls.length - 1];
  if (!prev) return null;
  return { date: prev.inspectionStart, overall: prev.grades?.experiences ?? prev.grades?.overall ?? null };
}

function labelOf(p: ScenarioProvider, r: ScenarioReport, slot: Slot): LabelEntry {
  const g = r.grades;
  const kind = `childrens-home-${r.kind === 'legacy-full' ? 'full' : r.kind}` as ExpectedReport['kind'];
  const judgements: Record<string, ScenarioGrade> = {};
  if (g?.experiences) judgements['experiences-and-progress'] = g.experiences;
  if (g?.protection) judgements['help-and-protection'] = g.protection;
  if (g?.leadership) judgements['leadership-and-management'] = g.leadership;
  const printsEnforcement = r.kind === 'full' || r.kind === 'interim';
  return {
    file: `pdfkit-${r.kind}-${r.inspectionStart.slice(0, 4)}-${p.urn}-${slot.name}.pdf`,
    producer: 'pdfkit',
    source:
      `tools/fake-ofsted bulk scenario, fileId ${r.fileId}: provider from ${p.source}; dates and grades from ${r.source}; ` +
      'names, requirements, recommendations and narrative synthetic (tools/fake-ofsted/scenario/synthetic-details.ts)',
    expected: {
      urn: p.urn,
      kind,
      inspectionStart: r.inspectionStart,
      inspectionEnd: r.inspectionEnd,
      overall: g?.experiences ?? null,
      judgements,
      interimOutcome: r.interimOutcome,
      previous: previousOf(p, r),
      enforcementSinceLast: printsEnforcement ? r.enforcement : null,
      registeredProvider: p.owner,
      registeredManager: r.registeredManager,
      inspectors: r.inspectors,
      requirements: r.requirements.map((q) => ({ regulation: q.regulation, dueDate: q.dueDate })),
      recommendations: r.recommendations.length,
      keyFindings: r.keyFindings.map((s) => s.replace(/[\u2018\u2019]/g, "'")),
    },
    notes: slot.notes,
  };
}

/**
 * One report per slot, the first match in the bulk providers' order (deterministic). `avoid`: URNs the
 * corpus already has from the other producer, so no inspection appears twice with different invented details.
 */
export async function pdfkitCopies(avoid: ReadonlySet<string>): Promise<PdfkitCopy[]> {
  const scenario = new FakeScenario({ bulk: true });
  const curated = new Set(scenario.curated.map((p) => p.urn));
  const out: PdfkitCopy[] = [];
  const usedUrns = new Set<string>(avoid);
  for (const slot of SLOTS) {
    let found: PdfkitCopy | null = null;
    for (const urn of scenario.urns()) {
      if (found) break;
      if (curated.has(urn) || usedUrns.has(urn)) continue;
      const p = scenario.provider(urn);
      if (!p || p.providerType !== "Children's home" || !p.owner) continue;
      for (const r of p.reports) {
        if (!slot.wants(p, r, styleFor(r.fileId))) continue;
        const pdf = await renderReport(p, r);
        if (slot.tableBreak && !breaksTable(pdf)) continue;
        const label = labelOf(p, r, slot);
        found = {
          pdf,
          label,
          facts: [
            p.urn,
            ...(p.owner ? [p.owner] : []),
            ...r.inspectors,
            ...r.keyFindings,
            ...r.requirements.map((q) => slashDate(q.dueDate)),
            ...(r.registeredManager ? [r.registeredManager] : []),
          ],
          running: [
            `Inspection report children's home: ${p.urn}`,
            `Inspection report for children's home: ${p.urn}`,
            `${r.title}: ${p.urn}`,
          ],
          expectTableBreak: slot.tableBreak ?? false,
        };
        usedUrns.add(urn);
        break;
      }
    }
    if (!found) throw new Error(`corpus: no bulk report fits the "${slot.name}" slot`);
    out.push(found);
  }
  return out;
}
