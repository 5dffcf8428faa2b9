import { createHash } from 'node:crypto';
import type { ProviderLevelData } from '../ofsted/provider-data/provider-level-rows.js';
import type { NewReferenceSnapshot, ProviderRecord } from '../store/store.js';

/**
 * A reference snapshot of what a provider-level file states, identified by a hash of that content: the
 * same data imported twice (or as CSV and as ODS) is one snapshot, reconciled and alerted on once.
 */
export function referenceSnapshot(fileName: string, data: Pick<ProviderLevelData, 'urns' | 'inspections'>, importedAt: string): NewReferenceSnapshot {
  const content = { urns: [...data.urns], inspections: [...data.inspections] };
  const id = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return { id, fileName, importedAt, data: content };
}

export interface SnapshotReadiness {
  ready: boolean;
  /** URNs still to be scraped (an empty list when ready because all were). */
  waiting: string[];
  /** Ready because the wait ran out rather than because every provider was scraped. */
  overdue: boolean;
}

/**
 * Whether a snapshot can be reconciled: once every watched provider it gives an inspection of has been
 * scraped since the import (or is closed), so that what the store lacks is what the parser missed and not
 * what nobody fetched yet; or once `maxWaitMs` has passed, for providers that cannot be scraped (a URN
 * Ofsted no longer knows is never stored). A provider taken off the watchlist is not waited for. Pure.
 */
export function snapshotReadiness(o: {
  importedAt: string;
  inspectedUrns: Iterable<string>;
  providers: ReadonlyMap<string, Pick<ProviderRecord, 'lastScrapedAt' | 'closedAt'>>;
  watched: ReadonlySet<string>;
  now: Date;
  maxWaitMs: number;
}): SnapshotReadiness {
  const waiting: string[] = [];
  for (const urn of new Set(o.inspectedUrns)) {
    if (!o.watched.has(urn)) continue;
    const p = o.providers.get(urn);
    if (p?.closedAt || (p?.lastScrapedAt && p.lastScrapedAt >= o.importedAt)) continue;
    waiting.push(urn);
  }
  if (waiting.length === 0) return { ready: true, waiting, overdue: false };
  const overdue = o.now.getTime() - Date.parse(o.importedAt) >= o.maxWaitMs;
  return { ready: overdue, waiting, overdue };
}
