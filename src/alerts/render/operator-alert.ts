import type { Reconciliation } from '../../monitor/reconcile.js';
import type { ChangeEvent, ProviderInfo } from '../../ofsted/types.js';
import type { ReferenceSnapshot } from '../../store/store.js';
import type { ScrapeHealth } from '../types.js';

/** A URN has failed `health.failures` scrapes in a row. */
export interface ScrapeFailingAlert {
  kind: 'scrape-failing';
  health: ScrapeHealth;
  /** What the store last knew of the provider, if anything. */
  provider: ProviderInfo | null;
}

/** A URN the operator was told was failing scraped successfully again. */
export interface ScrapeRecoveredAlert {
  kind: 'scrape-recovered';
  /** The run of failures that ended (the health before the successful scrape). */
  run: ScrapeHealth;
  /** When the scrape that worked ran (ISO timestamp). */
  at: string;
  provider: ProviderInfo | null;
}

/** One unreadable report of a sweep, to show the operator where to look. */
export interface UnreadableExample {
  urn: string;
  fileId: string;
  error: string | null;
}

/** The share of reports a sweep could not read passed the threshold. */
export interface UnreadableReportsAlert {
  kind: 'unreadable-reports';
  /** When the sweep began (ISO timestamp); reports fetched since then are counted. */
  since: string;
  total: number;
  unreadable: number;
  /** The share (0..1) that raises this alert. */
  threshold: number;
  examples?: readonly UnreadableExample[];
}

/**
 * One report was fetched but could not be read, classified or graded (a scrape-failed event): it may hold a
 * decline nobody will hear of, so a person should read it.
 */
export interface ReportUnreadAlert {
  kind: 'report-unread';
  event: ChangeEvent;
  provider: ProviderInfo | null;
}

/** An imported provider-level data file of Ofsted's disagrees with what the monitor parsed. */
export interface ReconcileDisagreementsAlert {
  kind: 'reconcile-disagreements';
  snapshot: Pick<ReferenceSnapshot, 'fileName' | 'importedAt'>;
  result: Reconciliation;
  /** Listed providers still not scraped when the wait for them ran out (their inspections count as not held). */
  unscraped: readonly string[];
}

/** A discovery pass failed (Ofsted's search changed shape or did not answer): its categories' marks did not move. */
export interface DiscoveryFailedAlert {
  kind: 'discovery-failed';
  categories: readonly string[];
  /** The pass's one-line error. */
  error: string;
  /** When it failed (ISO timestamp). */
  at: string;
}

export type OperatorAlert =
  | DiscoveryFailedAlert
  | ScrapeFailingAlert
  | ScrapeRecoveredAlert
  | UnreadableReportsAlert
  | ReportUnreadAlert
  | ReconcileDisagreementsAlert;
