// Interim inspection (2015 to March 2022): one day, an outcome of improved, sustained or declined
// effectiveness against the last full inspection, or no judgement at a home with no children yet.

import { ABOUT_INTERIM, FRAMEWORK_LINE } from '../text/boilerplate.js';
import { longDate } from '../text/dates.js';
import type { Area } from '../text/narrative-bank.js';
import type { ReportSpec } from '../report-spec.js';
import { gradeWords, ReportWriter, type BuiltReport } from './report-writer.js';
import {
  aboutTheHome,
  closing,
  detailsBlock,
  historyTable,
  improveBlock,
  inspectorsBlock,
  lastInspectionLines,
} from './shared-parts.js';

const OUTCOME_WORDS = {
  improved: 'improved effectiveness',
  sustained: 'sustained effectiveness',
  declined: 'declined in effectiveness',
} as const;

const INTERIM_VERDICTS = {
  improved: [
    'Children’s experiences have improved since the last full inspection because the manager has addressed the weaknesses that were identified.',
    'The home has made clear progress since the last full inspection, and children now benefit from consistent and well-planned care.',
  ],
  sustained: [
    'The home has sustained the standard of care found at the last full inspection, and children continue to make progress.',
    'Children continue to receive good-quality care from a stable staff team who know them well.',
  ],
  declined: [
    'The quality of care has declined since the last full inspection, and children’s safety is not consistently promoted.',
    'Changes in leadership and staffing since the last full inspection have weakened the care that children receive.',
  ],
} as const;

export function renderInterim(spec: ReportSpec): BuiltReport {
  const w = new ReportWriter(spec);
  w.p('urn', spec.urn);
  w.fact(spec.urn);
  w.labelLine('Registered provider:', spec.provider.owner ?? 'Not recorded');
  w.p('title', 'Interim inspection');
  w.p('subtitle', FRAMEWORK_LINE);
  aboutTheHome(w);
  w.datesLine();

  if (spec.noChildren) {
    const registered = spec.provider.registrationDate ? longDate(spec.provider.registrationDate) : 'its registration';
    w.p(
      'lead',
      `This is the first inspection of the home since it was registered on ${registered}. The home has not provided care to any children since its registration. As there are no children living at the home, no judgement is given at this inspection.`,
    );
    w.heading(2, 'Inspection findings');
    const lead = 'No children have lived at the home since it was registered with Ofsted.';
    w.keyFinding(lead);
    w.p('body', `${lead} The inspector reviewed the home's statement of purpose, recruitment records, policies and the arrangements for admitting the first children.`);
    w.p('body', w.sentences('leadership', 'positive', 3).join(' '));
  } else {
    lastInspectionLines(w);
    const outcome = spec.interimOutcome;
    if (!outcome || !spec.previous?.grade) throw new Error(`${spec.file}: an interim needs an outcome and a previous full inspection`);
    const judged = gradeWords(spec.previous.grade, 'lower');
    w.p(
      'lead',
      `This children's home was judged ${judged} at its last full inspection. At this interim inspection, Ofsted judged that it has ${OUTCOME_WORDS[outcome]}.`,
    );
    w.fact(OUTCOME_WORDS[outcome]);
    const lead = w.r.pick(INTERIM_VERDICTS[outcome]);
    const area: Area = outcome === 'declined' ? 'protection' : 'experiences';
    w.section(area, outcome === 'declined' ? 'requires-improvement' : 'good', lead, 2);
    w.section('leadership', outcome === 'declined' ? 'inadequate' : 'good', null, 1);
    historyTable(w);
  }
  improveBlock(w, { sayNone: w.r.chance(0.5) });
  w.heading(2, 'Information about this inspection');
  w.p('body', ABOUT_INTERIM);
  detailsBlock(w);
  inspectorsBlock(w);
  closing(w);
  return w.built(w.layout('Interim inspection'));
}
