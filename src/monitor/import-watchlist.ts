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
import { findUrnHeaderRow, isBlankCell } from '../ofsted/csv/csv-rows.js';
import { ProviderRowFilter, type ProviderFilter } from '../ofsted/provider-data/provider-filter.js';
import { ProviderLevelReader, type DataTable } from '../ofsted/provider-data/provider-level-rows.js';
import { openDataFile } from '../ofsted/provider-data/read-data-file.js';
import type { StagedImport, Store } from '../store/store.js';
import type { FirstSweepPlan } from './first-sweep-estimate.js';
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

export interface WatchImportOptions {
  now?: () => Date;
  maxSnapshotInspections?: number;
  /** Only the rows of these local authorities / owners / provider types (all rows without). */
  filter?: ProviderFilter;
  /** For the first-sweep estimate. @defaultValue 1 */
  requestsPerSecond?: number;
  /** Told what the import will watch once the whole file is read, before anything is added. */
  onPlan?: (plan: FirstSweepPlan) => void;
  /** How far through a CSV the import has read (bytes), for a progress bar; a spreadsheet is read whole first. */
  onProgress?: (read: number, size: number) => void;
}

/**
 * `watch import`: watch every URN of a CSV or spreadsheet (or only those of the rows `filter` wants),
 * and keep the provider-level data it holds as a reference snapshot. A CSV is read as it streams, never whole, its URNs handed to the store in batches
 * that it adds to the watchlist only once the whole file has been read, so bad input changes nothing and
 * memory stays bounded whatever the file's length. A spreadsheet is read whole (see openDataFile).
 * The store is opened only once the file is known to be a table (a CSV or a spreadsheet).
 */
export async function importWatchlistFile(
  file: string,
  openStore: () => Promise<Store>,
  options: WatchImportOptions = {},
): Promise<WatchImportResult> {
  const source = await openDataFile(file);
  const provider = new ProviderLevelReader(options.maxSnapshotInspections ?? MAX_SNAPSHOT_INSPECTIONS);
  const filter = new ProviderRowFilter(options.filter);
  let found: number;
  let added: number;
  let skipped: number;
  let store: Store;
  const beforeAdd = async (staged: StagedImport) => {
    if (!options.onPlan) return;
    options.onPlan({
      urns: staged.found,
      newUrns: staged.found - staged.alreadyWatched,
      reports: await reportsOfNewUrns(staged, provider),
      requestsPerSecond: options.requestsPerSecond ?? 1,
    });
  };

  if (source.format === 'spreadsheet') {
    const tables = filterTables(source.tables, filter, file);
    const parsed = urnsOfSheets(tables);
    assertHasUrnColumn(parsed, file);
    filter.assertMatched(file);
    if (parsed.urns.length === 0) throw noUrns(file);
    for (const table of tables) {
      const headerAt = findUrnHeaderRow(table.rows);
      if (headerAt < 0 || !provider.startTable(table.name, table.rows[headerAt] ?? [])) continue;
      for (const row of table.rows.slice(headerAt + 1)) provider.push(row);
    }
    store = await openStore();
    ({ found, added } = await store.watchImport(inBatches(parsed.urns), beforeAdd));
    skipped = parsed.skipped;
  } else {
    const counts = { skipped: 0 };
    store = await openStore();
    ({ found, added } = await store.watchImport(csvUrnBatches(file, source.name, source.rows((read) => options.onProgress?.(read, source.size)), provider, counts, filter), beforeAdd));
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
 * Reports the first sweep downloads for the import's new URNs, as far as the file tells: its dated
 * inspections, one per URN and date (a provider's in-year and at-31-March rows name the same one). 0 when
 * the file holds no provider-level data, or more than a snapshot keeps.
 */
async function reportsOfNewUrns(staged: StagedImport, provider: ProviderLevelReader): Promise<number> {
  if (provider.overflowed) return 0;
  const inspections = provider.data.inspections;
  if (inspections.length === 0) return 0;
  const fresh = staged.alreadyWatched === 0 ? null : await staged.unwatched([...new Set(inspections.map((i) => i.urn))]);
  return new Set(inspections.filter((i) => fresh === null || fresh.has(i.urn)).map((i) => `${i.urn} ${i.inspectionDate}`)).size;
}

/**
 * The tables with only the rows `filter` wants below their URN header (all rows without a filter); bad
 * input when a table of URNs lacks a column the filter reads.
 */
function filterTables(tables: readonly DataTable[], filter: ProviderRowFilter, file: string): DataTable[] {
  if (!filter.active) return [...tables];
  return tables.map((table) => {
    const headerAt = findUrnHeaderRow(table.rows);
    if (headerAt < 0) return table;
    filter.useHeader(table.rows[headerAt] ?? [], `${file} (sheet ${table.name})`);
    return { name: table.name, rows: table.rows.filter((row, i) => i <= headerAt || row.every(isBlankCell) || filter.matches(row)) };
  });
}

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
  filter: ProviderRowFilter,
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
        if (filter.active) filter.useHeader(finder.headerLayout.header, file);
        readsProviderData = provider.startTable(name, finder.headerLayout.header);
        batch = [];
        counts.skipped = 0;
        if (index > 0) yield 'restart';
        index += 1;
        continue;
      }
      const urn = urnOfRow(layout, row, index);
      index += 1;
      // Rows above any header cannot be filtered: a file that never gets one is refused below.
      if (urn === null || (filter.active && (layout === BARE_LIST || !filter.matches(row)))) continue;
      if (readsProviderData) provider.push(row);
      if (urn === 'skipped') counts.skipped += 1;
      else batch.push(urn);
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
  }
  const final = finder.layout;
  assertHasUrnColumn(final, file);
  if (filter.active && final.kind !== 'header') filter.useHeader([], file);
  filter.assertMatched(file);
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
