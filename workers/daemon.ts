import type { Redis } from 'ioredis';
import { countEvents, countMissedReport, countParseFailure, observeFetch } from '../src/api/metrics.js';
import type { Config } from '../src/config.js';
import { ChannelTransports } from '../src/alerts/transport/channel-transports.js';
import { OfstedMonitorError } from '../src/errors.js';
import type { Logger } from '../src/logger.js';
import { createExtractor } from '../src/ofsted/reports/extract/create-extractor.js';
import type { TextExtractor } from '../src/ofsted/reports/extract/text-extractor.js';
import { OfstedSite } from '../src/ofsted/site/ofsted-site.js';
import { siteOptionsFromConfig } from '../src/ofsted/site/site-options.js';
import type { LocalRedisServer } from '../src/redis/local-redis-server.js';
import { createRedisConnection, redactRedisUrl, redisAnswers } from '../src/redis/redis-connection.js';
import { resolveRedis } from '../src/redis/resolve-redis.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { openQueues, type DaemonQueues } from './daemon-queues.js';
import { EventLoopLag, type LagSnapshot } from './event-loop-lag.js';
import { jobSettingsFromConfig } from './job-options.js';
import { jobAwareLogger } from './job-context.js';
import { PoliteReportSource } from './polite-report-source.js';
import { PolitenessLimiter } from './politeness-limiter.js';
import { daemonSchedulers, keepSchedulers } from './schedule-keeper.js';
import { startWorkers, type RunningWorkers } from './start-workers.js';

/** The HTTP API as the daemon starts it (src/api's startApi); injectable so a worker-only build needs none. */
export type ApiStarter = (deps: {
  config: Config;
  logger: Logger;
  store: Store;
  queues: DaemonQueues;
  redis: Redis;
}) => Promise<{ url: string; close(): Promise<void> }>;

export interface DaemonOptions {
  /** Serve the HTTP API on PORT. @defaultValue true */
  api?: boolean;
  /** Upsert the job schedulers (sweep, outbox, digest) and keep them in Redis. @defaultValue true */
  scheduler?: boolean;
  /**
   * Run the queue workers. Off, the process serves the API (and scheduler) only, so a slow request can
   * never hold up a job's lock renewal: worker processes do the work. @defaultValue true
   */
  workers?: boolean;
  /** Starts the API; @defaultValue src/api's startApi, loaded on first use */
  startApi?: ApiStarter;
  /** Where a local redis-server keeps its data when one is started. @defaultValue ./data/redis */
  localRedisDir?: string;
}

export interface RunningDaemon {
  redisUrl: string;
  apiUrl: string | null;
  /** Finish or release running jobs within SHUTDOWN_GRACE_MS, then close everything. Idempotent. */
  stop(reason?: string): Promise<DaemonStopReport>;
}

export interface DaemonStopReport {
  closedCleanly: boolean;
  /** Peak resident set size of this process, MB. */
  peakRssMb: number;
  /** Heap and off-heap memory at stop, MB. */
  memoryMb: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  /** Requests this process made to Ofsted. */
  requests: number;
  eventLoop: LagSnapshot;
}

/**
 * `ofsted-monitor daemon`: the sweep's scheduler, the workers and the HTTP API in one process. Any number
 * may run against the same Redis and database (on one machine or several); they share the work, the
 * politeness budget and the schedule.
 */
export async function startDaemon(config: Config, logger: Logger, options: DaemonOptions = {}): Promise<RunningDaemon> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanUp = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((err: unknown) => logger.warn({ err: String(err) }, 'error while stopping'));
    cleanups.length = 0;
  };
  try {
    const redis = await resolveRedis(config.REDIS_URL, logger, options.localRedisDir ? { dir: options.localRedisDir } : {});
    const local: LocalRedisServer | null = redis.local;
    if (local) cleanups.push(() => local.stop());
    if (!local && !(await redisAnswers(redis.url, 3_000))) {
      throw new OfstedMonitorError(`cannot reach Redis at ${redactRedisUrl(redis.url)} (check REDIS_URL, or unset it to use a local redis-server)`);
    }
    const connection = createRedisConnection(redis.url, { role: 'worker', connectionName: `ofsted-monitor-daemon-${process.pid}` });
    let lastRedisError = 0;
    connection.on('error', (err: Error) => {
      // While Redis restarts ioredis reports every reconnect attempt; one line every 10 s is enough.
      if (Date.now() - lastRedisError > 10_000) logger.warn({ err: err.message }, 'Redis connection error; reconnecting');
      lastRedisError = Date.now();
    });
    cleanups.push(() => connection.quit());

    const store = await openStore(config.DATABASE_URL);
    cleanups.push(() => store.close());

    const shutdown = new AbortController();
    const limiter = new PolitenessLimiter(connection, {
      requestsPerSecond: config.REQUESTS_PER_SECOND,
      key: `${config.QUEUE_PREFIX}:ofsted-politeness`,
      signal: shutdown.signal,
    });
    const jobLogger = jobAwareLogger(logger);
    // The HTTP client's waits between retries go through the shared schedule: a 429/503 with Retry-After
    // holds every worker of every daemon back, not just this request.
    // What the Chromium fallback fetches takes slots too.
    const site = new OfstedSite(
      siteOptionsFromConfig(config, { logger: jobLogger, sleep: (ms) => limiter.backOff(ms), beforeBrowserRequest: () => limiter.take(1) }),
    );
    cleanups.push(() => site.close());
    const extractor: TextExtractor = createExtractor(config.PDF_EXTRACTOR, { maxBytes: config.MAX_PDF_BYTES });
    cleanups.push(() => extractor.close());
    const source = new PoliteReportSource(site, limiter, observeFetch);

    const queues = openQueues(connection, config.QUEUE_PREFIX);
    cleanups.push(() => queues.close());
    const settings = jobSettingsFromConfig(config);
    if (options.scheduler !== false) {
      // The schedulers live in Redis: re-created whenever Redis loses them, not only at start-up.
      const keeper = await keepSchedulers(daemonSchedulers(queues, config, settings), {
        connection,
        checkEveryMs: config.SCHEDULER_CHECK_MS,
        logger,
      });
      cleanups.push(async () => keeper.stop());
    }
    const transports = new ChannelTransports(config, { logger });
    cleanups.push(() => transports.close());
    if (!config.SMTP_URL) logger.warn('no SMTP_URL: email alerts are queued but not sent until it is set');

    const lag = new EventLoopLag();
    cleanups.push(async () => lag.stop());
    // --no-workers: nothing here takes jobs, so there is nothing to close either.
    const workers: RunningWorkers = options.workers === false ? { workers: [], close: async () => ({ closedCleanly: true }) } : startWorkers(
      {
        store,
        source,
        extract: (pdf) => extractor.extract(pdf),
        logger: jobLogger,
        queues,
        settings,
        metrics: { countEvents, countParseFailure, countMissedReport },
        alerts: { store, logger: jobLogger, config, transports },
      },
      {
        connection,
        prefix: config.QUEUE_PREFIX,
        concurrency: config.WORKER_CONCURRENCY,
        lockMs: config.JOB_LOCK_MS,
        requestsPerSecond: config.REQUESTS_PER_SECOND,
        stallRequeue: { perDay: config.STALL_REQUEUES_PER_DAY, delayMs: config.STALL_REQUEUE_DELAY_MS, retryEveryMs: config.SCHEDULER_CHECK_MS },
      },
    );
    cleanups.push(() => workers.close(config.SHUTDOWN_GRACE_MS));

    let apiUrl: string | null = null;
    let api: { close(): Promise<void> } | null = null;
    if (options.api !== false) {
      const start = options.startApi ?? (await import('../src/api/start-api.js')).startApi;
      const running = await start({ config, logger, store, queues, redis: connection });
      api = running;
      apiUrl = running.url;
    }
    logger.info(
      {
        redis: redactRedisUrl(redis.url),
        prefix: config.QUEUE_PREFIX,
        schedule: options.scheduler !== false ? { discovery: config.SCRAPE_SCHEDULE, fullSweep: config.FULL_SWEEP_SCHEDULE } : null,
        concurrency: options.workers === false ? 0 : config.WORKER_CONCURRENCY,
        requestsPerSecond: config.REQUESTS_PER_SECOND,
        api: apiUrl,
      },
      'daemon started',
    );

    // Measure from here: start-up work (migrations, probing for pdftotext) is not what renews locks.
    lag.reset();
    let stopping: Promise<DaemonStopReport> | undefined;
    return {
      redisUrl: redis.url,
      apiUrl,
      stop(reason = 'stop requested') {
        stopping ??= (async () => {
          logger.info({ reason, graceMs: config.SHUTDOWN_GRACE_MS }, 'daemon stopping: taking no new jobs');
          // Jobs only waiting for a request slot give theirs up at once; the others get the grace period.
          shutdown.abort('the daemon is stopping');
          const [closed] = await Promise.all([workers.close(config.SHUTDOWN_GRACE_MS), api?.close()]);
          const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
          // With --expose-gc (benchmarks), what is live rather than what V8 has not collected yet.
          (globalThis as { gc?: () => void }).gc?.();
          const m = process.memoryUsage();
          const report: DaemonStopReport = {
            closedCleanly: closed.closedCleanly,
            peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
            memoryMb: { rss: mb(m.rss), heapTotal: mb(m.heapTotal), heapUsed: mb(m.heapUsed), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) },
            requests: source.requests,
            eventLoop: lag.snapshot(),
          };
          await cleanUp();
          logger.info(report, closed.closedCleanly ? 'daemon stopped' : 'daemon stopped; unfinished jobs will be recovered by the next worker');
          return report;
        })();
        return stopping;
      },
    };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}
