// Blocks printed by several kinds of children's-home report.

import type { Grade } from '../report-spec.js';
import { closingPage, RECOMMENDATIONS_INTRO, REQUIREMENTS_PREAMBLE } from '../text/boilerplate.js';
import { INSPECTOR_TITLES } from '../text/names.js';
import { longDate, slashDate } from '../text/dates.js';
import { cell } from '../document/blocks.js';
import { gradeWords, numberWord, type ReportWriter } from './report-writer.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const HOME_DETAILS = [
  'Children attend local schools and colleges or receive education through alternative provision arranged by their placing authorities.',
  'The home admits children on a planned basis, following a matching process that considers the needs of the children already living there.',
  'Staff work shifts that include sleeping-in duties, and a member of the management team is available on call at all times.',
];

/** "March 2022": a month before the inspection, never before the home's registration. */
function managerSince(w: ReportWriter): string {
  const { start, provider } = w.spec;
  const toMonths = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
  const last = toMonths(start) - 1;
  const first = Math.min(last, Math.max(last - 36, provider.registrationDate ? toMonths(provider.registrationDate) : 0));
  const m = w.r.int(first, last);
  return `${MONTHS[m % 12]} ${Math.floor(m / 12)}`;
}

/** "Information about this children's home": who runs it, for whom, and its manager. */
export function aboutTheHome(w: ReportWriter, heading = "Information about this children's home"): void {
  const { provider, manager } = w.spec;
  const runBy = /local authority/i.test(provider.sector)
    ? 'The home is run by a local authority.'
    : /voluntary/i.test(provider.sector)
      ? 'The home is run by a voluntary organisation.'
      : w.r.pick(['The home is run by a private company.', 'This home is privately owned.']);
  const places = numberWord(provider.places ?? 4);
  const who = provider.shortBreaks
    ? `It provides short breaks for up to ${places} children who have learning disabilities and/or physical disabilities.`
    : w.r.pick([
        `It is registered to provide care for up to ${places} children who may have emotional and/or behavioural difficulties.`,
        `It provides care and accommodation for up to ${places} children with social, emotional and mental health needs.`,
      ]);
  // Extra description moves everything after it down the page: the generator's remedy for a bad page break.
  const extra = HOME_DETAILS.slice(0, w.spec.layoutSeed % (HOME_DETAILS.length + 1));
  w.heading(2, heading);
  w.p('body', [runBy, who, ...extra].join(' '));
  if (manager) {
    w.p('body', `The manager has been registered with Ofsted since ${managerSince(w)}.`);
  } else {
    w.p('body', 'The home does not have a registered manager. An acting manager has been in post since shortly before the inspection and intends to apply for registration.');
  }
}

/** "Date of last inspection", "Overall judgement at last inspection", "Enforcement action since last inspection". */
export function lastInspectionLines(w: ReportWriter, dateLabel = 'Date of last inspection:'): void {
  const { previous, enforcement } = w.spec;
  if (previous?.grade) {
    w.labelLine(dateLabel, longDate(previous.date));
    w.labelLine('Overall judgement at last inspection:', gradeWords(previous.grade, 'lower'));
  } else {
    w.labelLine(dateLabel, "This is the home's first inspection");
    w.labelLine('Overall judgement at last inspection:', 'not applicable');
  }
  if (enforcement !== null) w.labelLine('Enforcement action since last inspection:', enforcement);
}

export function historyTable(w: ReportWriter): void {
  const rows = w.spec.history;
  w.heading(2, 'Recent inspection history');
  if (rows.length === 0) {
    w.p('body', 'There is no recent inspection history for this home.');
    return;
  }
  const head = ['Inspection date', 'Inspection type', 'Inspection judgement'].map((h) => cell(h, { style: 'tableHead' }));
  w.table(
    [4.2, 4.2, 6.6],
    rows.map((h) => [cell(slashDate(h.date)), cell(h.type), cell(h.judgement)]),
    [head],
  );
}

/** "What does the children's home need to do to improve?": requirements table and recommendations. */
export function improveBlock(w: ReportWriter, options: { sayNone: boolean; heading?: string } = { sayNone: true }): void {
  const { requirements, recommendations, style } = w.spec;
  const heading = options.heading ?? "What does the children's home need to do to improve?";
  if (requirements.length === 0 && recommendations.length === 0) {
    if (!options.sayNone) return;
    w.heading(2, heading);
    w.p('body', 'There are no statutory requirements or recommendations arising from this inspection.');
    return;
  }
  w.heading(2, heading);
  if (requirements.length > 0) {
    w.heading(3, 'Statutory requirements');
    w.p('body', REQUIREMENTS_PREAMBLE);
    const head = [cell('Requirement', { style: 'tableHead' }), cell('Due date', { style: 'tableHead' })];
    w.table(
      [13.2, 3.8],
      requirements.map((q) => [cell(q.text), cell(slashDate(q.dueDate))]),
      [head],
    );
    for (const q of requirements) w.fact(slashDate(q.dueDate));
    for (const q of requirements) w.fact(`Regulation ${q.regulation} `);
  }
  if (recommendations.length > 0) {
    w.heading(3, 'Recommendations');
    if (w.r.chance(0.5)) w.p('body', RECOMMENDATIONS_INTRO);
    w.list(style.recommendations === 'numbered', recommendations);
  }
}

/** "Children's home details" with the registered provider, responsible individual and manager. */
export function detailsBlock(w: ReportWriter, heading = "Children's home details"): void {
  const { provider, urn, manager, responsibleIndividual } = w.spec;
  const pairs: Array<[string, string]> = [
    ['Unique reference number', urn],
    ['Provision sub-type', `${w.spec.setting.charAt(0).toUpperCase()}${w.spec.setting.slice(1)}`],
    ['Registered provider', provider.owner ?? 'Not recorded'],
    ['Registered provider address', providerAddress(w)],
    ['Responsible individual', responsibleIndividual],
    ['Registered manager', manager ?? 'Post vacant'],
  ];
  w.heading(2, heading);
  if (w.spec.style.details === 'table') {
    w.table(
      [6.2, 10.8],
      pairs.map(([k, v]) => [cell([{ text: k, bold: true }]), cell(v)]),
      [],
      'none',
    );
    for (const [k, v] of pairs) if (k !== 'Registered provider address') w.fact(`${k} ${v}`);
  } else {
    for (const [k, v] of pairs) w.labelLine(`${k}:`, v, k !== 'Registered provider address');
  }
}

const STREETS = ['Station Road', 'Mill Lane', 'Victoria Street', 'Church Street', 'Park Road', 'Market Place', 'Queensway'];

/** The provider's office (not the home's address, which Ofsted withholds): invented, never a postcode. */
function providerAddress(w: ReportWriter): string {
  const r = w.r;
  return `${r.pick(['Unit', 'Suite', 'Office'])} ${r.int(1, 12)}, ${r.int(2, 180)} ${r.pick(STREETS)}, ${w.spec.provider.localAuthority}`;
}

export function inspectorsBlock(w: ReportWriter): void {
  const names = w.spec.inspectors;
  w.heading(3, names.length > 1 ? 'Inspectors' : 'Inspector');
  names.forEach((name, i) => {
    const title = i === 0 ? w.r.pick(INSPECTOR_TITLES) : INSPECTOR_TITLES[0];
    w.p('label', `${name}, ${title}`);
    w.fact(name);
  });
}

/** The closing page of Ofsted's boilerplate, on a page of its own. */
export function closing(w: ReportWriter): void {
  const year = Number(w.spec.end.slice(0, 4)) + (w.spec.end.slice(5, 7) === '12' ? 1 : 0);
  closingPage(year).forEach((text, i) => (i === 0 ? w.pageBreak('small', text) : w.p('small', text)));
}

/** A grade as the history table prints it. */
export function historyJudgement(grade: Grade): string {
  return gradeWords(grade, 'sentence');
}
