// Pieces shared by the generated children's-home reports: the context a report is rendered in, and the
// blocks every kind prints (details, inspectors, actions, history, the copyright page).

import { needsVacantManager, overallGrade } from '../scenario/synthetic-details.js';
import type { ScenarioProvider, ScenarioReport } from '../scenario/types.js';
import { crownCopyright, RECOMMENDATIONS_PREAMBLE, REQUIREMENTS_PREAMBLE } from '../text/boilerplate.js';
import { INSPECTOR_TITLES } from '../text/names.js';
import { dateRange, longDate, slashDate } from '../util/dates.js';
import { SeededRandom } from '../util/seeded-random.js';
import { NarrativeComposer } from './narrative.js';
import { PdfWriter } from './pdf-writer.js';
import { gradeText, styled, styleFor, type ReportStyle } from './report-style.js';

export interface ReportContext {
  provider: ScenarioProvider;
  report: ScenarioReport;
  /** The last full inspection before this report, if any. */
  previousFull: ScenarioReport | null;
  /** Earlier full and interim inspections, newest first. */
  history: ScenarioReport[];
  style: ReportStyle;
  r: SeededRandom;
  /** How the report names the setting: "children's home", "independent fostering agency", … */
  typeWord: string;
  narrative: NarrativeComposer;
  /** Apply the report's apostrophe style. */
  t(text: string): string;
}

export function contextFor(provider: ScenarioProvider, report: ScenarioReport): ReportContext {
  const style = styleFor(report.fileId);
  const r = new SeededRandom(`render:${report.fileId}`);
  const earlier = provider.reports.filter(
    (x) => x.inspectionStart < report.inspectionStart && x.fileId !== report.fileId,
  );
  const fulls = earlier.filter((x) => x.kind === 'full' || x.kind === 'legacy-full');
  const type = provider.providerType.toLowerCase();
  const managerPresent = report.registeredManager !== null;
  return {
    provider,
    report,
    previousFull: fulls[fulls.length - 1] ?? null,
    history: earlier.filter((x) => x.kind === 'full' || x.kind === 'legacy-full' || x.kind === 'interim').reverse(),
    style,
    r,
    typeWord: type.includes("children's home") && !type.startsWith('secure') ? "children's home" : type,
    narrative: new NarrativeComposer(
      r,
      (s) => managerPresent && needsVacantManager(s),
      report.keyFindings,
    ),
    t: (text) => styled(style, text),
  };
}

export function newWriter(ctx: ReportContext, title: string, header: string | null): PdfWriter {
  const published = new Date(`${ctx.report.publishedAt}T09:30:00Z`);
  published.setUTCDate(published.getUTCDate() - 1);
  return new PdfWriter({
    fontSize: ctx.style.fontSize,
    runningHeader: header ? ctx.t(header) : null,
    footerStyle: ctx.style.footerStyle,
    footerLine: ctx.style.footerLine ? ctx.t(`Inspection report for ${ctx.typeWord}: ${ctx.provider.urn}`) : null,
    info: {
      Title: ctx.t(title),
      Author: 'Ofsted',
      Creator: ctx.style.creator,
      Producer: ctx.style.creator,
      // Fixed (the day before publication), so the same report always has the same bytes.
      CreationDate: published,
    },
  });
}

export function inspectionDates(ctx: ReportContext): { label: string; value: string } {
  const { inspectionStart: s, inspectionEnd: e } = ctx.report;
  return s === e
    ? { label: 'Inspection date:', value: longDate(s) }
    : { label: 'Inspection dates:', value: dateRange(s, e, ctx.style.dateStyle) };
}

/** "Date of last inspection", "Overall judgement at last inspection", "Enforcement action since last inspection". */
export function lastInspectionLines(w: PdfWriter, ctx: ReportContext): void {
  const prev = ctx.previousFull;
  if (prev) {
    w.labelled('Date of last inspection:', longDate(prev.inspectionStart));
    const g = overallGrade(prev.grades);
    w.labelled('Overall judgement at last inspection:', g ? gradeText(g, 'lower') : 'not judged');
  } else {
    w.labelled('Date of last inspection:', ctx.t("This is the home's first inspection"));
    w.labelled('Overall judgement at last inspection:', 'not applicable');
  }
  if (ctx.report.enforcement !== null) {
    w.labelled('Enforcement action since last inspection:', ctx.t(ctx.report.enforcement), 10);
  }
}

function historyJudgement(ctx: ReportContext, x: ScenarioReport): string {
  if (x.kind === 'interim') {
    const word = { improved: 'Improved effectiveness', sustained: 'Sustained effectiveness', declined: 'Declined in effectiveness' };
    return x.interimOutcome ? word[x.interimOutcome] : 'Not judged';
  }
  const g = overallGrade(x.grades);
  return g ? gradeText(g, ctx.style.gradeCase === 'lower' ? 'sentence' : ctx.style.gradeCase) : 'Not judged';
}

export function historyTable(w: PdfWriter, ctx: ReportContext): void {
  w.heading(ctx.t('Recent inspection history'), 13);
  if (ctx.history.length === 0) {
    w.paragraph(ctx.t('There is no recent inspection history for this home.'));
    return;
  }
  w.table({
    columns: [
      { share: 0.3, header: 'Inspection date' },
      { share: 0.3, header: 'Inspection type' },
      { share: 0.4, header: 'Inspection judgement' },
    ],
    rows: ctx.history.map((x) => [slashDate(x.inspectionStart), x.kind === 'interim' ? 'Interim' : 'Full', historyJudgement(ctx, x)]),
    repeatHeader: ctx.style.repeatHeader,
    shadeHeader: ctx.style.shadeHeader,
  });
}

/** "What does the children's home need to do to improve?": requirements table and recommendations. */
export function actionsBlock(
  w: PdfWriter,
  ctx: ReportContext,
  heading = `What does the ${ctx.typeWord} need to do to improve?`,
): void {
  const { requirements, recommendations } = ctx.report;
  if (requirements.length === 0 && recommendations.length === 0) {
    if (ctx.style.omitEmptyActions) return;
    w.heading(ctx.t(heading), 13);
    w.paragraph(ctx.t('There are no statutory requirements or recommendations arising from this inspection.'));
    return;
  }
  // Keep the section heading with its sub-heading and the first lines under it.
  w.heading(ctx.t(heading), 13, 7);
  if (requirements.length > 0) {
    w.heading('Statutory requirements', 12);
    w.paragraph(ctx.t(REQUIREMENTS_PREAMBLE));
    w.table({
      columns: [
        { share: 0.76, header: 'Requirement' },
        { share: 0.24, header: 'Due date' },
      ],
      rows: requirements.map((q) => [ctx.t(q.text), slashDate(q.dueDate)]),
      repeatHeader: ctx.style.repeatHeader,
      shadeHeader: ctx.style.shadeHeader,
    });
  }
  if (recommendations.length > 0) {
    w.heading('Recommendations', 12);
    if (ctx.style.recommendationsAsBullets) {
      for (const text of recommendations) w.bullet(ctx.t(text));
    } else {
      w.paragraph(RECOMMENDATIONS_PREAMBLE);
      recommendations.forEach((text) => w.paragraph(ctx.t(text)));
    }
  }
}

export function detailsBlock(w: PdfWriter, ctx: ReportContext, heading: string): void {
  const p = ctx.provider;
  const pairs: Array<[string, string]> = [
    ['Unique reference number:', p.urn],
    ['Provision sub-type:', p.providerType],
    ['Registered provider:', p.owner ?? 'Not recorded'],
    ['Registered provider address:', p.providerAddress ?? 'Not recorded'],
    ['Responsible individual:', p.responsibleIndividual ?? 'Not recorded'],
    ['Registered manager:', ctx.report.registeredManager ?? 'Post vacant'],
  ];
  w.heading(ctx.t(heading), 13);
  if (ctx.style.detailsBlock === 'table') {
    w.table({
      columns: [{ share: 0.36 }, { share: 0.64 }],
      rows: pairs.map(([k, v]) => [k.replace(/:$/, ''), ctx.t(v)]),
      repeatHeader: false,
      boldFirstColumn: true,
    });
  } else {
    for (const [k, v] of pairs) w.labelled(k, ctx.t(v));
    w.space(8);
  }
}

export function inspectorsBlock(w: PdfWriter, ctx: ReportContext): void {
  const names = ctx.report.inspectors;
  w.heading(names.length > 1 ? 'Inspectors' : 'Inspector', 12);
  names.forEach((name, i) => {
    const title = i === 0 ? (ctx.r.chance(0.7) ? INSPECTOR_TITLES[0] : INSPECTOR_TITLES[1]) : INSPECTOR_TITLES[0];
    w.paragraph(`${name}, ${title}`, { after: 3 });
  });
}

export function copyrightPage(w: PdfWriter, ctx: ReportContext): void {
  w.newPage();
  const year = Number(ctx.report.publishedAt.slice(0, 4));
  for (const para of crownCopyright(year)) w.paragraph(ctx.t(para), { size: 10 });
}
