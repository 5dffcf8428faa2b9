// `npm run bench`, API load section: the HTTP API under a fixed request rate while a sweep runs, and what
// that does to the workers. A SQLite store is seeded with 10,000 providers (two inspections each) and
// 50,000 events; the local Ofsted site serves the sweep. Two layouts are measured in the same run, under
// the same open-loop load over the dashboard pages and JSON endpoints:
//   - split (the recommended one): `daemon --no-workers` serves the API, `daemon --no-api` runs the workers;
//   - combined (the baseline): one `daemon` doing both, as before issue 11.
// The worker process's event-loop delay is read through a probe (lag-probe.ts) for exactly the measured
// window. Ends with `api p99 ms: <x>` and `worker loop lag p99 ms: <y>` (split; goals < 100 and < 50) and
// each as a ratio over the combined baseline. BENCH_API_PROFILE_DIR=<dir> writes a CPU profile of the split
// layout's API process there.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { encodeCursor } from '../../src/api/paging.js';
import { readUrnsFromCsv } from '../../src/ofsted/csv/watchlist-csv.js';
import { benchRedisUrl } from './bench-redis.js';
import type { LagSnapshot } from '../../workers/event-loop-lag.js';
import { SWEEP_JOB, SWEEP_QUEUE, PROVIDER_QUEUE, REPORT_QUEUE, NOTIFY_QUEUE } from '../../workers/queues.js';
import { SERVICE_NODE_OPTIONS } from '../../workers/service-node-options.js';
import { startFakeOfsted } from '../fake-ofsted/index.js';
import { SeededRandom } from '../fake-ofsted/util/seeded-random.js';
import { seedApiLoadStore, type SeedFacts } from './api-load-seed.js';
import type { LoadPlan, LoadResult, Sample } from './load-generator.js';

export interface ApiLoadOptions {
  /** Repository root (fixtures, bin/). */
  root: string;
  /** @defaultValue 10,000 */
  providers?: number;
  /** @defaultValue 50,000 */
  events?: number;
  /** Requests per second to the API. @defaultValue 50 */
  rate?: number;
  /** Measured seconds per layout (after 5 s of warm-up). @defaultValue 20 */
  seconds?: number;
  /** The politeness limit the sweep runs at (REQUESTS_PER_SECOND; the shipped default is 1). @defaultValue 2 */
  ofstedRate?: number;
  /** Where progress lines go. @defaultValue stderr */
  progress?: (line: string) => void;
}

export interface GroupFigures {
  group: string;
  count: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LayoutResult {
  requests: number;
  errors: number;
  /** Failed requests by kind and status ("/health 503"), so a failure is told, not only counted. */
  failures: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  groups: GroupFigures[];
  /** The whole-watchlist CSV export, requested every few seconds alongside (not in the figures above). */
  csv: { count: number; p50Ms: number; maxMs: number; megabytes: number; errors: number };
  workerLag: LagSnapshot | null;
  /** The API process's own event-loop delay (in the combined layout, the same process as the workers). */
  apiLag: LagSnapshot | null;
  /** What the API itself logged as each request's time in the window (fastify's responseTime). */
  serverMs: { count: number; p50: number; p99: number; max: number };
  /** The slowest request due in each second of the window, ms. */
  worstPerSecond: number[];
  /** The generator's own worst lateness sending a request (should be a few ms). */
  maxSendLagMs: number;
}

export interface ApiLoadResult {
  providers: number;
  events: number;
  rate: number;
  seconds: number;
  ofstedRate: number;
  seedSeconds: number;
  kinds: number;
  split: LayoutResult;
  combined: LayoutResult;
}

const CSV = join('fixtures', 'real', 'csv', 'childrens_social_care', 'provider_level_at_31_Mar_2025.csv');
/** The whole-watchlist export, once in this many requests (every 5 s at 50 req/s). */
const CSV_EVERY = 250;
const WARMUP_MS = 5_000;
/** Kinds of request in the mix (buildTargets), each warmed one at a time before the load starts. */
const WARM_KINDS = 22;

export async function runApiLoadBench(options: ApiLoadOptions): Promise<ApiLoadResult> {
  const say = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const providers = options.providers ?? 10_000;
  const events = options.events ?? 50_000;
  const rate = options.rate ?? 50;
  const seconds = options.seconds ?? 20;
  const ofstedRate = options.ofstedRate ?? 2;
  const tmp = mkdtempSync(join(tmpdir(), 'ofsted-api-bench-'));
  const cleanups: (() => Promise<unknown> | unknown)[] = [() => rmSync(tmp, { recursive: true, force: true })];
  try {
    const databaseUrl = `sqlite:${join(tmp, 'monitor.db')}`;
    const known = readUrnsFromCsv(readFileSync(join(options.root, CSV), 'utf8')).urns;
    say(`api load bench: seeding ${providers} providers and ${events} events...`);
    const seedStarted = performance.now();
    const facts = await seedApiLoadStore({ databaseUrl, knownUrns: known, providers, events });
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const site = await startFakeOfsted({ now: '2025-03-31', bulk: true });
    cleanups.push(() => site.close());
    const redisUrl = await benchRedisUrl(join(tmp, 'redis'), cleanups);
    const targets = buildTargets(facts);
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      OFSTED_REPORTS_URL: site.reportsUrl,
      OFSTED_FILES_URL: site.filesUrl,
      REQUESTS_PER_SECOND: String(ofstedRate),
      SWEEP_JITTER_MS: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      // The image's heap settings, and the probe that reports the event-loop delay of a window.
      NODE_OPTIONS: `--import=${pathToFileURL(join(import.meta.dirname, 'lag-probe.js')).href} ${SERVICE_NODE_OPTIONS}`,
    };
    const layout = async (name: 'split' | 'combined'): Promise<LayoutResult> => {
      say(`api load bench: ${name} layout, ${WARMUP_MS / 1000} s warm-up then ${seconds} s at ${rate} req/s...`);
      return runLayout(name, { root: options.root, env, redisUrl, targets, rate, measureMs: seconds * 1000 });
    };
    const combined = await layout('combined');
    const split = await layout('split');
    return { providers, events, rate, seconds, ofstedRate, seedSeconds, kinds: new Set(targets.map((t) => t.group)).size, split, combined };
  } finally {
    for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => undefined);
  }
}

/** The requests, in the order sent: every kind of dashboard page and JSON endpoint, with varied parameters. */
function buildTargets(facts: SeedFacts): LoadPlan['targets'] {
  const random = new SeededRandom('api-load-targets');
  const urn = () => random.pick(facts.urns);
  const owner = () => encodeURIComponent(random.pick(facts.owners));
  const seq = () => random.int(1, facts.lastSeq);
  const kinds: [string, () => string][] = [
    // `/` is the declines view; the watchlist moved to /watchlist (issue 13).
    ['/', () => '/'],
    ['/?period=', () => `/?period=${random.pick(['7', '365', 'all'])}&owner=${owner()}`],
    ['/watchlist', () => '/watchlist'],
    ['/watchlist?page=N', () => `/watchlist?page=${random.int(2, 100)}`],
    ['/watchlist?grade=', () => `/watchlist?grade=${random.pick(['inadequate', 'good', 'none'])}`],
    ['/watchlist?sort=', () => `/watchlist?sort=${random.pick(['grade', 'inspected', 'name', 'declined'])}&page=${random.int(1, 20)}`],
    ['/watchlist?q=', () => `/watchlist?q=${random.pick(['oak', 'house 12', 'care group 7', 'SC9000'])}`],
    ['/watchlist?owner=', () => `/watchlist?owner=${owner()}`],
    ['/events', () => '/events'],
    ['/events?before=', () => `/events?before=${seq()}`],
    ['/events?type=', () => `/events?type=${random.pick(['rating-declined', 'enforcement', 'decline'])}&backfill=yes`],
    ['/events?owner=', () => `/events?owner=${owner()}`],
    ['/providers/URN', () => `/providers/${urn()}`],
    ['/owners/NAME', () => `/owners/${owner()}`],
    ['/feeds/events.atom', () => '/feeds/events.atom'],
    ['/owners/NAME/events.rss', () => `/owners/${owner()}/events.rss`],
    ['/providers/URN/history.csv', () => `/providers/${urn()}/history.csv`],
    ['/api/providers', () => `/api/providers?cursor=${encodeCursor('providers', [urn()])}`],
    ['/api/providers/URN', () => `/api/providers/${urn()}`],
    ['/api/providers/URN/history', () => `/api/providers/${urn()}/history`],
    ['/api/events', () => `/api/events?cursor=${encodeCursor('events', [seq()])}`],
    ['/api/events?urn=', () => `/api/events?urn=${urn()}`],
    ['/api/watchlist', () => '/api/watchlist'],
    ['/health', () => '/health'],
  ];
  const out: LoadPlan['targets'] = [];
  for (let i = 0; i < CSV_EVERY * 4; i++) {
    if (i % CSV_EVERY === CSV_EVERY - 1) out.push({ group: 'csv', path: '/history.csv' });
    else {
      const [group, path] = kinds[i % kinds.length]!;
      out.push({ group, path: path() });
    }
  }
  return out;
}

interface LayoutSetup {
  root: string;
  env: Record<string, string>;
  redisUrl: string;
  targets: LoadPlan['targets'];
  rate: number;
  measureMs: number;
}

async function runLayout(name: 'split' | 'combined', s: LayoutSetup): Promise<LayoutResult> {
  const prefix = `bench-api-${process.pid}-${name}`;
  const env = { ...s.env, QUEUE_PREFIX: prefix };
  const started: DaemonChild[] = [];
  const connection = new Redis(s.redisUrl, { maxRetriesPerRequest: null });
  const queues = [SWEEP_QUEUE, PROVIDER_QUEUE, REPORT_QUEUE, NOTIFY_QUEUE].map((q) => new Queue(q, { connection, prefix }));
  try {
    let api: DaemonChild;
    let worker: DaemonChild;
    if (name === 'split') {
      // BENCH_API_PROFILE_DIR: a CPU profile of the API process, written when it stops.
      const profile = process.env.BENCH_API_PROFILE_DIR;
      api = DaemonChild.start(s.root, env, ['--no-workers', '--no-scheduler'], profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);
      worker = DaemonChild.start(s.root, env, ['--no-api', '--no-scheduler']);
      started.push(api, worker);
    } else {
      api = worker = DaemonChild.start(s.root, env, ['--no-scheduler']);
      started.push(api);
    }
    const apiUrl = String((await api.started).api);
    await worker.started;
    // The sweep: a provider job per watched URN, their report jobs, paced by the politeness limit.
    await queues[0]!.add(SWEEP_JOB, { reason: 'manual' }, { jobId: `bench-api-${name}` });
    // A freshly started process compiles its code and fills SQLite's page cache on the first requests: one
    // request of each kind at a time first, so the open-loop warm-up does not start with a backlog.
    for (const target of s.targets.slice(0, 3 * WARM_KINDS)) {
      await fetch(apiUrl + target.path).then((res) => res.arrayBuffer()).catch(() => undefined);
    }

    const plan: LoadPlan = { baseUrl: apiUrl, targets: s.targets, rate: s.rate, warmupMs: WARMUP_MS, measureMs: s.measureMs, timeoutMs: 30_000 };
    const generator = new Worker(new URL('./load-generator.js', import.meta.url), { workerData: plan });
    const result = new Promise<LoadResult>((resolve, reject) => {
      generator.once('message', resolve);
      generator.once('error', reject);
    });
    await delay(WARMUP_MS + 20);
    await Promise.all([worker.lag(), name === 'split' ? api.lag() : null]);
    await delay(s.measureMs);
    const serverTimes = api.serverTimes;
    const [workerLag, apiLag] = await Promise.all([worker.lag(), name === 'split' ? api.lag() : null]);
    const load = await result;
    await generator.terminate();
    return { ...summarise(load, workerLag, name === 'split' ? apiLag : workerLag), serverMs: serverFigures(serverTimes) };
  } finally {
    for (const child of started) await child.stop();
    for (const q of queues) {
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
    await connection.del(`${prefix}:ofsted-politeness`).catch(() => undefined);
    connection.disconnect();
  }
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function serverFigures(times: readonly number[]): LayoutResult['serverMs'] {
  const sorted = [...times].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

function summarise(load: LoadResult, workerLag: LagSnapshot | null, apiLag: LagSnapshot | null): Omit<LayoutResult, 'serverMs'> {
  const ok = (x: Sample) => x.status > 0 && x.status < 500;
  const pages = load.samples.filter((x) => x.group !== 'csv');
  const csv = load.samples.filter((x) => x.group === 'csv');
  const times = pages.map((x) => x.ms).sort((a, b) => a - b);
  const groups = [...new Set(pages.map((x) => x.group))].map((group) => {
    const ms = pages.filter((x) => x.group === group).map((x) => x.ms).sort((a, b) => a - b);
    return { group, count: ms.length, p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99) };
  });
  const csvTimes = csv.map((x) => x.ms).sort((a, b) => a - b);
  const worstPerSecond: number[] = [];
  for (const x of pages) {
    const second = Math.floor(x.at / 1000);
    worstPerSecond[second] = Math.max(worstPerSecond[second] ?? 0, x.ms);
  }
  return {
    requests: pages.length,
    errors: pages.filter((x) => !ok(x)).length,
    failures: pages.filter((x) => !ok(x)).reduce<Record<string, number>>((acc, x) => {
      const key = `${x.group} ${x.status || 'no answer'}`;
      acc[key] = (acc[key] ?? 0) + 1;
      return acc;
    }, {}),
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    maxMs: times.at(-1) ?? Number.NaN,
    groups: groups.sort((a, b) => b.p99Ms - a.p99Ms),
    csv: {
      count: csv.length,
      p50Ms: percentile(csvTimes, 50),
      maxMs: csvTimes.at(-1) ?? Number.NaN,
      megabytes: csv.length ? csv.reduce((a, x) => a + x.bytes, 0) / csv.length / 1024 / 1024 : 0,
      errors: csv.filter((x) => !ok(x)).length,
    },
    workerLag,
    apiLag,
    worstPerSecond: Array.from(worstPerSecond, (x) => x ?? 0),
    maxSendLagMs: load.maxSendLagMs,
  };
}

/** A compiled `ofsted-monitor daemon` with the lag probe loaded; only its start line and probe lines are kept. */
class DaemonChild {
  readonly started: Promise<Record<string, unknown>>;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  readonly #lags: LagSnapshot[] = [];
  readonly #tail: string[] = [];
  /** responseTime of each request the API logged since the last lag() call, ms. */
  serverTimes: number[] = [];

  private constructor(child: ChildProcess) {
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    let buffer = '';
    let onStart: (line: Record<string, unknown>) => void = () => undefined;
    this.started = new Promise((resolve, reject) => {
      onStart = resolve;
      child.once('exit', (code) => reject(new Error(`daemon exited (${code}) before it started: ${this.#tail.join('\n')}`)));
    });
    this.started.catch(() => undefined);
    child.stderr?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('"benchLag"')) this.#lags.push((JSON.parse(line) as { benchLag: LagSnapshot }).benchLag);
        else if (line.includes('"msg":"request completed"')) {
          const time = (JSON.parse(line) as { responseTime?: number }).responseTime;
          if (typeof time === 'number') this.serverTimes.push(time);
        }
        else if (line.includes('"msg":"daemon started"')) onStart(JSON.parse(line) as Record<string, unknown>);
        this.#tail.push(line);
        if (this.#tail.length > 50) this.#tail.shift();
      }
    });
  }

  static start(root: string, env: Record<string, string>, args: string[], nodeArgs: string[] = []): DaemonChild {
    const child = spawn(process.execPath, [...nodeArgs, join(root, 'bin', 'ofsted-monitor.js'), 'daemon', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return new DaemonChild(child);
  }

  /** The event-loop delay since the last call (or start), from the probe. */
  async lag(): Promise<LagSnapshot | null> {
    this.serverTimes = [];
    const before = this.#lags.length;
    this.#child.kill('SIGUSR2');
    for (let waited = 0; waited < 5_000 && this.#lags.length === before; waited += 20) await delay(20);
    return this.#lags[before] ?? null;
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGTERM');
    await Promise.race([this.#exited, delay(15_000)]);
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
  }
}

/** The report lines, ending with the ones the issue names. */
export function renderApiLoadBench(r: ApiLoadResult): string {
  const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');
  const lag = (l: LagSnapshot | null) => (l ? `p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, max ${l.maxMs} ms` : 'n/a');
  const line = (name: string, x: LayoutResult) =>
    `  ${name}: api p50 ${ms(x.p50Ms)} ms, p99 ${ms(x.p99Ms)} ms, max ${ms(x.maxMs)} ms over ${x.requests} requests (${failed(x)}); ` +
    `the API's own log: p50 ${ms(x.serverMs.p50)} ms, p99 ${ms(x.serverMs.p99)} ms over ${x.serverMs.count}; ` +
    `worker event-loop delay ${lag(x.workerLag)}; API process event-loop delay ${lag(x.apiLag)}; generator send lag max ${ms(x.maxSendLagMs)} ms`;
  const csv = (x: LayoutResult) =>
    `${x.csv.count} × ${x.csv.megabytes.toFixed(1)} MB, p50 ${ms(x.csv.p50Ms)} ms, max ${ms(x.csv.maxMs)} ms${x.csv.errors ? `, ${x.csv.errors} failed` : ''}`;
  const failed = (x: LayoutResult) =>
    x.errors ? `${x.errors} failed: ${Object.entries(x.failures).map(([k, n]) => `${k} × ${n}`).join(', ')}` : 'none failed';
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? (a / b).toFixed(2) : 'n/a');
  return [
    `api load: ${r.providers} providers, ${r.events} events in SQLite (seeded in ${r.seedSeconds.toFixed(1)} s); ${r.rate} req/s open loop for ${r.seconds} s over ${r.kinds} kinds of page and endpoint, a sweep running at ${r.ofstedRate} Ofsted req/s`,
    line('split (daemon --no-workers + daemon --no-api)', r.split),
    line('combined baseline (one daemon)', r.combined),
    `  slowest request due in each second, split: ${r.split.worstPerSecond.map(ms).join(' ')}`,
    `  slowest kinds, split (p99): ${r.split.groups.slice(0, 6).map((g) => `${g.group} ${ms(g.p99Ms)} ms`).join(', ')}`,
    `  whole-watchlist CSV export alongside (not in the figures above): split ${csv(r.split)}; combined ${csv(r.combined)}`,
    `api p99 ms: ${ms(r.split.p99Ms)}`,
    `worker loop lag p99 ms: ${r.split.workerLag?.p99Ms ?? 'n/a'}`,
    `api p99 split/combined ratio: ${ratio(r.split.p99Ms, r.combined.p99Ms)}`,
    `worker loop lag p99 split/combined ratio: ${ratio(r.split.workerLag?.p99Ms, r.combined.workerLag?.p99Ms)}`,
  ].join('\n');
}
