import { read, utils } from '@e965/xlsx';
import { BadInputError } from '../../errors.js';
import type { DataTable } from './provider-level-rows.js';

// Ofsted publishes its provider-level data as an ODS workbook (sheets such as `Provider_level_at_31_Mar_2025`
// and `Provider_level_in_year_2024-25` beside a cover, a guidance sheet and national tables). SheetJS reads it;
// this module only turns its cells into the strings the CSV reader yields, so both paths share one parser.

/** Every sheet of a spreadsheet (ODS, or XLSX which SheetJS reads the same way) as rows of text cells. */
export function readSpreadsheetTables(bytes: Uint8Array, source: string): DataTable[] {
  let workbook: ReturnType<typeof read>;
  try {
    // Values only: formulas (the "Web link" cells are HYPERLINK formulas), styles and HTML are not needed.
    workbook = read(bytes, { type: 'buffer', cellDates: true, dense: true, cellFormula: false, cellHTML: false, cellStyles: false });
  } catch (error) {
    throw new BadInputError(`${source} is not a readable spreadsheet: ${error instanceof Error ? error.message : String(error)}`);
  }
  return workbook.SheetNames.map((name) => {
    const sheet = workbook.Sheets[name];
    const rows = sheet
      ? utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: '', blankrows: false, UTC: true })
      : [];
    return { name, rows: rows.map((row) => row.map(cellText)) };
  });
}

/**
 * A cell as text. Dates become ISO (SheetJS gives a date cell as a Date at UTC midnight when asked for UTC,
 * whatever the machine's time zone); a cell's formatted text is never used for dates, as it follows the
 * sheet's number format ("11/5/24" in a US one).
 */
function cellText(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (value === null || value === undefined) return '';
  return String(value);
}
