import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { BadInputError } from '../../errors.js';
import { readCsvRows } from '../csv/csv-rows.js';
import type { DataTable } from './provider-level-rows.js';

/** A data file as tables: one for a CSV, one per sheet for a spreadsheet. */
export interface DataFile {
  format: 'csv' | 'spreadsheet';
  tables: DataTable[];
}

// Ofsted's provider-level files are a few MB; anything far larger is not one of them.
const MAX_BYTES = 200 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04]; // ODS and XLSX
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // XLS

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Read a CSV or a spreadsheet (ODS, or XLSX/XLS) into tables, telling them apart by their bytes rather
 * than the name. Errors a user can cause (no file, not a table) are bad input with one line.
 */
export async function readDataFile(path: string): Promise<DataFile> {
  const size = await stat(path).then(
    (s) => (s.isFile() ? s.size : -1),
    (err: NodeJS.ErrnoException) => {
      throw new BadInputError(err.code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${err.message}`);
    },
  );
  if (size < 0) throw new BadInputError(`${path} is not a file`);
  if (size > MAX_BYTES) throw new BadInputError(`${path} is ${Math.round(size / 1024 / 1024)} MB: too large for a provider-level data file`);
  const bytes = await readFile(path).catch((err: Error) => {
    throw new BadInputError(`cannot read ${path}: ${err.message}`);
  });
  if (startsWith(bytes, ZIP) || startsWith(bytes, OLE)) {
    // Loaded only for spreadsheets: SheetJS is large and CSV users never need it.
    const { readSpreadsheetTables } = await import('./spreadsheet-tables.js');
    return { format: 'spreadsheet', tables: readSpreadsheetTables(bytes, path) };
  }
  if (bytes.includes(0)) throw new BadInputError(`${path} is neither a CSV nor a spreadsheet (ODS)`);
  return { format: 'csv', tables: [{ name: basename(path), rows: readCsvRows(decodeText(bytes)) }] };
}

// Windows-1252 at 0x80-0x9F, where it differs from Latin-1 (unassigned bytes kept as they are). Node 20's
// TextDecoder('windows-1252') decodes these bytes as Latin-1's control characters instead.
const CP1252_80_9F = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * UTF-8 when the bytes are valid UTF-8, else Windows-1252: spreadsheets saved as "CSV" on Windows write
 * the en dash of Ofsted's titles and curly apostrophes in that code page.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1').replace(/[\u0080-\u009F]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80] ?? c);
  }
}
