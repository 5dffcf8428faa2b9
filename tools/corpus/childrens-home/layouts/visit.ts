// Monitoring and assurance visits: ungraded, one day, as a short report or as a letter to the
// responsible individual.

import type { ReportSpec } from '../report-spec.js';
import {
  ABOUT_ASSURANCE_2020,
  ABOUT_ASSURANCE_2022,
  ABOUT_MONITORING,
} from '../text/boilerplate.js';
import { addDays, longDate } from '../text/dates.js';
import { MONITORING_SCOPE, MONITORING_VERDICTS, VISIT_ASSURANCES, VISIT_CONCERNS } from '../text/narrative-bank.js';
import { INSPECTOR_TITLES } from '../text/names.js';
import { gradeWords, ReportWriter, type BuiltReport } from './report-writer.js';
import { closing, detailsBlock, improveBlock, inspectorsBlock } from './shared-parts.js';

function title(spec: ReportSpec): string {
  return spec.kind === 'assurance' ? 'Assurance visit' : 'Monitoring visit';
}

function about(spec: ReportSpec): string {
  if (spec.kind === 'monitoring') return ABOUT_MONITORING;
  return spec.start < '2022-01-01' ? ABOUT_ASSURANCE_2020 : ABOUT_ASSURANCE_2022;
}

/** The findings: the lead sentence (a key finding), then paragraphs, then any compliance notice. */
function findings(w: ReportWriter): void {
  const { spec } = w;
  const lead = spec.concerns
    ? w.r.pick(VISIT_CONCERNS)
    : spec.kind === 'monitoring'
      ? w.r.pick(MONITORING_VERDICTS)
      : w.r.pick(VISIT_ASSURANCES);
  w.heading(2, w.r.pick(['Findings', 'What the inspection found']));
  w.keyFinding(lead);
  const scope = spec.kind === 'monitoring' ? [w.r.pick(MONITORING_SCOPE)] : [];
  w.p('body', [lead, ...scope].join(' '));
  // Serious concerns colour every paragraph; a monitoring visit after a weak inspection is mixed.
  const grade = spec.concerns ? 'inadequate' : spec.kind === 'monitoring' ? 'requires-improvement' : 'good';
  w.section('protection', grade, null, 2);
  w.section('leadership', grade, null, 1);
  if (spec.complianceNotice) {
    const n = spec.complianceNotice;
    w.p(
      'body',
      `Following this visit, Ofsted has served a compliance notice in relation to regulation ${n.regulation} of the Children's Homes (England) Regulations 2015. The registered person must comply with the notice by ${longDate(n.dueDate)}.`,
    );
    w.fact(`compliance notice in relation to regulation ${n.regulation}`);
  }
}

function previousSentence(spec: ReportSpec): string | null {
  if (!spec.previous?.grade) return null;
  return `The home was judged ${gradeWords(spec.previous.grade, 'lower')} at its last full inspection on ${longDate(spec.previous.date)}.`;
}

function renderAsReport(spec: ReportSpec): BuiltReport {
  const w = new ReportWriter(spec);
  const name = title(spec);
  w.p('title', name);
  w.labelLine('Unique reference number:', spec.urn);
  w.datesLineAs(w.r.pick(['Date of inspection:', 'Date of visit:', 'Inspection date:']));
  w.labelLine('Registered provider:', spec.provider.owner ?? 'Not recorded');
  w.labelLine('Registered manager:', spec.manager ?? 'Post vacant');
  w.labelLine('Provision sub-type:', "Children's home");
  if (spec.previous?.grade) {
    w.labelLine('Date of last inspection:', longDate(spec.previous.date));
    w.labelLine('Overall judgement at last inspection:', gradeWords(spec.previous.grade, 'lower'));
  }
  w.heading(2, 'About this visit');
  w.p('body', about(spec));
  findings(w);
  improveBlock(w, { sayNone: false });
  inspectorsBlock(w);
  closing(w);
  return w.built(w.layout(name));
}

function renderAsLetter(spec: ReportSpec): BuiltReport {
  const w = new ReportWriter(spec);
  const name = title(spec);
  for (const line of ['Ofsted', 'Piccadilly Gate', 'Store Street', 'Manchester', 'M1 2WD']) w.p('address', line);
  w.p('address', 'T 0300 123 1231');
  w.p('address', 'www.gov.uk/ofsted');
  // The letter's own date (a stray date a reader must not take for the visit's).
  w.p('body', longDate(addDays(spec.end, 14 + w.r.int(0, 14))));
  w.p('label', spec.responsibleIndividual);
  w.p('label', spec.provider.owner ?? '');
  w.p('body', `Dear ${spec.responsibleIndividual}`);
  w.p('heading2', `${name} to children's home: ${spec.urn}`);
  w.fact(spec.urn);
  const inspector = spec.inspectors[0] ?? '';
  const role = INSPECTOR_TITLES[1];
  w.p(
    'body',
    `This letter summarises the findings of the ${name.toLowerCase()} to the above children's home on ${longDate(spec.start)}. The visit was carried out by ${inspector}, ${role}.`,
  );
  w.fact(`on ${longDate(spec.start)}`);
  const prev = previousSentence(spec);
  w.p('body', [prev, about(spec)].filter(Boolean).join(' '));
  findings(w);
  improveBlock(w, { sayNone: false, heading: 'What the registered person needs to do to improve' });
  w.p('body', 'Yours sincerely');
  w.p('label', inspector);
  w.p('label', role);
  w.fact(inspector);
  detailsBlock(w, "Children's home details");
  closing(w);
  return w.built(w.layout(name, { header: null, footerLines: [] }));
}

export function renderVisit(spec: ReportSpec): BuiltReport {
  return spec.letter ? renderAsLetter(spec) : renderAsReport(spec);
}
