import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { utils, write } from '@e965/xlsx';
import { readCsvRows } from '../../src/ofsted/csv/csv-rows.js';
import { REPO_ROOT } from './cli.js';

// Ofsted publishes "Children's social care data in England" as an ODS workbook; the fixtures hold its
// provider-level sheets as CSV (fixtures/real/SOURCES.md). This rebuilds such a workbook from them, as the
// published one is laid out: a cover and a guidance sheet before the provider-level sheets, a preamble above
// each table, dates as date cells (not text), numeric URNs as numbers, and the "Web link" cells as
// HYPERLINK formulas.

export const CSC_DIR = join(REPO_ROOT, 'fixtures', 'real', 'csv', 'childrens_social_care');

export interface WorkbookSheet {
  /** Sheet name, e.g. Provider_level_at_31_Mar_2025. */
  name: string;
  /** CSV under fixtures/real/csv/childrens_social_care/. */
  csv: string;
}

const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function cell(text: string, column: number): unknown {
  const date = DMY.exec(text.trim());
  if (date) return new Date(Date.UTC(Number(date[3]), Number(date[2]) - 1, Number(date[1])));
  // URN and places columns: digits are numbers in a spreadsheet.
  if (/^\d{1,7}$/.test(text.trim()) && column > 0) return Number(text.trim());
  return text;
}

/** An ODS workbook (bytes) with a cover, the 2025 guidance sheet, and one sheet per given CSV. */
export function ofstedWorkbook(sheets: readonly WorkbookSheet[]): Buffer {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet([["Children's social care data in England"], ['Contents']]), 'Cover');
  const guidance = readCsvRows(readFileSync(join(CSC_DIR, 'guidance_sheet_2025.csv'), 'utf8'));
  utils.book_append_sheet(book, utils.aoa_to_sheet(guidance), 'Guidance');
  for (const sheet of sheets) {
    const rows = readCsvRows(readFileSync(join(CSC_DIR, sheet.csv), 'utf8'));
    const headerAt = rows.findIndex((r) => r.some((c) => c.trim() === 'URN'));
    const values = rows.map((row, r) => (r <= headerAt ? row : row.map((c, i) => cell(c, i))));
    const ws = utils.aoa_to_sheet(values, { cellDates: true, UTC: true });
    // The published "Web link" cells are formulas; the cached text is what a reader without formulas sees.
    for (let r = headerAt + 1; r < values.length; r += 1) {
      const address = utils.encode_cell({ r, c: 0 });
      const urnCell = ws[utils.encode_cell({ r, c: 1 })] as { v?: unknown } | undefined;
      if (ws[address] && urnCell?.v !== undefined) {
        ws[address].f = `HYPERLINK("http://reports.ofsted.gov.uk/inspection-reports/find-inspection-report/provider/CARE/"&B${r + 1};"Ofsted Social Care Provider Webpage")`;
      }
    }
    utils.book_append_sheet(book, ws, sheet.name);
  }
  return write(book, { type: 'buffer', bookType: 'ods', compression: true }) as Buffer;
}
