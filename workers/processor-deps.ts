import type { AlertDeps } from '../src/alerts/alert-deps.js';
import type { ChangeEvent } from '../src/ofsted/types.js';
import type { Logger } from '../src/logger.js';
import type { SearchSource } from '../src/monitor/discover.js';
import type { ReportSource } from '../src/monitor/scrape-provider.js';
import type { Store } from '../src/store/store.js';
import type { DaemonQueues } from './daemon-queues.js';
import type { JobSettings } from './job-options.js';

/** Counters the processors feed (the API's Prometheus registry in a daemon). */
export interface WorkerMetrics {
  countParseFailure(): void;
  countEvents(events: readonly Pick<ChangeEvent, 'type'>[]): void;
  /** A report the full sweep stored that discovery should have handed on (see record.worker.ts). */
  countMissedReport(category: string): void;
}

/** What the processors are given: the same parts `scrape` uses, plus the queues they hand work on to. */
export interface ProcessorDeps {
  store: Store;
  /** The Ofsted site behind the politeness limiter (provider pages, reports and discovery's search). */
  source: ReportSource & SearchSource;
  /** PDF → text of each page. */
  extract: (pdf: Buffer) => Promise<string[]>;
  /** Base logger; each job logs through a child carrying jobId, queue and urn. */
  logger: Logger;
  queues: DaemonQueues;
  settings: JobSettings;
  metrics: WorkerMetrics;
  /** Subscriptions, the outbox and its transports. */
  alerts: AlertDeps;
}
