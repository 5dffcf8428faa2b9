// GET /events.csv: the events a page's filter keeps, newest first, as RFC 4180 text read from the store a
// batch at a time while the client takes it (csvRow guards every scraped cell against formula injection).
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventListFilter, Store } from '../../store/store.js';
import { csvRow } from './csv-cell.js';
import { providersFor, reportUrlsFor } from './page-data.js';

/** Events read at once: one query each for them, their providers, their reports. */
const BATCH = 200;

const HEADER = ['raised', 'urn', 'provider', 'local_authority', 'owner', 'type', 'from', 'to', 'inspected', 'published', 'report_url', 'summary', 'baseline', 'superseded_by'];

export async function* eventsCsvChunks(store: Store, filter: EventListFilter, filesOrigin: string): AsyncGenerator<string> {
  yield csvRow(HEADER);
  let beforeSeq: number | undefined;
  for (;;) {
    const rows = await store.pageEvents({ ...filter, order: 'newest-first', limit: BATCH, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    if (rows.length === 0) return;
    const events = rows.map((r) => r.event);
    const fileIds = events.flatMap((e) => (e.fileId ? [e.fileId] : []));
    const [providers, urls, published] = await Promise.all([
      providersFor(store, events),
      reportUrlsFor(store, events, filesOrigin),
      fileIds.length ? store.reportPublished(fileIds) : new Map<string, string | null>(),
    ]);
    yield events
      .map((e) => {
        const p = providers.get(e.urn);
        return csvRow([
          e.at, e.urn, p?.name, p?.localAuthority, p?.owner, e.type, e.from, e.to, e.inspectionDate,
          e.fileId ? published.get(e.fileId) : null, e.fileId ? urls.get(e.fileId) : null, e.summary,
          e.backfill ? 'yes' : 'no', e.supersededBy ?? null,
        ]);
      })
      .join('');
    if (rows.length < BATCH) return;
    beforeSeq = rows.at(-1)!.seq;
    // Let other requests run between batches of a long export.
    await nextTurn();
  }
}
