import type { ProviderLevelData } from '../ofsted/provider-data/provider-level-rows.js';
import type { Store } from '../store/store.js';
import { reconcile, type Reconciliation, type StoredInspection } from './reconcile.js';

/**
 * Reconcile Ofsted's data with what the store holds: the stored history of every provider of the file that
 * the store has scraped (one query each, and only for providers the file gives an inspection of).
 * Reads only: it stores nothing and raises no event.
 */
export async function reconcileWithStore(
  data: Pick<ProviderLevelData, 'urns' | 'inspections'>,
  store: Pick<Store, 'listProviders' | 'history'>,
): Promise<Reconciliation> {
  const scraped = new Set((await store.listProviders()).map((p) => p.urn));
  const inspected = new Set(data.inspections.map((i) => i.urn));
  const stored = new Map<string, StoredInspection[]>();
  for (const urn of data.urns) {
    if (!scraped.has(urn)) continue;
    stored.set(urn, inspected.has(urn) ? await store.history(urn) : []);
  }
  return reconcile(data, stored);
}
