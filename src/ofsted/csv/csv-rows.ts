import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { BadInputError } from '../../errors.js';

// What every CSV reader of the product shares: Ofsted's exports open with preamble lines of their own
// width, put line breaks inside header cells and pad the end with rows of empty cells.

/** Every row of a CSV as cells (a byte-order mark dropped, empty lines skipped); bad input when unreadable. */
export function readCsvRows(text: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      // Preamble lines and padded rows have fewer or more cells than the header.
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw new BadInputError(`not a readable CSV: ${error.message}`);
    throw error;
  }
}

export function isUrnHeader(cell: string): boolean {
  return cell.trim().toUpperCase() === 'URN';
}

/**
 * Index of the header row: the first row with a cell that is exactly "URN" (Ofsted's preambles vary by
 * year, from none to four lines, and other headers merely contain it, e.g. "Linked Education URN"); -1
 * when there is none.
 */
export function findUrnHeaderRow(rows: readonly (readonly string[])[]): number {
  return rows.findIndex((row) => row.some(isUrnHeader));
}

export function isBlankCell(cell: string | undefined): boolean {
  return cell === undefined || cell.trim() === '';
}
