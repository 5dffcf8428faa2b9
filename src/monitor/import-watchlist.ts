import { basename } from 'node:path';
import { BadInputError } from '../errors.js';
import {
  BARE_LIST,
  HEADERLESS_COLUMN,
  NO_URN_COLUMN,
  UrnLayoutFinder,
  assertHasUrnColumn,
  readUrnsFromRows,
  urnOfRow,
  type UrnCsvResult,
  type UrnLayout,
} from '../ofsted/csv/watchlist-csv.js';
import { findUrnHeaderRow } from '../ofsted/csv/csv-rows.js';
import { ProviderLevelReader, type DataTable } from '../ofsted/provider-data/provider-level-rows.js';
import { openDataFile } from '../ofsted/provider-data/read-data-file.js';
import type { Store } from '../store/store.js';
import { referenceSnapshot } from './reference-snapshot.js';

/**
 * Most inspections (and URNs) one reference snapshot keeps: it is stored, and reconciled, as one document.
 * Ofsted's provider-level files hold ~5,600 providers and ~5,000 in-year events.
 */
export const MAX_SNAPSHOT_INSPECTIONS = 50_000;

/** URNs handed to the store at a time. */
const BATCH = 5_000;

export interface WatchImportResult {
  file: string;
  /** Distinct URNs in the file. */
  found: number;
  added: number;
  alreadyWatched: number;
  /** Data rows whose URN cell was blank or not a URN. */
  skipped: number;
  /** The reference snapshot of Ofsted's data the file holds, if it holds some. */
  snapshot: { id: string; inspections: number; created: boolean } | null;
  /** It holds more than a snapshot keeps (MAX_SNAPSHOT_INSPECTIONS): its URNs were imported, its data not kept. */
  snapshotTooLarge: boolean;
}

/**
 * `watch import`: watch every URN of a CSV or spreadsheet, and keep the provider-level data it holds as a
 * reference snapshot. A CSV is read as it streams, never whole, its URNs handed to the store in batches
 * that it adds to the watchlist only once the whole file has been read, so bad input changes nothing and
 * memory stays bounded whatever the file's length. A spreadsheet is read whole (see openDataFile).
 * The store is opened only once the file is known to be a table (a CSV or a spreadsheet).
 */
export async function importWatchlistFile(
  file: string,
  openStore: () => Promise<Store>,
  options: { now?: () => Date; maxSnapshotInspections?: number } = {},
): Promise<WatchImportResult> {
  const source = await openDataFile(file);
  const provider = new ProviderLevelReader(options.maxSnapshotInspections ?? MAX_SNAPSHOT_INSPECTIONS);
  let found: number;
  let added: number;
  let skipped: number;
  let store: Store;

  if (source.format === 'spreadsheet') {
    const parsed = urnsOfSheets(source.tables);
    assertHasUrnColumn(parsed, file);
    if (parsed.urns.length === 0) throw noUrns(file);
    store = await openStore();
    ({ found, added } = await store.watchImport(inBatches(parsed.urns)));
    skipped = parsed.skipped;
    for (const table of source.tables) {
      const headerAt = findUrnHeaderRow(table.rows);
      if (headerAt < 0 || !provider.startTable(table.name, table.rows[headerAt] ?? [])) continue;
      for (const row of table.rows.slice(headerAt + 1)) provider.push(row);
    }
  } else {
    const counts = { skipped: 0 };
    store = await openStore();
    ({ found, added } = await store.watchImport(csvUrnBatches(file, source.name, source.rows(), provider, counts)));
    skipped = counts.skipped;
  }

  // Ofsted's own data (dates and grades) is kept as a reference snapshot; the daemon compares it with what
  // it parses once these providers have been scraped, and tells the operator of disagreements.
  let snapshot: WatchImportResult['snapshot'] = null;
  const data = provider.data;
  if (!provider.overflowed && data.inspections.length > 0) {
    const s = referenceSnapshot(basename(file), data, (options.now?.() ?? new Date()).toISOString());
    snapshot = { id: s.id, inspections: data.inspections.length, created: await store.addReferenceSnapshot(s) };
  }
  return { file, found, added, alreadyWatched: found - added, skipped, snapshot, snapshotTooLarge: provider.overflowed };
}

const noUrns = (file: string) => new BadInputError(`${file} has no URNs to import`);

/**
 * The URNs of a CSV's rows, BATCH at a time, in one pass as they stream; counts skipped rows and feeds the
 * rows below the header to `provider`. Rows before any header are taken as a bare list, until a header
 * row turns out to follow them: then they were its preamble, and 'restart' tells the store to forget them.
 * Throws, when the end shows the file has no URN column or no URN, before the store keeps anything.
 */
async function* csvUrnBatches(
  file: string,
  name: string,
  chunks: AsyncIterable<string[][]>,
  provider: ProviderLevelReader,
  counts: { skipped: number },
): AsyncGenerator<string[] | 'restart'> {
  const finder = new UrnLayoutFinder();
  let layout: UrnLayout = BARE_LIST;
  let readsProviderData = false;
  let batch: string[] = [];
  let index = 0;
  for await (const rows of chunks) {
    for (const row of rows) {
      finder.push(row);
      if (layout === BARE_LIST && finder.headerLayout) {
        layout = finder.headerLayout;
        readsProviderData = provider.startTable(name, finder.headerLayout.header);
        batch = [];
        counts.skipped = 0;
        if (index > 0) yield 'restart';
      } else if (readsProviderData) {
        provider.push(row);
      }
      const urn = urnOfRow(layout, row, index);
      index += 1;
      if (urn === 'skipped') counts.skipped += 1;
      else if (urn !== null) batch.push(urn);
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
  }
  const final = finder.layout;
  assertHasUrnColumn(final, file);
  if (!final.hasUrn) throw noUrns(file);
  if (batch.length > 0) yield batch;
}

async function* inBatches(urns: readonly string[]): AsyncGenerator<readonly string[]> {
  for (let i = 0; i < urns.length; i += BATCH) yield urns.slice(i, i + BATCH);
}

/** The URNs of every sheet with a URN column (a spreadsheet's cover and guidance sheets have none). */
function urnsOfSheets(tables: readonly DataTable[]): UrnCsvResult {
  const read = tables.map((t) => readUrnsFromRows(t.rows)).filter((r) => r.column !== NO_URN_COLUMN && r.column !== HEADERLESS_COLUMN);
  if (read.length === 0) return { urns: [], skipped: 0, column: NO_URN_COLUMN };
  return { urns: [...new Set(read.flatMap((r) => r.urns))], skipped: read.reduce((n, r) => n + r.skipped, 0), column: read[0]!.column };
}
