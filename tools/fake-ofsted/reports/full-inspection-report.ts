// SCCIF full inspection (April 2015 on), in the order Ofsted's reports print it.

import { overallGrade } from '../scenario/synthetic-details.js';
import type { ScenarioGrade, ScenarioProvider, ScenarioReport } from '../scenario/types.js';
import { ABOUT_THIS_INSPECTION, FRAMEWORK_LINE, OVERALL_SENTENCE } from '../text/boilerplate.js';
import type { Area } from '../text/narrative-bank.js';
import { areaOf } from './narrative.js';
import type { PdfWriter } from './pdf-writer.js';
import {
  actionsBlock,
  contextFor,
  copyrightPage,
  detailsBlock,
  historyTable,
  inspectionDates,
  inspectorsBlock,
  lastInspectionLines,
  newWriter,
  type ReportContext,
} from './report-parts.js';
import { gradeText } from './report-style.js';

export const JUDGEMENT_LABELS: ReadonlyArray<{ area: Area; label: string; heading: string }> = [
  {
    area: 'experiences',
    label: 'Overall experiences and progress of children and young people, taking into account',
    heading: 'Overall experiences and progress of children and young people',
  },
  {
    area: 'protection',
    label: 'How well children and young people are helped and protected',
    heading: 'How well children and young people are helped and protected',
  },
  {
    area: 'leadership',
    label: 'The effectiveness of leaders and managers',
    heading: 'The effectiveness of leaders and managers',
  },
];

function gradeFor(ctx: ReportContext, area: Area): ScenarioGrade | null {
  const g = ctx.report.grades;
  if (!g) return null;
  return (area === 'experiences' ? g.experiences : area === 'protection' ? g.protection : g.leadership) ?? null;
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

/** "March 2018": a little before the first report that names this manager. */
function managerSince(ctx: ReportContext): string {
  const first = ctx.provider.reports.find((x) => x.registeredManager === ctx.report.registeredManager);
  const from = first && first.inspectionStart < ctx.report.inspectionStart ? first.inspectionStart : ctx.report.inspectionStart;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const year = Number(from.slice(0, 4)) - (ctx.r.chance(0.5) ? 1 : 0);
  // Never a month after the inspection itself.
  const latest = year === Number(from.slice(0, 4)) ? Number(from.slice(5, 7)) : 12;
  return `${months[ctx.r.int(0, latest - 1)]} ${year}`;
}

/** "Information about this children's home": what the home does, and its manager. */
export function aboutTheHome(w: PdfWriter, ctx: ReportContext): void {
  const p = ctx.provider;
  const places = numberWord(p.places ?? 4);
  const runBy =
    p.sector === 'Local Authority'
      ? 'The home is run by a local authority.'
      : p.sector === 'Voluntary'
        ? 'The home is run by a voluntary organisation.'
        : 'The home is run by a private company.';
  const what = p.shortBreaksOnly
    ? `It provides short breaks for up to ${places} children who have learning disabilities and/or physical disabilities.`
    : `It is registered to provide care for up to ${places} children who may have emotional and/or behavioural difficulties.`;
  const manager = ctx.report.registeredManager
    ? `The registered manager, ${ctx.report.registeredManager}, has been in post since ${managerSince(ctx)}.`
    : 'The home does not currently have a registered manager. An acting manager is in post and is in the process of applying to register with Ofsted.';
  w.heading(ctx.t(`Information about this ${ctx.typeWord}`), 13);
  w.paragraph(ctx.t(`${runBy} ${what}`));
  w.paragraph(ctx.t(manager));
}

function judgementBlock(w: PdfWriter, ctx: ReportContext): void {
  const casing = ctx.style.gradeCase;
  if (!ctx.report.grades) {
    w.labelled('Overall outcome:', ctx.report.outcome ?? 'Not judged', 10);
    return;
  }
  const rows = JUDGEMENT_LABELS.map((j) => {
    const g = gradeFor(ctx, j.area);
    return [j.label, g ? gradeText(g, casing) : 'Not judged'];
  });
  if (ctx.style.judgementBlock === 'table') {
    w.table({
      columns: [{ share: ctx.style.labelShare }, { share: 1 - ctx.style.labelShare }],
      rows,
      repeatHeader: false,
      boldFirstColumn: ctx.r.chance(0.5),
    });
  } else {
    for (const [label, grade] of rows) w.labelled(`${label}:`, grade ?? '', 4);
    w.space(6);
  }
  const overall = overallGrade(ctx.report.grades);
  if (overall) w.paragraph(ctx.t(OVERALL_SENTENCE[overall]));
}

function judgementSections(w: PdfWriter, ctx: ReportContext): void {
  w.heading('Inspection judgements', 14);
  const findings = new Map<Area, string[]>();
  for (const f of ctx.report.keyFindings) {
    const area = areaOf(f);
    findings.set(area, [...(findings.get(area) ?? []), f]);
  }
  for (const j of JUDGEMENT_LABELS) {
    const g = gradeFor(ctx, j.area);
    const own = findings.get(j.area) ?? [];
    const count = Math.max(own.length, ctx.r.int(3, 5));
    w.heading(`${j.heading}: ${g ? gradeText(g, ctx.style.headingGradeCase) : 'not judged'}`, 12);
    for (const para of ctx.narrative.section(j.area, g, count, own)) w.paragraph(ctx.t(para));
  }
}

export async function renderFullInspection(provider: ScenarioProvider, report: ScenarioReport): Promise<Buffer> {
  const ctx = contextFor(provider, report);
  const w = newWriter(
    ctx,
    `${provider.urn} ${report.title}`,
    `Inspection report ${ctx.typeWord}: ${provider.urn}`,
  );
  w.paragraph(provider.urn, { style: 'bold', size: 16, after: 4 });
  w.paragraph(ctx.t(`Registered provider: ${provider.owner ?? 'Not recorded'}`), { after: 14 });
  w.paragraph('Full inspection', { style: 'bold', size: 18, after: 4 });
  w.paragraph(FRAMEWORK_LINE, { after: 12 });
  aboutTheHome(w, ctx);
  const dates = inspectionDates(ctx);
  w.labelled(dates.label, dates.value, 10);
  judgementBlock(w, ctx);
  lastInspectionLines(w, ctx);
  historyTable(w, ctx);
  actionsBlock(w, ctx);
  if (report.grades) {
    judgementSections(w, ctx);
  } else {
    w.heading('Inspection findings', 14);
    const findings = report.keyFindings;
    for (const para of ctx.narrative.section('experiences', 'good', Math.max(3, findings.length), findings)) {
      w.paragraph(ctx.t(para));
    }
  }
  w.heading('Information about this inspection', 13);
  for (const para of ABOUT_THIS_INSPECTION) w.paragraph(ctx.t(para));
  detailsBlock(w, ctx, `${ctx.typeWord.charAt(0).toUpperCase()}${ctx.typeWord.slice(1)} details`);
  inspectorsBlock(w, ctx);
  copyrightPage(w, ctx);
  return w.finish();
}
