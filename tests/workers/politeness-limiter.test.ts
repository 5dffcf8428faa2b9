import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { PolitenessDelayError } from '../../workers/politeness-delay-error.js';
import { PolitenessLimiter } from '../../workers/politeness-limiter.js';
import { ReleaseJobError } from '../../workers/release-job-error.js';
import { uniquePrefix } from './support/queue-fixture.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';

// The shared request schedule on a real Redis, with one connection per "process".

describe('PolitenessLimiter', () => {
  let redis: TestRedis;
  const connections: Redis[] = [];
  const keys: string[] = [];

  before(async () => {
    redis = await startTestRedis();
  });
  after(async () => {
    if (connections[0]) await connections[0].del(...keys).catch(() => undefined);
    for (const c of connections) c.disconnect();
    await redis.stop();
  });

  /** Limiters on separate connections sharing one schedule, as separate daemons would. */
  function limiters(n: number, options: { requestsPerSecond: number; maxInlineWaitMs?: number; signal?: AbortSignal }): PolitenessLimiter[] {
    const key = `${uniquePrefix('limiter')}:ofsted-politeness`;
    keys.push(key);
    return Array.from({ length: n }, () => {
      const connection = new Redis(redis.url);
      connections.push(connection);
      return new PolitenessLimiter(connection, { key, ...options });
    });
  }

  it('spaces requests from every process sharing the schedule 1/REQUESTS_PER_SECOND apart', async () => {
    const [a, b] = limiters(2, { requestsPerSecond: 10 });
    const started = performance.now();
    const granted: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a! : b!).take().then(() => granted.push(performance.now() - started))),
    );
    granted.sort((x, y) => x - y);
    const gaps = granted.slice(1).map((t, i) => t - granted[i]!);
    // Slots are 100 ms apart; a grant seen late (a busy machine) shortens the gap after it, never the whole run.
    assert.ok(Math.min(...gaps) >= 50, `smallest gap ${Math.min(...gaps).toFixed(1)} ms`);
    assert.ok(granted.at(-1)! >= 1_050, `12 requests at 10/s took ${granted.at(-1)!.toFixed(0)} ms`);
    assert.equal(a!.granted + b!.granted, 12);
  });

  it('holds every process back for a Retry-After one of them was given', async () => {
    const [a, b] = limiters(2, { requestsPerSecond: 50 });
    const started = performance.now();
    const retry = a!.backOff(1_200).then(() => performance.now() - started);
    // Once a's back-off is in the shared schedule (a fixed sleep here lost the race on a loaded machine).
    while (!(await connections.at(-1)!.exists(keys.at(-1)!))) await new Promise((r) => setTimeout(r, 2));
    const other = await b!.take().then(() => performance.now() - started);
    assert.ok((await retry) >= 1_150, `the retry waited ${(await retry).toFixed(0)} ms`);
    assert.ok(other >= 1_150, `the other process's request waited ${other.toFixed(0)} ms`);
  });

  it('refuses, reserving nothing, a slot further ahead than a job should wait holding its worker', async () => {
    const [a] = limiters(1, { requestsPerSecond: 1, maxInlineWaitMs: 500 });
    await a!.take();
    const first = await a!.reserve().catch((e: unknown) => e);
    assert.ok(first instanceof PolitenessDelayError);
    assert.ok(first.waitMs > 500 && first.waitMs <= 1_000, `wait ${first.waitMs}`);
    // Nothing was reserved, so the next refusal names the same slot, not one a second later.
    const second = await a!.reserve().catch((e: unknown) => e);
    assert.ok(second instanceof PolitenessDelayError && second.waitMs <= 1_000);
  });

  it('keeps a long Retry-After for everyone even though nobody waits it out inline', async () => {
    const [a, b] = limiters(2, { requestsPerSecond: 50, maxInlineWaitMs: 500 });
    const own = await a!.backOff(3_000).catch((e: unknown) => e);
    assert.ok(own instanceof PolitenessDelayError && own.waitMs > 2_900, 'the job that got the 429 is put back');
    const other = await b!.reserve().catch((e: unknown) => e);
    assert.ok(other instanceof PolitenessDelayError && other.waitMs > 2_800, 'so is every other one, for as long');
  });

  it('gives up waiting for a slot as soon as the daemon stops', async () => {
    const stop = new AbortController();
    const [a] = limiters(1, { requestsPerSecond: 1, maxInlineWaitMs: 5_000, signal: stop.signal });
    await a!.take();
    const waiting = a!.take();
    setTimeout(() => stop.abort('stopping'), 50);
    const started = performance.now();
    await assert.rejects(waiting, ReleaseJobError);
    assert.ok(performance.now() - started < 500);
  });
});
