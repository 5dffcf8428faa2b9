// `npm run bench`, sweep section: the daemon's watchlist sweep over the 5,600 providers of Ofsted's real
// provider-level list (31 March 2025) against the local Ofsted site, politeness limiter off. A first
// sweep records every provider's baseline; a second, where nothing changed, is the one measured: it is
// what the daemon does every day. Ends with the lines `sweep cpu-ms per unchanged urn: <x>` and
// `sweep peak rss mb: <x>` (goals: <= 2 ms and <= 200 MB).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { readUrnsFromCsv } from '../../src/ofsted/csv/watchlist-csv.js';
import { benchRedisUrl } from './bench-redis.js';
import { openStore } from '../../src/store/open-store.js';
import { startFakeOfsted } from '../fake-ofsted/index.js';
import { SERVICE_NODE_OPTIONS } from '../../workers/service-node-options.js';
import { PROVIDER_QUEUE, REPORT_QUEUE, SWEEP_JOB, SWEEP_QUEUE } from '../../workers/queues.js';
import { processCpuMs, processPeakRssMb, processRssMb, sampleRss } from './sweep-process-stats.js';

export interface SweepBenchOptions {
  /** Repository root (fixtures, bin/). */
  root: string;
  /** Watch only the first N URNs of the list (a quicker run). @defaultValue all 5,600 */
  limit?: number;
  /** Jobs per queue in the worker process (WORKER_CONCURRENCY). @defaultValue 4, the shipped default */
  concurrency?: number;
  /** Where progress lines go. @defaultValue stderr */
  progress?: (line: string) => void;
}

export interface SweepMeasure {
  wallMs: number;
  /** CPU of the worker process over the sweep, ms. */
  cpuMs: number;
  requests: number;
  reports: number;
  /** Highest RSS of the worker seen during this sweep (sampled every 100 ms), MB. */
  peakRssMb: number;
}

export interface SweepBenchResult {
  urns: number;
  baseline: SweepMeasure;
  unchanged: SweepMeasure;
  peakRssMb: number;
  /** RSS of the worker once started, before any job, MB. */
  idleRssMb: number;
  eventLoop: { p99Ms: number; maxMs: number } | null;
}

const CSV = join('fixtures', 'real', 'csv', 'childrens_social_care', 'provider_level_at_31_Mar_2025.csv');

export async function runSweepBench(options: SweepBenchOptions): Promise<SweepBenchResult> {
  const say = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const tmp = mkdtempSync(join(tmpdir(), 'ofsted-sweep-bench-'));
  const cleanups: (() => Promise<unknown> | unknown)[] = [() => rmSync(tmp, { recursive: true, force: true })];
  try {
    const site = await startFakeOfsted({ now: '2025-03-31', bulk: true });
    cleanups.push(() => site.close());
    const redisUrl = await benchRedisUrl(join(tmp, 'redis'), cleanups);
    const prefix = `bench-${process.pid}`;
    const databaseUrl = `sqlite:${join(tmp, 'monitor.db')}`;
    const all = readUrnsFromCsv(readFileSync(join(options.root, CSV), 'utf8')).urns;
    const urns = all.slice(0, options.limit ?? all.length);
    const store = await openStore(databaseUrl);
    await store.watchAdd(urns);
    await store.close();

    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const sweep = new Queue(SWEEP_QUEUE, { connection, prefix });
    const provider = new Queue(PROVIDER_QUEUE, { connection, prefix });
    const report = new Queue(REPORT_QUEUE, { connection, prefix });
    cleanups.push(async () => {
      for (const q of [sweep, provider, report]) {
        await q.obliterate({ force: true }).catch(() => undefined);
        await q.close();
      }
      connection.disconnect();
    });

    // One worker process, as `docker compose up --scale worker=N` runs them: no API, no scheduler.
    const worker = startWorker(options.root, {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      OFSTED_REPORTS_URL: site.reportsUrl,
      OFSTED_FILES_URL: site.filesUrl,
      // The limiter "off": a budget no sweep here can reach (each request still takes its slot in Redis).
      REQUESTS_PER_SECOND: '1000000',
      SWEEP_JITTER_MS: '0',
      WORKER_CONCURRENCY: String(options.concurrency ?? 4),
      // The shipped level: writing its log lines is part of what a sweep costs.
      LOG_LEVEL: 'info',
      // The heap settings the Docker image runs the daemon with.
      NODE_OPTIONS: SERVICE_NODE_OPTIONS,
    });
    cleanups.push(() => worker.stop());
    await worker.ready;

    const runSweep = async (name: string): Promise<SweepMeasure> => {
      const requestsBefore = site.requests.length;
      const cpuBefore = processCpuMs(worker.pid);
      const rss = sampleRss(worker.pid);
      const started = performance.now();
      await sweep.add(SWEEP_JOB, { reason: 'manual' }, { jobId: `bench-${name}` });
      await drained(sweep, provider, report, `bench-${name}`, (n) => say(`  ${name}: ${n} provider jobs left`));
      const wallMs = performance.now() - started;
      const requests = site.requests.slice(requestsBefore);
      return {
        wallMs,
        cpuMs: processCpuMs(worker.pid) - cpuBefore,
        requests: requests.length,
        reports: requests.filter((r) => r.path.startsWith('/v1/file/')).length,
        peakRssMb: rss.stop(),
      };
    };

    const idleRssMb = processRssMb(worker.pid);
    say(`sweep bench: ${urns.length} URNs, first sweep (baselines)...`);
    const baseline = await runSweep('baseline');
    say(`sweep bench: second sweep (nothing changed)...`);
    const unchanged = await runSweep('unchanged');
    const peakRssMb = processPeakRssMb(worker.pid);
    const stopReport = await worker.stop();
    return { urns: urns.length, baseline, unchanged, peakRssMb, idleRssMb, eventLoop: stopReport?.eventLoop ?? null };
  } finally {
    for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => undefined);
  }
}

/** Wait until the sweep job is done and no provider or report job is left. */
async function drained(sweep: Queue, provider: Queue, report: Queue, sweepJobId: string, progress: (left: number) => void): Promise<void> {
  let lastProgress = 0;
  for (;;) {
    const state = await (await sweep.getJob(sweepJobId))?.getState();
    if (state === 'failed') throw new Error(`sweep job ${sweepJobId} failed`);
    if (state === 'completed') {
      const states = ['waiting', 'prioritized', 'delayed', 'active', 'waiting-children'] as const;
      const [p, r] = await Promise.all([provider.getJobCounts(...states), report.getJobCounts(...states)]);
      const left = Object.values(p).reduce((a, b) => a + b, 0) + Object.values(r).reduce((a, b) => a + b, 0);
      if (left === 0) return;
      if (Date.now() - lastProgress > 15_000) {
        progress(left);
        lastProgress = Date.now();
      }
    }
    await delay(100);
  }
}

interface WorkerProcess {
  pid: number;
  ready: Promise<void>;
  stop(): Promise<{ eventLoop: { p99Ms: number; maxMs: number } } | null>;
}

function startWorker(root: string, env: Record<string, string>): WorkerProcess {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'bin', 'ofsted-monitor.js'), 'daemon', '--no-api', '--no-scheduler'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: string[] = [];
  let buffer = '';
  let started: () => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    started = resolve;
    child.once('exit', () => reject(new Error(`worker exited at start: ${lines.join('\n')}`)));
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      if (line.includes('"msg":"daemon started"')) started();
      lines.push(line);
    }
    // Only the last lines matter (the stop report); a sweep logs a few lines per URN.
    if (lines.length > 4_000) lines.splice(0, lines.length - 1_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  ready.catch(() => undefined);
  let stopping: Promise<{ eventLoop: { p99Ms: number; maxMs: number } } | null> | undefined;
  return {
    pid: child.pid ?? 0,
    ready,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
        for (const line of lines) {
          try {
            const parsed = JSON.parse(line) as { msg?: string; eventLoop?: { p99Ms: number; maxMs: number } };
            if (parsed.msg?.startsWith('daemon stopped') && parsed.eventLoop) return { eventLoop: parsed.eventLoop };
          } catch {
            // not a log line
          }
        }
        return null;
      })();
      return stopping;
    },
  };
}

/** The report lines, ending with the two the issue names. */
export function renderSweepBench(r: SweepBenchResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const perUrn = r.unchanged.cpuMs / r.urns;
  return [
    `sweep: ${r.urns} watched URNs against the local Ofsted site, one worker process, politeness limiter off`,
    `  first sweep (baselines): ${s(r.baseline.wallMs)} wall, ${s(r.baseline.cpuMs)} CPU, ${r.baseline.requests} requests (${r.baseline.reports} report PDFs)`,
    `  second sweep (nothing changed): ${s(r.unchanged.wallMs)} wall, ${s(r.unchanged.cpuMs)} CPU, ${r.unchanged.requests} requests (${r.unchanged.reports} report PDFs), ${(r.urns / (r.unchanged.wallMs / 1000)).toFixed(0)} URNs/s`,
    `  worker RSS: ${r.idleRssMb.toFixed(0)} MB started, peaks ${r.baseline.peakRssMb.toFixed(0)} MB in the first sweep and ${r.unchanged.peakRssMb.toFixed(0)} MB in the second (sampled); VmHWM ${r.peakRssMb.toFixed(0)} MB`,
    `  event loop delay in the worker: ${r.eventLoop ? `p99 ${r.eventLoop.p99Ms} ms, max ${r.eventLoop.maxMs} ms` : 'n/a'}`,
    `sweep cpu-ms per unchanged urn: ${perUrn.toFixed(2)}`,
    `sweep peak rss mb: ${r.peakRssMb.toFixed(0)}`,
  ].join('\n');
}
