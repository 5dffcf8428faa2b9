// Monitoring visits/inspections and assurance visits: letter-like, ungraded.

import type { ScenarioProvider, ScenarioReport } from '../scenario/types.js';
import { VISIT_ABOUT } from '../text/boilerplate.js';
import { VISIT_CONCERNS, VISIT_OPENERS } from '../text/narrative-bank.js';
import { longDate } from '../util/dates.js';
import { areaOf } from './narrative.js';
import { actionsBlock, contextFor, copyrightPage, inspectorsBlock, newWriter } from './report-parts.js';

export async function renderVisit(provider: ScenarioProvider, report: ScenarioReport): Promise<Buffer> {
  const ctx = contextFor(provider, report);
  const kind = report.kind === 'assurance' ? 'assurance' : 'monitoring';
  const w = newWriter(ctx, `${provider.urn} ${report.title}`, `${report.title}: ${provider.urn}`);
  w.paragraph(report.title, { style: 'bold', size: 18, after: 10 });
  w.labelled('Unique reference number:', provider.urn);
  w.labelled('Date of inspection:', longDate(report.inspectionStart));
  w.labelled('Registered provider:', ctx.t(provider.owner ?? 'Not recorded'));
  w.labelled('Registered manager:', report.registeredManager ?? 'Post vacant');
  w.labelled('Provision sub-type:', ctx.t(provider.providerType), 12);
  w.heading('Purpose of the visit', 13);
  w.paragraph(ctx.t(VISIT_ABOUT[kind]));
  w.heading('Findings', 13);
  w.paragraph(ctx.t(ctx.r.pick(VISIT_OPENERS)));
  const concern = report.keyFindings.find((f) => VISIT_CONCERNS.includes(f));
  const findings = report.keyFindings.filter((f) => f !== concern);
  const grade = kind === 'monitoring' || concern ? 'inadequate' : 'good';
  const area = findings[0] ? areaOf(findings[0]) : ctx.r.pick(['experiences', 'protection', 'leadership'] as const);
  for (const para of ctx.narrative.section(area, grade, Math.max(findings.length, ctx.r.int(2, 3)), findings)) {
    w.paragraph(ctx.t(para));
  }
  if (concern) w.paragraph(ctx.t(concern), { style: 'bold' });
  actionsBlock(w, ctx);
  inspectorsBlock(w, ctx);
  copyrightPage(w, ctx);
  return w.finish();
}
