import { Readable, pipeline } from 'node:stream';
import { CsvError, parse as parseStream, type Options } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { BadInputError } from '../../errors.js';

// What every CSV reader of the product shares: Ofsted's exports open with preamble lines of their own
// width, put line breaks inside header cells and pad the end with rows of empty cells.

/** Rows streamCsvRows hands over at a time. */
const ROWS_PER_BATCH = 1_000;

const CSV_OPTIONS: Options = {
  bom: true,
  // Preamble lines and padded rows have fewer or more cells than the header.
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
};

/** Every row of a CSV as cells (a byte-order mark dropped, empty lines skipped); bad input when unreadable. */
export function readCsvRows(text: string): string[][] {
  try {
    return parse(text, CSV_OPTIONS) as string[][];
  } catch (error) {
    throw csvFailure(error);
  }
}

/**
 * readCsvRows on text arriving in pieces, yielding its rows in order, up to ROWS_PER_BATCH at a time: a
 * file of any length costs one batch at a time. Rejects as readCsvRows does, once the
 * unreadable part is reached.
 */
export async function* streamCsvRows(text: AsyncIterable<string>): AsyncGenerator<string[][]> {
  const parser = parseStream(CSV_OPTIONS);
  // csv-parse makes an error object, stack trace and all, for each row whose length is not the first row's,
  // and relax_column_count then drops it: after Ofsted's one-cell preamble lines that is every row, at 20
  // times the cost of parsing it. Expecting each row to be as long as the one before leaves such an error
  // only where the length changes. (`state` is the parser's own, kept public; without it only speed differs.)
  const state = (parser as unknown as { state?: { expectedRecordLength?: unknown } }).state;
  let rows: string[][] = [];
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  parser.on('data', (row: string[]) => {
    rows.push(row);
    if (state) state.expectedRecordLength = row.length;
    // Rows are handed over a batch at a time: awaiting them one by one costs more than parsing them.
    if (rows.length >= ROWS_PER_BATCH) parser.pause();
    wake?.();
  });
  parser.on('end', () => {
    ended = true;
    wake?.();
  });
  pipeline(Readable.from(text), parser, (err) => {
    if (err) failure = err;
    wake?.();
  });
  try {
    for (;;) {
      if (rows.length > 0) {
        const batch = rows;
        rows = [];
        yield batch;
        parser.resume();
      } else if (failure) {
        throw failure;
      } else if (ended) {
        return;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    }
  } catch (error) {
    throw csvFailure(error);
  } finally {
    parser.destroy();
  }
}

function csvFailure(error: unknown): unknown {
  return error instanceof CsvError ? new BadInputError(`not a readable CSV: ${error.message}`) : error;
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
