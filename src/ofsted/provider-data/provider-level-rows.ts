import { findUrnHeaderRow, isBlankCell } from '../csv/csv-rows.js';
import { parseDate } from '../dates.js';
import { normaliseUrn } from '../urn.js';
import { CHILDRENS_HOME_SCCIF_FROM, normaliseGrade, type Grade, type ReportKind } from '../vocabulary.js';
import { columnRole, eventKind, type ColumnRole, type GradeColumn } from './provider-level-columns.js';

/** One table of a data file: a CSV, or one sheet of a spreadsheet. */
export interface DataTable {
  /** The file name, or the sheet's name. */
  name: string;
  rows: string[][];
}

/** One judgement as Ofsted's data gives it. */
export interface OfstedJudgement {
  /**
   * The judgement keys the column can stand for, the likelier first: a column headed "Safeguarding
   * children and young people" is `safeguarding` before the SCCIF and `help-and-protection` after.
   */
  keys: string[];
  grade: Grade;
}

/** One inspection as a row of Ofsted's provider-level data states it. */
export interface OfstedInspection {
  urn: string;
  /** ISO. The one date the data gives, usually the inspection's first day. */
  inspectionDate: string;
  publishedAt: string | null;
  /** What the event type names; null when the row does not say or says something unknown. */
  kind: ReportKind | null;
  /** The headline grade (what the store keeps as `overall`); null when the row has none. */
  overall: Grade | null;
  judgements: OfstedJudgement[];
}

/** What a provider-level data file states. */
export interface ProviderLevelData {
  /** Every distinct URN of the file's provider-level tables, in file order (with or without an inspection). */
  urns: string[];
  /** Rows that name an inspection (a date), in file order; a row repeated across sheets counts once. */
  inspections: OfstedInspection[];
  /** Data rows whose URN cell was blank or not a URN (wholly empty rows are not counted). */
  skipped: number;
  /** Tables read: those with a URN heading and an inspection date column. */
  tables: string[];
}

type Columns = { roles: Map<ColumnRole, number>; grades: { index: number; column: GradeColumn }[] };

function columnsOf(header: readonly string[]): Columns {
  const roles = new Map<ColumnRole, number>();
  const grades: Columns['grades'] = [];
  header.forEach((heading, index) => {
    const role = columnRole(heading);
    if (role === null) return;
    if (typeof role === 'string') {
      // The first of a role wins: the latest inspection's columns come before anything after them.
      if (!roles.has(role)) roles.set(role, index);
    } else {
      grades.push({ index, column: role });
    }
  });
  return { roles, grades };
}

/**
 * Read the inspections out of Ofsted's provider-level tables (the "at 31 March" files: each provider's
 * latest full inspection; the "in year" files: every inspection event). Tables without a URN heading and an
 * inspection date column (a guidance sheet, national counts) are passed over. Pure.
 */
export function readProviderLevelTables(tables: readonly DataTable[]): ProviderLevelData {
  const reader = new ProviderLevelReader();
  for (const table of tables) {
    const headerAt = findUrnHeaderRow(table.rows);
    if (headerAt < 0 || !reader.startTable(table.name, table.rows[headerAt] ?? [])) continue;
    for (const row of table.rows.slice(headerAt + 1)) reader.push(row);
  }
  return reader.data;
}

/**
 * readProviderLevelTables one row at a time, for a file read as it streams: `startTable` with each table's
 * header row, then `push` each row below it. Keeps at most `maxKept` inspections and URNs; past that it only
 * counts (`overflowed`), so a file of any length costs bounded memory.
 */
export class ProviderLevelReader {
  readonly #maxKept: number;
  readonly #urns = new Set<string>();
  #inspections: OfstedInspection[] = [];
  readonly #seen = new Set<string>();
  readonly #tables: string[] = [];
  #skipped = 0;
  #overflowed = false;
  #columns: Columns | null = null;

  constructor(maxKept = Infinity) {
    this.#maxKept = maxKept;
  }

  /** Begin a table; false (and its rows are then ignored) when it has no URN and inspection date columns. */
  startTable(name: string, header: readonly string[]): boolean {
    const columns = columnsOf(header);
    const provider = columns.roles.has('urn') && columns.roles.has('inspectionDate');
    this.#columns = provider ? columns : null;
    if (provider) this.#tables.push(name);
    return provider;
  }

  push(row: readonly string[]): void {
    const columns = this.#columns;
    if (!columns) return;
    // Spreadsheet exports pad the end with rows of empty cells; they are not data.
    if (row.every(isBlankCell)) return;
    const urn = normaliseUrn(row[columns.roles.get('urn')!] ?? '');
    if (!urn) {
      this.#skipped += 1;
      return;
    }
    if (this.#overflowed) return;
    this.#urns.add(urn);
    const inspection = inspectionOf(urn, row, columns.roles.get('inspectionDate')!, columns);
    if (inspection) {
      // The in-year sheet repeats the latest full inspection the at-31-March sheet gives.
      const identity = JSON.stringify(inspection);
      if (!this.#seen.has(identity)) {
        this.#seen.add(identity);
        this.#inspections.push(inspection);
      }
    }
    if (this.#urns.size > this.#maxKept || this.#inspections.length > this.#maxKept) {
      this.#overflowed = true;
      this.#urns.clear();
      this.#seen.clear();
      this.#inspections = [];
    }
  }

  /** More inspections or URNs than `maxKept`: `data` then holds none of them. */
  get overflowed(): boolean {
    return this.#overflowed;
  }

  get data(): ProviderLevelData {
    return { urns: [...this.#urns], inspections: [...this.#inspections], skipped: this.#skipped, tables: [...this.#tables] };
  }
}

function inspectionOf(urn: string, row: readonly string[], dateAt: number, columns: Columns): OfstedInspection | null {
  // A provider registered but never inspected has an empty date.
  const inspectionDate = parseDate(row[dateAt] ?? '');
  if (!inspectionDate) return null;
  const cell = (role: ColumnRole) => {
    const at = columns.roles.get(role);
    return at === undefined ? '' : (row[at] ?? '').trim();
  };
  const publishedAt = cell('publishedAt') ? parseDate(cell('publishedAt')) : null;
  const legacy = inspectionDate < CHILDRENS_HOME_SCCIF_FROM;
  let overall: Grade | null = null;
  const judgements: OfstedJudgement[] = [];
  for (const { index, column } of columns.grades) {
    // Blank where a judgement does not apply; words that are no grade (supported accommodation outcomes) are not compared.
    const grade = normaliseGrade(row[index]);
    if (!grade) continue;
    if (column.headline && overall === null) overall = grade;
    const keys = (legacy ? [column.legacyKey, column.sccifKey] : [column.sccifKey, column.legacyKey]).filter(
      (k, i, all): k is string => k !== null && all.indexOf(k) === i,
    );
    judgements.push({ keys, grade });
  }
  return { urn, inspectionDate, publishedAt, kind: eventKind(cell('eventType')), overall, judgements };
}
