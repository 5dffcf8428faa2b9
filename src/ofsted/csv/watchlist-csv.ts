import { BadInputError } from '../../errors.js';
import { normaliseUrn } from '../urn.js';
import { findUrnHeaderRow, isBlankCell as isBlank, isUrnHeader, readCsvRows } from './csv-rows.js';

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

/**
 * Read the URNs out of a CSV: Ofsted's "Children's social care data in England" provider-level
 * files (preamble lines above the header, header cells with line breaks), any CSV with a "URN"
 * column, or a bare list of URNs one per line. Pure: the caller reads the file.
 */
export function readUrnsFromCsv(text: string): UrnCsvResult {
  return readUrnsFromRows(readCsvRows(text));
}

/** readUrnsFromCsv on rows already read (a CSV's, or a spreadsheet sheet's). */
export function readUrnsFromRows(rows: string[][]): UrnCsvResult {
  const headerIndex = findUrnHeaderRow(rows);
  if (headerIndex >= 0) {
    const header = rows[headerIndex] ?? [];
    const columnIndex = header.findIndex(isUrnHeader);
    return collect(rows.slice(headerIndex + 1), columnIndex, (header[columnIndex] ?? '').trim());
  }
  if (isBareUrnList(rows)) return collect(rows, 0, HEADERLESS_COLUMN);
  return { urns: [], skipped: 0, column: NO_URN_COLUMN };
}

/** Throws bad input (exit 2) with one line when a CSV had no URN column to import from. */
export function assertHasUrnColumn(result: UrnCsvResult, source = 'the CSV'): void {
  if (result.column === NO_URN_COLUMN) {
    throw new BadInputError(`no URN column in ${source}: expected a header cell "URN" or one URN per line`);
  }
}

/** One value per row (trailing empty cells allowed), at least one of them a URN. */
function isBareUrnList(rows: string[][]): boolean {
  const singleColumn = rows.every((row) => row.slice(1).every(isBlank));
  return singleColumn && rows.some((row) => normaliseUrn(row[0] ?? '') !== null);
}

function collect(dataRows: string[][], columnIndex: number, column: string): UrnCsvResult {
  const seen = new Set<string>();
  let skipped = 0;
  for (const row of dataRows) {
    // Spreadsheet exports pad the end with rows of empty cells; they are not data.
    if (row.every(isBlank)) continue;
    const urn = normaliseUrn(row[columnIndex] ?? '');
    if (urn === null) skipped += 1;
    else seen.add(urn);
  }
  return { urns: [...seen], skipped, column };
}
