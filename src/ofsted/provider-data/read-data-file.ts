import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { BadInputError } from '../../errors.js';
import { readCsvRows, streamCsvRows } from '../csv/csv-rows.js';
import type { DataTable } from './provider-level-rows.js';

/** A data file as tables: one for a CSV, one per sheet for a spreadsheet. */
export interface DataFile {
  format: 'csv' | 'spreadsheet';
  tables: DataTable[];
}

/**
 * A data file ready to be read: a spreadsheet's sheets (read whole: the spreadsheet library cannot stream),
 * or a CSV whose rows are read from disk as they stream, in order, a few hundred at a time.
 */
export type DataSource =
  | { format: 'spreadsheet'; tables: DataTable[] }
  | { format: 'csv'; name: string; size: number; rows: (onRead?: (bytes: number) => void) => AsyncIterable<string[][]> };

// Ofsted's provider-level files are a few MB; anything far larger is not one of them.
const MAX_BYTES = 200 * 1024 * 1024;

/**
 * Largest spreadsheet read, bytes. SheetJS holds the whole workbook and its XML, ~15 times the file's size:
 * a 9 MB ODS of Ofsted's two provider-level sheets (10,500 rows) needs ~140 MB of heap, what the service
 * image allows (SERVICE_NODE_OPTIONS). A CSV is streamed and has no such limit.
 */
export const MAX_SPREADSHEET_BYTES = 10 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04]; // ODS and XLSX
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // XLS

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const isSpreadsheet = (head: Uint8Array) => startsWith(head, ZIP) || startsWith(head, OLE);

/**
 * Read a CSV or a spreadsheet (ODS, or XLSX/XLS) into tables, telling them apart by their bytes rather
 * than the name. Errors a user can cause (no file, not a table) are bad input with one line.
 */
export async function readDataFile(path: string): Promise<DataFile> {
  const size = await fileSize(path);
  if (size > MAX_BYTES) throw new BadInputError(`${path} is ${Math.round(size / 1024 / 1024)} MB: too large for a provider-level data file`);
  const bytes = await readFile(path).catch((err: Error) => {
    throw new BadInputError(`cannot read ${path}: ${err.message}`);
  });
  if (isSpreadsheet(bytes)) return { format: 'spreadsheet', tables: await spreadsheetTables(bytes, size, path) };
  if (bytes.includes(0)) throw notATable(path);
  return { format: 'csv', tables: [{ name: basename(path), rows: readCsvRows(decodeText(bytes)) }] };
}

/**
 * Open a CSV or a spreadsheet as readDataFile tells them apart, without holding a CSV in memory: its bytes
 * are checked as they stream (no NUL byte; UTF-8 or else Windows-1252, decided over the whole file, as
 * decodeText does), and `rows()` streams them again, each time it is called. A spreadsheet larger than MAX_SPREADSHEET_BYTES is bad
 * input. Same one-line errors as readDataFile.
 */
export async function openDataFile(path: string): Promise<DataSource> {
  const size = await fileSize(path);
  const head = await readHead(path, 4);
  if (isSpreadsheet(head)) {
    checkSpreadsheetSize(size, path);
    const bytes = await readFile(path).catch((err: Error) => {
      throw new BadInputError(`cannot read ${path}: ${err.message}`);
    });
    return { format: 'spreadsheet', tables: await spreadsheetTables(bytes, size, path) };
  }
  const encoding = await csvEncoding(path);
  return { format: 'csv', name: basename(path), size, rows: (onRead) => streamCsvRows(decodeStream(path, encoding, onRead)) };
}

async function fileSize(path: string): Promise<number> {
  const size = await stat(path).then(
    (s) => (s.isFile() ? s.size : -1),
    (err: NodeJS.ErrnoException) => {
      throw new BadInputError(err.code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${err.message}`);
    },
  );
  if (size < 0) throw new BadInputError(`${path} is not a file`);
  return size;
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  try {
    const file = await open(path);
    try {
      const { buffer, bytesRead } = await file.read(Buffer.alloc(bytes), 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (err) {
    throw new BadInputError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

function checkSpreadsheetSize(size: number, path: string): void {
  if (size > MAX_SPREADSHEET_BYTES) {
    const mb = (bytes: number) => Math.ceil(bytes / 1024 / 1024);
    throw new BadInputError(`${path} is ${mb(size)} MB: a spreadsheet is read whole, so at most ${mb(MAX_SPREADSHEET_BYTES)} MB; save its provider-level sheet as CSV`);
  }
}

async function spreadsheetTables(bytes: Uint8Array, size: number, path: string): Promise<DataTable[]> {
  checkSpreadsheetSize(size, path);
  // Loaded only for spreadsheets: SheetJS is large and CSV users never need it.
  const { readSpreadsheetTables } = await import('./spreadsheet-tables.js');
  return readSpreadsheetTables(bytes, path);
}

const notATable = (path: string) => new BadInputError(`${path} is neither a CSV nor a spreadsheet (ODS)`);

type TextEncoding = 'utf-8' | 'windows-1252';

/** The encoding decodeText would choose for the whole file, found as it streams; bad input on a NUL byte. */
async function csvEncoding(path: string): Promise<TextEncoding> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let valid = true;
  const check = (chunk?: Buffer) => {
    try {
      if (chunk) utf8.decode(chunk, { stream: true });
      else utf8.decode(); // the end: a multi-byte sequence cut off there is not UTF-8 either
    } catch {
      valid = false;
    }
  };
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      if (chunk.includes(0)) throw notATable(path);
      if (valid) check(chunk);
    }
  } catch (err) {
    throw err instanceof BadInputError ? err : new BadInputError(`cannot read ${path}: ${(err as Error).message}`);
  }
  if (valid) check();
  return valid ? 'utf-8' : 'windows-1252';
}

async function* decodeStream(path: string, encoding: TextEncoding, onRead?: (bytes: number) => void): AsyncGenerator<string> {
  // TextDecoder drops a UTF-8 byte-order mark and keeps a character split across chunks whole.
  const utf8 = new TextDecoder('utf-8');
  let read = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    read += chunk.length;
    onRead?.(read);
    yield encoding === 'utf-8' ? utf8.decode(chunk, { stream: true }) : decodeWindows1252(chunk);
  }
  if (encoding === 'utf-8') yield utf8.decode();
}

// Windows-1252 at 0x80-0x9F, where it differs from Latin-1 (unassigned bytes kept as they are). Node 20's
// TextDecoder('windows-1252') decodes these bytes as Latin-1's control characters instead.
const CP1252_80_9F = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009F]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80] ?? c);
}

/**
 * UTF-8 when the bytes are valid UTF-8, else Windows-1252: spreadsheets saved as "CSV" on Windows write
 * the en dash of Ofsted's titles and curly apostrophes in that code page.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
