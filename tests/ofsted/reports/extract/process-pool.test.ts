import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, it } from 'node:test';
import { ProcessPool, type ProcessPoolOptions } from '../../../../src/ofsted/reports/extract/process-pool.js';
import { WorkerTaskError } from '../../../../src/ofsted/reports/extract/worker-task-error.js';

const ENTRY = new URL('./children/test-child.mjs', import.meta.url);

describe('ProcessPool', () => {
  const pools: ProcessPool<string, string>[] = [];
  const pool = (options: Partial<ProcessPoolOptions> = {}) => {
    const p = new ProcessPool<string, string>({
      entry: ENTRY,
      size: 1,
      timeoutMs: 30_000,
      maxHeapMb: 64,
      maxAddressSpaceMb: 1536,
      maxTasksPerWorker: 100,
      ...options,
    });
    pools.push(p);
    return p;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => assert.fail('expected the task to fail'),
      (err: unknown) => {
        assert.ok(err instanceof WorkerTaskError, String(err));
        return err;
      },
    );
  const pidOf = (reply: string) => reply.split('@')[1];
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('reuses one child for tasks run one after another', async () => {
    const p = pool();
    const replies = [];
    for (const input of ['a', 'b', 'c', 'd']) replies.push(await p.run(input));
    assert.deepEqual(replies.map((r) => r.split('@')[0]), ['a', 'b', 'c', 'd']);
    assert.equal(new Set(replies.map(pidOf)).size, 1);
    assert.equal(p.stats.workersStarted, 1);
    assert.equal(p.stats.tasksRun, 4);
    assert.ok(p.stats.peakChildRssKb > 0, 'the child reports its peak memory');
  });

  it('runs tasks side by side on up to `size` children and queues the rest', async () => {
    const p = pool({ size: 2 });
    const replies = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((x) => p.run(x)));
    assert.equal(replies.length, 5);
    assert.equal(p.stats.workersStarted, 2);
    assert.equal(new Set(replies.map(pidOf)).size, 2);
  });

  it('replaces a child after maxTasksPerWorker tasks', async () => {
    const p = pool({ maxTasksPerWorker: 2 });
    const pids = [];
    for (const input of ['a', 'b', 'c']) pids.push(pidOf(await p.run(input)));
    assert.equal(pids[0], pids[1]);
    assert.notEqual(pids[1], pids[2]);
    assert.equal(p.stats.workersStarted, 2);
  });

  it('kills a child stuck past the timeout, and the pool goes on with a new one', async () => {
    const p = pool({ timeoutMs: 1_500 });
    const stuck = Number(pidOf(await p.run('warm')));
    const err = await failure(p.run('spin'));
    assert.equal(err.reason, 'timeout');
    // A child still spinning would burn a core; a killed one is gone once reaped.
    for (let i = 0; i < 100 && alive(stuck); i++) await sleep(20);
    assert.equal(alive(stuck), false);
    assert.match(await p.run('after'), /^after@/);
    assert.equal(p.stats.workersStarted, 2);
    assert.equal(p.stats.workersStopped, 1);
  });

  it('stops a child that outgrows its heap cap, as out-of-memory', async () => {
    const p = pool({ maxHeapMb: 32 });
    const err = await failure(p.run('heap'));
    assert.equal(err.reason, 'out-of-memory');
    assert.doesNotMatch(err.message, /\n/);
    assert.match(await p.run('after'), /^after@/);
  });

  it('bounds memory outside the heap by the address-space cap, and replaces that child', async () => {
    // 64 MB buffers, never in the V8 heap: a worker thread's heap cap would let them fill the machine.
    const p = pool({ maxAddressSpaceMb: 1024 });
    const err = await failure(p.run('buffers'));
    assert.equal(err.reason, 'out-of-memory');
    assert.match(err.message, /allocation failed/i);
    // Node itself reserves ~0.8 GB of address space it never touches; what the child filled is what is left.
    assert.ok(p.stats.peakChildRssKb < 1024 * 1024, `child peak ${Math.round(p.stats.peakChildRssKb / 1024)} MB`);
    assert.match(await p.run('after'), /^after@/);
    assert.equal(p.stats.workersStarted, 2);
  });

  it('reports a child that exits or throws as crashed, and recovers', async () => {
    const p = pool();
    assert.equal((await failure(p.run('exit'))).reason, 'crashed');
    assert.equal((await failure(p.run('throw'))).reason, 'crashed');
    assert.match(await p.run('after'), /^after@/);
    assert.equal(p.stats.workersStarted, 3);
  });

  it('passes a failure the child reports as failed, keeping the child', async () => {
    const p = pool();
    const err = await failure(p.run('fail'));
    assert.equal(err.reason, 'failed');
    assert.equal(err.message, 'the input was bad');
    await p.run('after');
    assert.equal(p.stats.workersStarted, 1);
  });

  it('fails queued and running tasks when closed, and refuses new ones', async () => {
    const p = pool();
    await p.run('warm');
    const running = failure(p.run('spin'));
    const queued = failure(p.run('a'));
    await sleep(50);
    await p.close();
    assert.equal((await running).reason, 'closed');
    assert.equal((await queued).reason, 'closed');
    assert.equal((await failure(p.run('b'))).reason, 'closed');
  });
});
