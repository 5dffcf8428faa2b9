import { sameName } from '../../alerts/match-subscriptions.js';
import type { ChangeEvent } from '../../ofsted/types.js';
import type { ProviderRecord, Store } from '../../store/store.js';

// What the list pages, feeds and exports read from the store, gathered so each does a few queries
// in all rather than one per row.

/** URN → provider, for names and owners in lists. */
export function providerMap(providers: readonly ProviderRecord[]): Map<string, ProviderRecord> {
  return new Map(providers.map((p) => [p.urn, p]));
}

/**
 * The PDF address of every report these events name: one listReports per provider on the page, not
 * one getReport per row. A report not stored (yet) falls back to its canonical address on the files origin.
 */
export async function reportUrlsFor(store: Store, events: readonly ChangeEvent[], filesOrigin: string): Promise<Map<string, string>> {
  const urns = [...new Set(events.filter((e) => e.fileId).map((e) => e.urn))];
  const reports = await Promise.all(urns.map((urn) => store.listReports(urn)));
  const urls = new Map<string, string>();
  for (const list of reports) for (const r of list) urls.set(r.fileId, r.url);
  for (const e of events) {
    if (e.fileId && !urls.has(e.fileId)) urls.set(e.fileId, `${filesOrigin}/v1/file/${encodeURIComponent(e.fileId)}`);
  }
  return urls;
}

/** Stored providers whose owner is this name (compared as subscriptions compare it), by URN. */
export function ownedBy(providers: readonly ProviderRecord[], owner: string): ProviderRecord[] {
  return providers.filter((p) => sameName(p.owner, owner)).sort((a, b) => a.urn.localeCompare(b.urn));
}

/** The stored provider, or a blank one when the URN is watched but not scraped yet; null when neither. */
export async function knownProvider(store: Store, urn: string): Promise<Pick<ProviderRecord, 'urn' | 'name' | 'owner' | 'localAuthority'> | null> {
  const provider = await store.getProvider(urn);
  if (provider) return provider;
  const watched = await store.watchList();
  return watched.some((w) => w.urn === urn) ? { urn, name: null, owner: null, localAuthority: null } : null;
}

/** Run `work` over items a few at a time: bounded pressure on a PostgreSQL pool, still quick on SQLite. */
export async function mapInBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}
