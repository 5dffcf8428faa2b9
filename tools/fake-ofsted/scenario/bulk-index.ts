// Index of the bulk providers: every row of Ofsted's provider-level file at 31 March 2025 plus the
// inspection events of 2024-25. Only cheap work happens here (parse, group by URN, assign file ids);
// the synthetic details of a provider are built when it is first asked for.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { personName } from '../text/names.js';
import { addDays, ukDateToIso, weekday } from '../util/dates.js';
import { repoRoot } from '../util/repo-root.js';
import { hashString } from '../util/seeded-random.js';
import type { FileIdRegistry } from './file-id.js';
import { PUBLICATION_LAG_DAYS } from './load-curated.js';
import { syntheticProviderAddress, type ProviderBasics, type ReportDraft } from './synthetic-details.js';
import type { ScenarioGrade, ScenarioGrades, ScenarioReportKind } from './types.js';

const CSV_DIR = ['fixtures', 'real', 'csv', 'childrens_social_care'];
export const PROVIDER_LEVEL_CSV = 'provider_level_at_31_Mar_2025.csv';
export const IN_YEAR_CSV = 'provider_level_in_year_2024-25.csv';

export interface BulkEntry {
  basics: ProviderBasics;
  drafts: ReportDraft[];
}

export interface BulkIndex {
  /** URNs in CSV order (provider-level file first, then URNs only in the in-year file). */
  order: string[];
  entries: Map<string, BulkEntry>;
  /** fileId → URN, so a report file can be served before its provider page was ever built. */
  fileOwners: Map<string, string>;
}

type Row = string[];

/** A CSV table after its preamble: header names normalised (lower case, single spaces). */
interface Table {
  rows: Row[];
  col(name: string): number;
}

function readTable(file: string): Table {
  const records = parse(readFileSync(join(repoRoot(), ...CSV_DIR, file)), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as Row[];
  // The header is the first row with a cell reading exactly "URN"; before it sits a 3-line preamble.
  const headerAt = records.findIndex((r) => r.some((c) => c.trim() === 'URN'));
  if (headerAt < 0) throw new Error(`fake-ofsted: no URN header in ${file}`);
  const header = (records[headerAt] ?? []).map((c) => c.replace(/\s+/g, ' ').trim().toLowerCase());
  return {
    rows: records.slice(headerAt + 1).filter((r) => (r[1] ?? '').trim() !== ''),
    col(name: string): number {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`fake-ofsted: column "${name}" missing from ${file}`);
      return i;
    },
  };
}

function cell(row: Row, index: number): string {
  return (row[index] ?? '').trim();
}

function gradeOf(text: string): ScenarioGrade | undefined {
  switch (text.toLowerCase()) {
    case 'outstanding':
      return 'outstanding';
    case 'good':
      return 'good';
    case 'requires improvement to be good':
    case 'requires improvement':
      return 'requires-improvement';
    case 'inadequate':
      return 'inadequate';
    default:
      return undefined;
  }
}

const EVENT_KINDS: Record<string, { kind: ScenarioReportKind; title: string }> = {
  'full inspection': { kind: 'full', title: 'Full inspection' },
  'assurance visit': { kind: 'assurance', title: 'Assurance visit' },
  'monitoring inspection': { kind: 'monitoring', title: 'Monitoring inspection' },
};

interface Columns {
  urn: number;
  type: number;
  regDate: number;
  status: number;
  name: number;
  la: number;
  sector: number;
  places: number;
  shortBreaks: number;
  owner: number;
  eventType: number;
  date: number;
  published: number;
  eventNo: number;
  experiences: number;
  protection: number;
  leadership: number;
  saOutcome: number;
}

function columns(t: Table, latestPrefix: 'latest full inspection' | 'inspection'): Columns {
  return {
    urn: t.col('urn'),
    type: t.col('provision type'),
    regDate: t.col('registration date'),
    status: t.col('registration status'),
    name: t.col('name'),
    la: t.col('local authority'),
    sector: t.col('sector'),
    places: t.col('places'),
    shortBreaks: t.col("short-break-only children's home"),
    owner: t.col('organisation which owns the provider'),
    eventType: t.col(`${latestPrefix} event type`),
    date: t.col(`${latestPrefix} date`),
    published: t.col(`${latestPrefix} publication date`),
    eventNo: t.col(`${latestPrefix} event number`),
    experiences: t.col('overall experiences and progress of children and young people'),
    protection: t.col('how well children and young people are helped and protected'),
    leadership: t.col('the effectiveness of leaders and managers'),
    saOutcome: t.col('supported accommodation outcome'),
  };
}

function basicsFrom(row: Row, c: Columns): ProviderBasics {
  const urn = cell(row, c.urn);
  // One file spells it "Children's Home"; the site uses one spelling.
  const type = cell(row, c.type).replace(/^Children's Home$/, "Children's home");
  const rawName = cell(row, c.name);
  const la = cell(row, c.la) || null;
  const places = Number.parseInt(cell(row, c.places), 10);
  return {
    urn,
    category: 'CARE',
    // Ofsted anonymises children's homes: the name column says REDACTED and the page is titled by URN.
    name: rawName && rawName !== 'REDACTED' ? rawName : null,
    providerType: type,
    localAuthority: la,
    owner: cell(row, c.owner) || null,
    registrationDate: ukDateToIso(cell(row, c.regDate)),
    status: cell(row, c.status) || 'Active',
    closedAt: null,
    places: Number.isFinite(places) ? places : null,
    address: null,
    providerAddress: syntheticProviderAddress(urn, la),
    responsibleIndividual: personName(`${urn}:ri`),
    sector: cell(row, c.sector) || null,
    shortBreaksOnly: cell(row, c.shortBreaks) !== '',
    source: '',
  };
}

/** The CSVs give one date per event; full inspections usually run over two days. */
function inspectionEnd(urn: string, kind: ScenarioReportKind, start: string): string {
  if (kind !== 'full') return start;
  const day = weekday(start);
  if (day === 5 || day === 6 || hashString(`${urn}:${start}:days`) % 10 < 3) return start;
  return addDays(start, 1);
}

function draftFrom(row: Row, c: Columns, source: string): (Omit<ReportDraft, 'fileId'> & { urn: string }) | null {
  const event = EVENT_KINDS[cell(row, c.eventType).toLowerCase()];
  const start = ukDateToIso(cell(row, c.date));
  if (!event || !start) return null;
  const urn = cell(row, c.urn);
  const end = inspectionEnd(urn, event.kind, start);
  let grades: ScenarioGrades | null = null;
  let outcome: string | null = null;
  if (event.kind === 'full') {
    const experiences = gradeOf(cell(row, c.experiences));
    const protection = gradeOf(cell(row, c.protection));
    const leadership = gradeOf(cell(row, c.leadership));
    if (experiences && protection && leadership) grades = { experiences, protection, leadership };
    else outcome = cell(row, c.saOutcome) || null;
    if (!grades && !outcome) return null;
  }
  const eventNo = cell(row, c.eventNo);
  return {
    urn,
    kind: event.kind,
    title: event.title,
    inspectionStart: start,
    inspectionEnd: end,
    publishedAt: ukDateToIso(cell(row, c.published)) ?? addDays(end, PUBLICATION_LAG_DAYS),
    grades,
    interimOutcome: null,
    outcome,
    file: null,
    source: eventNo ? `${source}, event ${eventNo}` : source,
  };
}

function withoutUrn(d: Omit<ReportDraft, 'fileId'> & { urn: string }): Omit<ReportDraft, 'fileId'> {
  const { urn: _urn, ...rest } = d;
  return rest;
}

/** Parse both CSVs and index every provider not in `exclude` (the curated URNs). */
export function loadBulkIndex(registry: FileIdRegistry, exclude: ReadonlySet<string>): BulkIndex {
  const entries = new Map<string, BulkEntry>();
  const order: string[] = [];
  const fileOwners = new Map<string, string>();
  const seen = new Map<string, Set<string>>();

  const add = (urn: string, draft: Omit<ReportDraft, 'fileId'>): void => {
    const entry = entries.get(urn);
    if (!entry) return;
    const key = `${draft.kind}|${draft.inspectionStart}`;
    const keys = seen.get(urn) ?? new Set<string>();
    seen.set(urn, keys);
    // The latest full inspection of the provider-level file usually repeats an in-year event.
    if (keys.has(key)) return;
    keys.add(key);
    const fileId = registry.assign(urn, draft.kind, draft.inspectionStart);
    fileOwners.set(fileId, urn);
    entry.drafts.push({ ...draft, fileId });
  };

  const providerLevel = readTable(PROVIDER_LEVEL_CSV);
  const inYear = readTable(IN_YEAR_CSV);
  const pc = columns(providerLevel, 'latest full inspection');
  const yc = columns(inYear, 'inspection');

  providerLevel.rows.forEach((row, i) => {
    const urn = cell(row, pc.urn);
    if (exclude.has(urn) || entries.has(urn)) return;
    const basics = basicsFrom(row, pc);
    basics.source = `${PROVIDER_LEVEL_CSV}, data row ${i + 1}`;
    entries.set(urn, { basics, drafts: [] });
    order.push(urn);
  });
  // Providers that resigned or closed during 2024-25 appear only in the in-year file.
  inYear.rows.forEach((row, i) => {
    const urn = cell(row, yc.urn);
    if (exclude.has(urn) || entries.has(urn)) return;
    const basics = basicsFrom(row, yc);
    basics.source = `${IN_YEAR_CSV}, data row ${i + 1} (not in ${PROVIDER_LEVEL_CSV})`;
    entries.set(urn, { basics, drafts: [] });
    order.push(urn);
  });

  for (const row of inYear.rows) {
    const d = draftFrom(row, yc, IN_YEAR_CSV);
    if (d) add(d.urn, withoutUrn(d));
  }
  for (const row of providerLevel.rows) {
    const d = draftFrom(row, pc, `${PROVIDER_LEVEL_CSV} (latest full inspection)`);
    if (d) add(d.urn, withoutUrn(d));
  }
  return { order, entries, fileOwners };
}
