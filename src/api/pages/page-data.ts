import { sameName } from '../../alerts/match-subscriptions.js';
import type { ChangeEvent } from '../../ofsted/types.js';
import type { ProviderRecord, Store } from '../../store/store.js';

// What the list pages, feeds and exports read from the store besides their page of items: each is a
// lookup by the few keys on the page, never a whole table.

/**
 * The PDF address of every report these events name, in one query. A report not stored (yet) falls back
 * to its canonical address on the files origin.
 */
export async function reportUrlsFor(store: Store, events: readonly ChangeEvent[], filesOrigin: string): Promise<Map<string, string>> {
  const fileIds = events.flatMap((e) => (e.fileId ? [e.fileId] : []));
  const urls = fileIds.length ? await store.reportUrls(fileIds) : new Map<string, string>();
  for (const e of events) {
    if (e.fileId && !urls.has(e.fileId)) urls.set(e.fileId, `${filesOrigin}/v1/file/${encodeURIComponent(e.fileId)}`);
  }
  return urls;
}

/** The stored providers these events are about, by URN (for names in lists and feeds). */
export async function providersFor(store: Store, events: readonly ChangeEvent[]): Promise<Map<string, ProviderRecord>> {
  return events.length ? store.getProviders(events.map((e) => e.urn)) : new Map();
}

/**
 * The stored spellings of an owner's name (compared as subscriptions compare it): a few thousand distinct
 * names are folded here, the providers themselves are then read by those spellings.
 */
export async function ownerSpellings(store: Store, owner: string): Promise<string[]> {
  return (await store.listNames('owner')).filter((name) => sameName(name, owner));
}

/** Stored providers whose owner is this name, by URN. */
export async function ownedBy(store: Store, owner: string): Promise<ProviderRecord[]> {
  const spellings = await ownerSpellings(store, owner);
  return spellings.length ? store.providersNamed('owner', spellings) : [];
}

/** The stored provider, or a blank one when the URN is watched but not scraped yet; null when neither. */
export async function knownProvider(store: Store, urn: string): Promise<Pick<ProviderRecord, 'urn' | 'name' | 'owner' | 'localAuthority'> | null> {
  const provider = await store.getProvider(urn);
  if (provider) return provider;
  return (await store.isWatched(urn)) ? { urn, name: null, owner: null, localAuthority: null } : null;
}
