import type { ChangeEvent } from '../../ofsted/types.js';
import type { HistoryEntry, ProviderRecord } from '../../store/store.js';

/** Absolute URLs a message points to; null when there is none to give. */
export interface AlertLinks {
  /** The report PDF the event is about. Falls back to `report.url`. */
  pdf: string | null;
  /** The provider's page at Ofsted. Falls back to `provider.url`. */
  providerPage: string | null;
  /** One-click unsubscribe link for the recipient. */
  unsubscribe: string | null;
  /** The provider's page on this dashboard (PUBLIC_URL + /providers/<URN>); absent or null: none to give. */
  dashboard?: string | null;
}

/** Everything a message about one change event is rendered from. */
export interface AlertContext {
  event: ChangeEvent;
  provider: ProviderRecord | null;
  /** The report the event is about; null when there is none (provider-closed, an unreadable report). */
  report: HistoryEntry | null;
  /** The inspection the report was compared against, for the old grade of each judgement. */
  previous: HistoryEntry | null;
  links: AlertLinks;
}
