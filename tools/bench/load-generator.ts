// An open-loop load generator, run in a worker thread by the API load bench so that nothing else in the
// bench process (the local Ofsted site renders PDFs there) delays a request. Requests leave on a fixed
// schedule whether or not earlier ones have answered, and each one's time counts from when it was due,
// not from when it left: a server that stalls is charged for the queue it causes (no coordinated omission).
import { parentPort, workerData } from 'node:worker_threads';
import { setTimeout as delay } from 'node:timers/promises';

export interface LoadPlan {
  baseUrl: string;
  /** Requested in turn, round and round. */
  targets: { group: string; path: string }[];
  /** Requests per second. */
  rate: number;
  /** Sent but not counted, first. */
  warmupMs: number;
  /** Counted. */
  measureMs: number;
  /** A request still unanswered after this counts as failed. */
  timeoutMs: number;
}

export interface Sample {
  group: string;
  /** When it was due, ms from the start of the measured window. */
  at: number;
  /** From when the request was due to when its whole body had arrived. */
  ms: number;
  status: number;
  bytes: number;
}

export interface LoadResult {
  samples: Sample[];
  /** How late, at most, a request left its due time (the generator's own health). */
  maxSendLagMs: number;
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const interval = 1000 / plan.rate;
  const start = performance.now() + 20;
  const measureFrom = start + plan.warmupMs;
  const end = measureFrom + plan.measureMs;
  const samples: Sample[] = [];
  const pending: Promise<void>[] = [];
  let maxSendLagMs = 0;
  for (let i = 0; ; i++) {
    const due = start + i * interval;
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 0) await delay(wait);
    maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
    const target = plan.targets[i % plan.targets.length]!;
    pending.push(
      (async () => {
        let status = 0;
        let bytes = 0;
        try {
          const res = await fetch(plan.baseUrl + target.path, { signal: AbortSignal.timeout(plan.timeoutMs) });
          status = res.status;
          bytes = (await res.arrayBuffer()).byteLength;
        } catch {
          status = 0;
        }
        if (due >= measureFrom) samples.push({ group: target.group, at: due - measureFrom, ms: performance.now() - due, status, bytes });
      })(),
    );
  }
  await Promise.all(pending);
  return { samples, maxSendLagMs };
}

if (parentPort) {
  const result = await run(workerData as LoadPlan);
  parentPort.postMessage(result);
}
