import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, it } from 'node:test';
import { WorkerPool, type WorkerPoolOptions } from '../../../../src/ofsted/reports/extract/worker-pool.js';
import { WorkerTaskError } from '../../../../src/ofsted/reports/extract/worker-task-error.js';

const ENTRY = new URL('./workers/test-worker.ts', import.meta.url);

describe('WorkerPool', () => {
  const pools: WorkerPool<string, string>[] = [];
  const pool = (options: Partial<WorkerPoolOptions> = {}) => {
    const p = new WorkerPool<string, string>({ entry: ENTRY, size: 1, timeoutMs: 10_000, maxHeapMb: 64, maxTasksPerWorker: 100, ...options });
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
  const threadOf = (reply: string) => reply.split('@')[1];

  it('reuses one worker for tasks run one after another', async () => {
    const p = pool();
    const replies = [];
    for (const input of ['a', 'b', 'c', 'd']) replies.push(await p.run(input));
    assert.deepEqual(replies.map((r) => r.split('@')[0]), ['a', 'b', 'c', 'd']);
    assert.equal(new Set(replies.map(threadOf)).size, 1);
    assert.deepEqual(p.stats, { workersStarted: 1, workersStopped: 0, tasksRun: 4 });
  });

  it('runs tasks side by side on up to `size` workers and queues the rest', async () => {
    const p = pool({ size: 2 });
    const replies = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((x) => p.run(x)));
    assert.equal(replies.length, 5);
    assert.equal(p.stats.workersStarted, 2);
    assert.equal(new Set(replies.map(threadOf)).size, 2);
  });

  it('replaces a worker after maxTasksPerWorker tasks', async () => {
    const p = pool({ maxTasksPerWorker: 2 });
    const threads = [];
    for (const input of ['a', 'b', 'c']) threads.push(threadOf(await p.run(input)));
    assert.equal(threads[0], threads[1]);
    assert.notEqual(threads[1], threads[2]);
    assert.equal(p.stats.workersStarted, 2);
  });

  it('terminates a worker stuck past the timeout, and the pool goes on with a new one', async () => {
    const p = pool({ timeoutMs: 1_500 });
    await p.run('warm'); // the first start (tsx in the worker) must not count against the timeout below
    const started = performance.now();
    const err = await failure(p.run('spin'));
    assert.equal(err.reason, 'timeout');
    assert.ok(performance.now() - started < 4_000);
    // A thread still spinning would burn a whole core; a terminated one burns nothing.
    const cpuBefore = process.cpuUsage();
    await sleep(500);
    const cpu = process.cpuUsage(cpuBefore);
    assert.ok(cpu.user + cpu.system < 300_000, `used ${Math.round((cpu.user + cpu.system) / 1000)} ms of CPU in 500 ms`);
    assert.match(await p.run('after'), /^after@/);
    assert.deepEqual(p.stats, { workersStarted: 2, workersStopped: 1, tasksRun: 2 });
  });

  it('stops a worker that outgrows its heap cap, as out-of-memory', async () => {
    const p = pool({ maxHeapMb: 32 });
    const err = await failure(p.run('oom'));
    assert.equal(err.reason, 'out-of-memory');
    assert.match(await p.run('after'), /^after@/);
  });

  it('reports a worker that exits or throws as crashed, and recovers', async () => {
    const p = pool();
    assert.equal((await failure(p.run('exit'))).reason, 'crashed');
    assert.equal((await failure(p.run('throw'))).reason, 'crashed');
    assert.match(await p.run('after'), /^after@/);
    assert.equal(p.stats.workersStarted, 3);
  });

  it('passes a failure the worker reports as failed, keeping the worker', async () => {
    const p = pool();
    const err = await failure(p.run('fail'));
    assert.equal(err.reason, 'failed');
    assert.equal(err.message, 'the input was bad');
    await p.run('after');
    assert.equal(p.stats.workersStarted, 1);
  });

  it('fails queued and running tasks when closed, and refuses new ones', async () => {
    const p = pool();
    const running = failure(p.run('spin'));
    const queued = failure(p.run('a'));
    await sleep(50);
    await p.close();
    assert.equal((await running).reason, 'closed');
    assert.equal((await queued).reason, 'closed');
    assert.equal((await failure(p.run('b'))).reason, 'closed');
  });
});
