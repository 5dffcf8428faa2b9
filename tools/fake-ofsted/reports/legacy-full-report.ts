// Pre-April-2015 full inspection of a children's home: "Overall effectiveness" and four older judgements,
// graded outstanding / good / adequate / inadequate, in the older report layout.

import type { ScenarioGrade, ScenarioProvider, ScenarioReport } from '../scenario/types.js';
import { LEGACY_ABOUT, LEGACY_SCALE } from '../text/boilerplate.js';
import { dateRange, longDate } from '../util/dates.js';
import { areaOf } from './narrative.js';
import { actionsBlock, contextFor, copyrightPage, newWriter } from './report-parts.js';
import { gradeText } from './report-style.js';

export async function renderLegacyFull(provider: ScenarioProvider, report: ScenarioReport): Promise<Buffer> {
  const ctx = contextFor(provider, report);
  const g = report.grades ?? {};
  const casing = ctx.style.gradeCase === 'lower' ? 'sentence' : ctx.style.gradeCase;
  const grade = (x: ScenarioGrade | undefined): string => (x ? gradeText(x, casing) : 'Not judged');
  const w = newWriter(ctx, "Inspection report for children's home", null);
  w.paragraph(ctx.t("Inspection report for children's home"), { style: 'bold', size: 18, after: 12 });
  const prev = ctx.previousFull;
  w.table({
    columns: [{ share: 0.42 }, { share: 0.58 }],
    rows: [
      ['Unique reference number', provider.urn],
      ['Inspection date', dateRange(report.inspectionStart, report.inspectionEnd, ctx.style.dateStyle)],
      ['Inspector', report.inspectors.join(', ')],
      ['Type of inspection', 'Full'],
      ['Provision subtype', ctx.t("Children's home")],
      ['Registered person', ctx.t(provider.owner ?? 'Not recorded')],
      ['Registered manager', report.registeredManager ?? 'Post vacant'],
      ['Date of last inspection', prev ? longDate(prev.inspectionStart) : 'Not applicable'],
    ],
    repeatHeader: false,
    boldFirstColumn: true,
  });
  w.heading('Inspection judgements', 13);
  w.table({
    columns: [{ share: 0.62 }, { share: 0.38 }],
    rows: [
      ['Overall effectiveness', grade(g.overall)],
      ['Outcomes for children and young people', grade(g.outcomes)],
      ['Quality of care', grade(g.qualityOfCare)],
      ['Keeping children and young people safe', grade(g.safety)],
      ['Leadership and management', grade(g.leadership)],
    ],
    repeatHeader: false,
  });
  w.heading('The inspection judgements and what they mean', 12);
  w.table({ columns: [{ share: 0.25 }, { share: 0.75 }], rows: LEGACY_SCALE.map(([a, b]) => [a, b]), repeatHeader: false });
  w.heading('About this inspection', 13);
  w.paragraph(ctx.t(LEGACY_ABOUT));
  w.heading('Service information', 13);
  w.paragraph(
    ctx.t(
      `The home is registered to provide care and accommodation for up to ${provider.places ?? 4} children. ` +
        `It is operated by ${provider.owner ?? 'a registered provider'}.`,
    ),
  );
  w.heading('Overall effectiveness', 13);
  w.paragraph(ctx.t(`The overall effectiveness of the home is judged to be ${grade(g.overall).toLowerCase()}.`));
  const sections: Array<[string, 'experiences' | 'protection' | 'leadership', ScenarioGrade | undefined]> = [
    ['Outcomes for children and young people', 'experiences', g.outcomes],
    ['Quality of care', 'experiences', g.qualityOfCare],
    ['Keeping children and young people safe', 'protection', g.safety],
    ['Leadership and management', 'leadership', g.leadership],
  ];
  const placed = new Set<string>();
  for (const [title, area, x] of sections) {
    const own = report.keyFindings.filter((f) => areaOf(f) === area && !placed.has(f));
    own.forEach((f) => placed.add(f));
    w.heading(`${title}: ${grade(x)}`, 12);
    for (const para of ctx.narrative.section(area, x ?? null, Math.max(own.length, ctx.r.int(2, 3)), own)) {
      w.paragraph(ctx.t(para));
    }
  }
  actionsBlock(w, ctx, "What does the children's home need to do to improve further?");
  copyrightPage(w, ctx);
  return w.finish();
}
