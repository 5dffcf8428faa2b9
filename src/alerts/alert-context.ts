import type { ChangeEvent } from '../ofsted/types.js';
import type { HistoryEntry, ProviderRecord, Store } from '../store/store.js';
import type { AlertContext } from './render/alert-context.js';

/**
 * Everything a message about `event` shows, from the store: the provider, the report the event is
 * about, and the inspection it was compared with (the last one of the same kind; for an interim
 * inspection, the last full one, whose grade it reviews). `publicBase` (publicUrl()) links the dashboard's page.
 */
export async function alertContext(event: ChangeEvent, provider: ProviderRecord | null, store: Store, publicBase?: string): Promise<AlertContext> {
  const history = await store.history(event.urn);
  const at = event.fileId ? history.findIndex((h) => h.fileId === event.fileId) : -1;
  const report = at >= 0 ? history[at]! : null;
  let previous: HistoryEntry | null = null;
  if (report) {
    const wanted = report.kind === 'childrens-home-interim' ? 'childrens-home-full' : report.kind;
    for (let i = at - 1; i >= 0 && !previous; i--) if (history[i]!.kind === wanted) previous = history[i]!;
  }
  const pdf = report?.url ?? (event.fileId ? ((await store.getReport(event.fileId))?.url ?? null) : null);
  // The dashboard's provider page, as src/api/pages/page-links.ts spells it (alerts do not import the API).
  const dashboard = publicBase ? `${publicBase}/providers/${encodeURIComponent(event.urn)}` : null;
  return { event, provider, report, previous, links: { pdf, providerPage: provider?.url ?? null, dashboard, unsubscribe: null } };
}
