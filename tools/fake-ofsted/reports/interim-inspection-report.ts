// SCCIF interim inspection (2015 to March 2022): one day, no grades, a judgement of improved, sustained or
// declined effectiveness against the last full inspection.

import { overallGrade } from '../scenario/synthetic-details.js';
import type { ScenarioProvider, ScenarioReport } from '../scenario/types.js';
import { FRAMEWORK_LINE, INTERIM_ABOUT } from '../text/boilerplate.js';
import { longDate } from '../util/dates.js';
import { aboutTheHome } from './full-inspection-report.js';
import { areaOf } from './narrative.js';
import {
  actionsBlock,
  contextFor,
  copyrightPage,
  detailsBlock,
  historyTable,
  inspectorsBlock,
  lastInspectionLines,
  newWriter,
} from './report-parts.js';
import { gradeText } from './report-style.js';

const OUTCOME_CLAUSE = {
  improved: 'it has improved effectiveness',
  sustained: 'it has sustained its effectiveness',
  declined: 'it has declined in effectiveness',
} as const;

export async function renderInterimInspection(provider: ScenarioProvider, report: ScenarioReport): Promise<Buffer> {
  const ctx = contextFor(provider, report);
  const w = newWriter(ctx, `${provider.urn} ${report.title}`, `Inspection report ${ctx.typeWord}: ${provider.urn}`);
  w.paragraph(provider.urn, { style: 'bold', size: 16, after: 4 });
  w.paragraph(ctx.t(`Registered provider: ${provider.owner ?? 'Not recorded'}`), { after: 14 });
  w.paragraph('Interim inspection', { style: 'bold', size: 18, after: 4 });
  w.paragraph(FRAMEWORK_LINE, { after: 12 });
  aboutTheHome(w, ctx);
  w.labelled('Inspection date:', longDate(report.inspectionStart), 10);
  lastInspectionLines(w, ctx);

  const previous = overallGrade(ctx.previousFull?.grades ?? null);
  const outcome = report.interimOutcome ?? 'sustained';
  w.heading('Interim inspection judgement', 13);
  w.paragraph(
    ctx.t(
      `This children's home was judged ${previous ? gradeText(previous, 'lower') : 'good'} at its last full inspection. ` +
        `At this interim inspection, Ofsted judged that ${OUTCOME_CLAUSE[outcome]}.`,
    ),
  );
  const grade = outcome === 'declined' ? 'requires-improvement' : 'good';
  const findings = report.keyFindings;
  const areas = ['experiences', 'protection', 'leadership'] as const;
  for (const area of areas) {
    const own = findings.filter((f) => areaOf(f) === area);
    for (const para of ctx.narrative.section(area, grade, Math.max(own.length, ctx.r.int(1, 2)), own)) {
      w.paragraph(ctx.t(para));
    }
  }
  historyTable(w, ctx);
  actionsBlock(w, ctx);
  w.heading('Information about this inspection', 13);
  w.paragraph(ctx.t(INTERIM_ABOUT));
  detailsBlock(w, ctx, "Children's home details");
  inspectorsBlock(w, ctx);
  copyrightPage(w, ctx);
  return w.finish();
}
