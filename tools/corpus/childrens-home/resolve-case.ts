// Turns a hand-written case into a full ReportSpec: real facts from its CSV row, invented people and
// actions (seeded by the file name, so a rerun gives the same content), and a layout style.

import { SeededRandom } from '../../fake-ofsted/util/seeded-random.js';
import { col, csvRow, type CsvFile, type CsvRow } from './csv-facts.js';
import type {
  CaseSpec,
  Grade,
  HistoryRow,
  LegacyGrades,
  ProviderFacts,
  ReportSpec,
  ReportStyle,
  SccifGrades,
} from './report-spec.js';
import { addDays, isoFromSlash, weekday } from './text/dates.js';
import { personName } from './text/names.js';
import { RECOMMENDATIONS_2015, RECOMMENDATIONS_LEGACY, RECOMMENDATIONS_RSS, REQUIREMENTS_2001, REQUIREMENTS_2015 } from './text/regulations.js';
import { gradeWords } from './layouts/report-writer.js';

function gradeOf(text: string): Grade | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  if (t.startsWith('requires improvement')) return 'requires-improvement';
  if (t === 'not judged') return 'not-judged';
  if (['outstanding', 'good', 'inadequate', 'adequate', 'satisfactory'].includes(t)) return t as Grade;
  throw new Error(`corpus: unknown grade "${text}"`);
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`corpus: ${what} missing`);
  return value;
}

/** Dates and grades of the row's inspection, by file layout. */
function rowEvent(file: CsvFile, row: CsvRow): { date: string; sccif: SccifGrades | null; legacy: LegacyGrades | null } {
  if (file === 'provider_level_at_31_Mar_2015.csv') {
    const overall = need(gradeOf(col(row, 'overall effectiveness')), 'overall effectiveness');
    return {
      date: col(row, 'inspection date'),
      sccif: null,
      legacy: {
        overall,
        outcomes: gradeOf(col(row, 'outcomes for children and young people')),
        qualityOfCare: gradeOf(col(row, 'quality of care')),
        safety: gradeOf(col(row, 'the safety of children and young people')),
        leadership: gradeOf(col(row, 'leadership and management')),
      },
    };
  }
  if (file.startsWith('derby_extracts/')) {
    // 2016-2018 files kept the pre-2015 column names for SCCIF grades; "Quality of care" holds residential
    // special schools' fourth judgement, "The quality of care and support".
    const e = gradeOf(col(row, 'overall effectiveness'));
    const p = gradeOf(col(row, 'safeguarding children and young people'));
    const l = gradeOf(col(row, 'leadership and management'));
    const care = gradeOf(col(row, 'quality of care'));
    const sccif = e && p && l ? { experiences: e, protection: p, leadership: l, ...(care ? { careAndSupport: care } : {}) } : null;
    return { date: col(row, 'inspection date'), sccif, legacy: null };
  }
  const date = file === 'provider_level_at_31_Mar_2025.csv' ? col(row, 'latest full inspection date') : col(row, 'inspection date');
  const e = gradeOf(col(row, 'overall experiences and progress of children and young people'));
  const p = gradeOf(col(row, 'how well children and young people are helped and protected'));
  const l = gradeOf(col(row, 'the effectiveness of leaders and managers'));
  // Secure children's homes' sub-judgements.
  const education = gradeOf(row['outcomes in education and related learning activities'] ?? '');
  const health = gradeOf(row['health services'] ?? '');
  const sub = { ...(education ? { education } : {}), ...(health ? { health } : {}) };
  return { date, sccif: e && p && l ? { experiences: e, protection: p, leadership: l, ...sub } : null, legacy: null };
}

function providerFacts(row: CsvRow, ownerRow: CsvRow | null): ProviderFacts {
  const owner = ownerRow ?? row;
  const ownerName = owner['organisation which owns the provider'] ?? owner['organisation'] ?? '';
  const places = Number.parseInt(owner['places'] ?? '', 10);
  // "Yes" or "Short breaks only"; the 2017 file also says "Long term care only".
  const shortBreaks = /^(?:yes|short breaks only)$/i.test((row['short breaks only'] ?? row["short-break-only children's home"] ?? '').trim());
  const reg = owner['registration date'] ?? '';
  return {
    owner: ownerName || null,
    sector: col(row, 'sector'),
    places: Number.isFinite(places) ? places : null,
    shortBreaks,
    registrationDate: reg ? isoFromSlash(reg) : null,
    localAuthority: col(row, 'local authority'),
    region: row['ofsted region'] ?? row['region'] ?? '',
  };
}

const FONTS = ['Liberation Sans', 'DejaVu Sans Condensed', 'DejaVu Sans', 'Liberation Sans'];

function defaultStyle(file: string): ReportStyle {
  const r = new SeededRandom(`style:${file}`);
  return {
    font: r.pick(FONTS),
    bodySize: r.pick([10.5, 11, 11, 12]),
    curly: r.chance(0.5),
    gradeCase: r.pick(['sentence', 'sentence', 'lower', 'title'] as const),
    headingGradeCase: r.pick(['lower', 'lower', 'sentence'] as const),
    dateStyle: r.pick(['to', 'to', 'dash', 'full'] as const),
    judgementBlock: r.pick(['table', 'table', 'table-with-header', 'lines'] as const),
    labelColumnCm: r.pick([4.6, 5.4, 6.2]),
    recommendations: r.pick(['bullets', 'numbered'] as const),
    bullet: r.pick(['\u2022', '\u25AA', '\u25FC']),
    footer: r.pick(['urn', 'urn', 'urn-dates'] as const),
    pageNumber: r.pick(['number', 'page-of'] as const),
    header: r.chance(0.3),
    details: r.pick(['table', 'lines'] as const),
    headingColour: r.pick(['#000000', '#1f3864', '#2f5496']),
    borderColour: r.pick(['#a6a6a6', '#7f7f7f', '#bfbfbf']),
    headerShade: r.chance(0.5) ? r.pick(['#d9d9d9', '#deeaf6']) : null,
    numberedGrades: false,
    sentenceGrade: 'next-line',
    gradeValign: 'middle',
  };
}

function historyLabel(grade: Grade): string {
  return gradeWords(grade, 'sentence');
}

export function resolveCase(c: CaseSpec): ReportSpec {
  const r = new SeededRandom(`case:${c.file}`);
  // With an event, csvDate only picks the row whose provider facts are used.
  const row = csvRow(c.csv, c.urn, c.csvDate);
  const ownerRow = c.ownerFrom ? csvRow(c.ownerFrom, c.urn) : null;
  const provider = providerFacts(row, ownerRow);
  const event = rowEvent(c.csv, row);

  const start = c.event ? c.event.start : isoFromSlash(event.date);
  const isFull = c.kind === 'full' || c.kind === 'full-2016' || c.kind === 'rss-2016' || c.kind === 'legacy-2014';
  const days = c.days ?? (isFull && weekday(start) !== 5 ? 2 : 1);
  const end = c.event?.end ?? addDays(start, days - 1);

  let grades: SccifGrades | LegacyGrades | null = null;
  if (c.grades) grades = c.grades;
  else if (c.kind === 'full' || c.kind === 'full-2016' || c.kind === 'rss-2016') grades = need(event.sccif ?? undefined, `${c.file}: SCCIF grades`);
  else if (c.kind === 'legacy-2014' || c.kind === 'legacy-2010') grades = need(event.legacy ?? undefined, `${c.file}: legacy grades`);

  const taken: string[] = [];
  const manager = c.managerVacant ? null : personName(`${c.file}:manager`, taken);
  if (manager) taken.push(manager);
  const responsibleIndividual = personName(`${c.urn}:ri`, taken);
  taken.push(responsibleIndividual);
  const inspectors: string[] = [];
  for (let i = 0; i < (c.inspectorCount ?? 1); i++) {
    const name = personName(`${c.file}:inspector:${i}`, taken);
    taken.push(name);
    inspectors.push(name);
  }

  const legacyKind = c.kind === 'legacy-2014' || c.kind === 'legacy-2010';
  const requirements = (c.requirements ?? []).map(([regulation, weeks]) => {
    const text = legacyKind
      ? need(REQUIREMENTS_2001.find((q) => q.regulation === regulation)?.text, `2001 regulation ${regulation}`)
      : need(REQUIREMENTS_2015[regulation], `2015 regulation ${regulation}`);
    return { regulation, text, dueDate: addDays(end, weeks * 7) };
  });
  const bank = c.kind === 'rss-2016' ? RECOMMENDATIONS_RSS : legacyKind ? RECOMMENDATIONS_LEGACY : RECOMMENDATIONS_2015;
  const recommendations = r.sample(bank, c.recommendations ?? 0);
  if (recommendations.length !== (c.recommendations ?? 0)) throw new Error(`${c.file}: not enough recommendations in the bank`);

  const previous = c.previous ? { date: c.previous.date, grade: c.previous.grade } : null;
  const history: HistoryRow[] = [
    ...(previous?.grade ? [{ date: previous.date, type: 'Full' as const, judgement: historyLabel(previous.grade) }] : []),
    ...(c.history ?? []),
  ].sort((a, b) => b.date.localeCompare(a.date));

  // Enforcement is reported for registered providers only: not for visits, 2010 reports or schools.
  const enforcement =
    c.enforcement !== undefined
      ? c.enforcement
      : c.kind === 'monitoring' || c.kind === 'assurance' || c.kind === 'legacy-2010' || c.kind === 'rss-2016'
        ? null
        : 'none';

  const eventNumber = row['inspection event number'] ?? row['latest full inspection event number'] ?? row['event number'] ?? row['inspection id'];
  const rowWhat = c.event
    ? `provider facts (owner, sector, places${provider.registrationDate ? ', registration date' : ''}) from ${c.csv} URN ${c.urn}; event dates synthetic: ${c.event.why}`
    : `dates, grades and provider facts from ${c.csv} URN ${c.urn}, inspection ${event.date}${eventNumber ? ` (event ${eventNumber})` : ''}`;
  const ownerWhat = c.ownerFrom ? `; owner and places from ${c.ownerFrom}` : '';
  const prevWhat = c.previous ? `; previous inspection ${c.previous.source}` : '';
  const source = `${rowWhat}${ownerWhat}${prevWhat}; names, requirements, recommendations and narrative invented`;

  return {
    file: c.file,
    kind: c.kind,
    setting: c.setting ?? "children's home",
    settingName: c.setting === 'residential special school' ? (row['name'] ?? null) : null,
    pdfkit: c.pdfkit ?? false,
    era: c.era ?? (start >= '2022-01-01' ? 2022 : 2015),
    urn: c.urn,
    start,
    end,
    grades,
    interimOutcome: c.interimOutcome ?? null,
    noChildren: c.noChildren ?? false,
    previous,
    history,
    enforcement,
    provider,
    manager,
    responsibleIndividual,
    inspectors,
    requirements,
    recommendations,
    concerns: c.concerns ?? false,
    complianceNotice: c.complianceNotice
      ? { regulation: c.complianceNotice.regulation, dueDate: addDays(end, c.complianceNotice.weeks * 7) }
      : null,
    letter: c.letter ?? false,
    expectTableBreak: c.expectTableBreak ?? false,
    style: { ...defaultStyle(c.file), ...c.style },
    layoutSeed: 0,
    source,
    notes: c.notes ?? null,
  };
}
