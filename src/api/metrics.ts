import type { JobType } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ChangeEvent } from '../ofsted/types.js';
import type { ScheduleStatus } from '../../workers/schedule-status.js';
import { withTimeout } from './with-timeout.js';

// One registry per process: the workers and the API of a daemon share it, so whatever the workers count
// is what /metrics serves. A worker-only process keeps its own counts (nothing serves them yet).

/** Anything that can count its jobs by state: a BullMQ Queue. */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...types: JobType[]): Promise<Record<string, number>>;
}

/** The states a job can be counted in (BullMQ 6 keeps a paused queue's jobs in `waiting`). */
export const JOB_COUNT_STATES: readonly JobType[] = [
  'waiting',
  'prioritized',
  'delayed',
  'active',
  'completed',
  'failed',
  'waiting-children',
];

/** A scrape must answer even when Redis does not; a queue that is slower than this is left out. */
const QUEUE_COUNT_TIMEOUT_MS = 2_000;

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const countedQueues = new Set<CountableQueue>();

/**
 * Both queue gauges are filled from one read of the queues per scrape: prom-client collects metrics
 * concurrently, so each gauge's collect() awaits the same in-flight read.
 */
let inFlightRead: Promise<void> | undefined;
function readQueues(): Promise<void> {
  inFlightRead ??= (async () => {
    jobsGauge.reset();
    queueUpGauge.reset();
    await Promise.all(
      [...countedQueues].map(async (queue) => {
        try {
          const counts = await withTimeout(queue.getJobCounts(...JOB_COUNT_STATES), QUEUE_COUNT_TIMEOUT_MS, 'job counts');
          for (const state of JOB_COUNT_STATES) jobsGauge.set({ queue: queue.name, state }, counts[state] ?? 0);
          queueUpGauge.set({ queue: queue.name }, 1);
        } catch {
          queueUpGauge.set({ queue: queue.name }, 0);
        }
      }),
    );
  })().finally(() => {
    inFlightRead = undefined;
  });
  return inFlightRead;
}

const jobsGauge = new Gauge({
  name: 'ofsted_monitor_jobs',
  help: 'Jobs in each BullMQ queue by state, read when /metrics is scraped',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  collect: readQueues,
});

const queueUpGauge = new Gauge({
  name: 'ofsted_monitor_queue_up',
  help: "1 when the last read of a queue's job counts succeeded, 0 when Redis did not answer",
  labelNames: ['queue'] as const,
  registers: [metricsRegistry],
  collect: readQueues,
});

/** Reads the schedule from Redis; set by the API that serves /metrics (see reportScheduleOf). */
let scheduleSource: (() => Promise<ScheduleStatus>) | undefined;

/** Both schedule gauges from one read per scrape, as for the queue gauges. */
let inFlightSchedule: Promise<void> | undefined;
function readSchedule(): Promise<void> {
  inFlightSchedule ??= (async () => {
    schedulerGauge.reset();
    // NaN, Prometheus's "no value": no record of a sweep, or Redis did not answer (ofsted_monitor_queue_up says which).
    let age = Number.NaN;
    try {
      const status = scheduleSource ? await withTimeout(scheduleSource(), QUEUE_COUNT_TIMEOUT_MS, 'schedule') : undefined;
      for (const [scheduler, state] of Object.entries(status?.schedulers ?? {})) schedulerGauge.set({ scheduler }, state === 'ok' ? 1 : 0);
      const last = status?.sweep.lastStartedAt;
      if (last) age = Math.max(0, (Date.now() - Date.parse(last)) / 1000);
    } catch {
      // Left without series: a scheduler whose presence is unknown is not reported as missing.
    }
    sweepAgeGauge.set(age);
  })().finally(() => {
    inFlightSchedule = undefined;
  });
  return inFlightSchedule;
}

const schedulerGauge = new Gauge({
  name: 'ofsted_monitor_job_scheduler_present',
  help: '1 when the job scheduler is in Redis, 0 when it is missing (nothing it drives runs until a daemon re-creates it)',
  labelNames: ['scheduler'] as const,
  registers: [metricsRegistry],
  collect: readSchedule,
});

const sweepAgeGauge = new Gauge({
  name: 'ofsted_monitor_last_sweep_age_seconds',
  help: 'Seconds since the last sweep tick started, by any daemon; NaN when Redis holds no record of one',
  registers: [metricsRegistry],
  collect: readSchedule,
});

const fetchDuration = new Histogram({
  name: 'ofsted_monitor_fetch_duration_seconds',
  help: 'Time of each request to Ofsted, by HTTP status (or "error" when none came back)',
  labelNames: ['status'] as const,
  // Pages answer in tens of ms locally and seconds upstream; PDFs take longer.
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

const parseFailures = new Counter({
  name: 'ofsted_monitor_parse_failures_total',
  help: 'Reports that could not be read (each is stored and raises scrape-failed)',
  registers: [metricsRegistry],
});

const eventsCounter = new Counter({
  name: 'ofsted_monitor_events_total',
  help: 'Change events newly stored, by type',
  labelNames: ['type'] as const,
  registers: [metricsRegistry],
});

const missedReports = new Counter({
  name: 'ofsted_monitor_discovery_missed_reports_total',
  help: "Reports the full per-URN sweep stored that discovery should already have handed on (published before its category's high-water mark), by category: a rising count means Ofsted's search is not telling us everything",
  labelNames: ['category'] as const,
  registers: [metricsRegistry],
});

/** Count one report discovery missed (the full sweep found it behind discovery's back). */
export function countMissedReport(category: string): void {
  missedReports.inc({ category });
}

/** Record one request to Ofsted: how long it took, and its status (a number, or e.g. 'error' / 'timeout'). */
export function observeFetch(ms: number, status: number | string): void {
  fetchDuration.observe({ status: String(status) }, ms / 1000);
}

/** Count one report that could not be read. */
export function countParseFailure(): void {
  parseFailures.inc();
}

/** Count newly stored events by type (pass only the ones recordChanges returned, so retries count nothing twice). */
export function countEvents(events: readonly Pick<ChangeEvent, 'type'>[]): void {
  for (const e of events) eventsCounter.inc({ type: e.type });
}

/** Report these queues' job counts on every scrape until the returned function is called. */
export function countJobsOf(queues: readonly CountableQueue[]): () => void {
  for (const q of queues) countedQueues.add(q);
  return () => {
    for (const q of queues) {
      countedQueues.delete(q);
    }
  };
}

/** Report the schedule read by `read` on every scrape until the returned function is called. */
export function reportScheduleOf(read: () => Promise<ScheduleStatus>): () => void {
  scheduleSource = read;
  return () => {
    if (scheduleSource === read) scheduleSource = undefined;
  };
}

/** The Prometheus text exposition of every metric above plus Node's default process metrics. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
