import { BadInputError } from '../../errors.js';
import { normaliseUrn } from '../urn.js';
import { isBlankCell as isBlank, isUrnHeader, readCsvRows } from './csv-rows.js';

/** What a CSV yielded for `watch import`. */
export interface UrnCsvResult {
  /** Distinct normalised URNs, in file order. */
  urns: string[];
  /** Data rows whose URN cell was blank or not a URN. Wholly empty rows are not counted. */
  skipped: number;
  /**
   * The URN column's header as written (e.g. "URN"), HEADERLESS_COLUMN for a bare list of URNs,
   * or NO_URN_COLUMN when none was found (see assertHasUrnColumn).
   */
  column: string;
}

/** `column` of a result read from a headerless, single-column list of URNs. */
export const HEADERLESS_COLUMN = '(no header)';
/** `column` of a result where no URN column was found. */
export const NO_URN_COLUMN = '';

/** How rows read before any header are taken: as a bare list, until a header row says otherwise. */
export const BARE_LIST: UrnLayout = { kind: 'bare', column: HEADERLESS_COLUMN, hasUrn: true };

/** Where a table's URNs are: below a header row with a "URN" cell, in a bare list, or nowhere. */
export type UrnLayout =
  | { kind: 'header'; headerAt: number; header: readonly string[]; columnIndex: number; column: string; hasUrn: boolean }
  | { kind: 'bare'; column: typeof HEADERLESS_COLUMN; hasUrn: true }
  | { kind: 'none'; column: typeof NO_URN_COLUMN; hasUrn: false };

/**
 * Learns a table's UrnLayout one row at a time, keeping only that row's verdicts, so that a file of any
 * length can be surveyed before anything is written: Ofsted's "Children's social care data in England"
 * provider-level files (preamble lines above the header, header cells with line breaks), any table with a
 * "URN" column, or a bare list of URNs one per line. Pure.
 */
export class UrnLayoutFinder {
  #rows = 0;
  #header: Extract<UrnLayout, { kind: 'header' }> | null = null;
  #singleColumn = true;
  #firstCellUrn = false;

  push(row: readonly string[]): void {
    const index = this.#rows++;
    if (this.#header) {
      this.#header.hasUrn ||= normaliseUrn(row[this.#header.columnIndex] ?? '') !== null;
      return;
    }
    // The header is the first row with a cell that is exactly "URN" (preambles vary by year, from none to
    // four lines, and other headers merely contain it, e.g. "Linked Education URN").
    const columnIndex = row.findIndex(isUrnHeader);
    if (columnIndex >= 0) {
      this.#header = { kind: 'header', headerAt: index, header: [...row], columnIndex, column: (row[columnIndex] ?? '').trim(), hasUrn: false };
      return;
    }
    this.#singleColumn &&= row.slice(1).every(isBlank);
    this.#firstCellUrn ||= normaliseUrn(row[0] ?? '') !== null;
  }

  /** The header's layout once a header row has been pushed (it never changes after), else null. */
  get headerLayout(): Readonly<Extract<UrnLayout, { kind: 'header' }>> | null {
    return this.#header;
  }

  get layout(): UrnLayout {
    if (this.#header) return { ...this.#header };
    // One value per row (trailing empty cells allowed), at least one of them a URN.
    if (this.#singleColumn && this.#firstCellUrn) return { kind: 'bare', column: HEADERLESS_COLUMN, hasUrn: true };
    return { kind: 'none', column: NO_URN_COLUMN, hasUrn: false };
  }
}

/**
 * What row `index` of a table with this layout holds: a URN, 'skipped' (a data row whose URN cell is blank
 * or not a URN) or null (above the header, or a wholly empty row: spreadsheet exports pad the end with rows
 * of empty cells; they are not data).
 */
export function urnOfRow(layout: UrnLayout, row: readonly string[], index: number): string | 'skipped' | null {
  if (layout.kind === 'none' || (layout.kind === 'header' && index <= layout.headerAt)) return null;
  if (row.every(isBlank)) return null;
  return normaliseUrn(row[layout.kind === 'header' ? layout.columnIndex : 0] ?? '') ?? 'skipped';
}

/** Read the URNs out of a CSV (see UrnLayoutFinder for which). Pure: the caller reads the file. */
export function readUrnsFromCsv(text: string): UrnCsvResult {
  return readUrnsFromRows(readCsvRows(text));
}

/** readUrnsFromCsv on rows already read (a CSV's, or a spreadsheet sheet's). */
export function readUrnsFromRows(rows: readonly (readonly string[])[]): UrnCsvResult {
  const finder = new UrnLayoutFinder();
  for (const row of rows) finder.push(row);
  const layout = finder.layout;
  const seen = new Set<string>();
  let skipped = 0;
  rows.forEach((row, index) => {
    const urn = urnOfRow(layout, row, index);
    if (urn === 'skipped') skipped += 1;
    else if (urn !== null) seen.add(urn);
  });
  return { urns: [...seen], skipped, column: layout.column };
}

/** Throws bad input (exit 2) with one line when a CSV had no URN column to import from. */
export function assertHasUrnColumn(result: Pick<UrnCsvResult, 'column'>, source = 'the CSV'): void {
  if (result.column === NO_URN_COLUMN) {
    throw new BadInputError(`no URN column in ${source}: expected a header cell "URN" or one URN per line`);
  }
}
