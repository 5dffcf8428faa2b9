import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { providerJobOptions, type JobSettings } from '../../workers/job-options.js';
import {
  PROVIDER_JOB,
  PROVIDER_QUEUE,
  providerDeduplicationId,
  stallRequeueCountKey,
  stallRequeueJobId,
  stallRequeuePendingKey,
} from '../../workers/queues.js';
import { StallRequeue } from '../../workers/stall-requeue.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import type { LogLine } from './support/daemon-process.js';
import { uniquePrefix } from './support/queue-fixture.js';
import { waitFor } from './support/wait-for.js';

// What is owed to a provider whose job was failed for stalling, on a real Redis with real BullMQ queues.

const SETTINGS: JobSettings = { attempts: 1, backoffMs: 0, sweepJitterMs: 0 };
const today = () => new Date().toISOString().slice(0, 10);

describe('StallRequeue', () => {
  let redis: TestRedis;
  let connection: Redis;
  let queue: Queue;
  let prefix: string;
  const logs: LogLine[] = [];

  before(async () => {
    redis = await startTestRedis();
    connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    prefix = uniquePrefix('stalls');
    queue = new Queue(PROVIDER_QUEUE, { connection, prefix });
  });
  after(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await connection.del(stallRequeuePendingKey(prefix), stallRequeueCountKey(prefix, today()));
    connection.disconnect();
    await redis.stop();
  });

  const requeue = (perDay: number) => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    return new StallRequeue({ connection, prefix, queue, settings: SETTINGS, perDay, delayMs: 60_000, logger: pino({ level: 'info' }, sink) });
  };

  it('queues a provider job for the URN at once, delayed, and nothing more once the day\'s budget is spent', async () => {
    const stalls = requeue(2);
    for (const n of [1, 2]) {
      await stalls.noteStalled('SC000001', 'sweep', `report_SC000001_1000000${n}`);
      const job = await queue.getJob(stallRequeueJobId('SC000001', today(), n));
      assert.ok(job, `re-queue ${n}`);
      assert.equal(await job.getState(), 'delayed');
      assert.deepEqual(job.data, { urn: 'SC000001', reason: 'sweep' });
      // As if it ran: a finished job no longer holds the URN's deduplication id.
      await job.remove();
    }
    await stalls.noteStalled('SC000001', 'sweep', 'report_SC000001_10000003');
    assert.equal(await queue.getJob(stallRequeueJobId('SC000001', today(), 3)), undefined);
    assert.equal(await queue.count(), 0);
    assert.ok(logs.some((l) => l.msg?.startsWith('job failed for stalling again: not queued again today') && l.urn === 'SC000001'));
    assert.deepEqual(await connection.hgetall(stallRequeuePendingKey(prefix)), {});
  });

  it('owes the job while a started provider job of the URN is pending, and adds it once that one is done', async () => {
    const stalls = requeue(3);
    let finish = () => {};
    const running = new Promise<void>((resolve) => (finish = resolve));
    const workerConnection = connection.duplicate({ maxRetriesPerRequest: null });
    const worker = new Worker(PROVIDER_QUEUE, () => running, { connection: workerConnection, prefix });
    try {
      const jobId = 'provider_SC000002_1';
      const opts = providerJobOptions(SETTINGS, { jobId, deduplicationId: providerDeduplicationId('SC000002'), reason: 'sweep' });
      await queue.add(PROVIDER_JOB, { urn: 'SC000002', reason: 'sweep' }, opts);
      await waitFor('the job to start', async () => (await queue.getJob(jobId))?.processedOn, 10_000, 50);

      // That job read the page before the failure: a new one is still owed.
      await stalls.noteStalled('SC000002', 'sweep', 'report_SC000002_1');
      const owed = stallRequeueJobId('SC000002', today(), 1);
      assert.equal(await queue.getJob(owed), undefined);
      assert.equal(await stalls.drain(), 0);
      assert.ok(await connection.hget(stallRequeuePendingKey(prefix), 'SC000002'));

      finish();
      await waitFor('the job to complete', async () => (await queue.getJob(jobId))?.finishedOn, 10_000, 50);
      assert.equal(await stalls.drain(), 1);
      assert.equal(await (await queue.getJob(owed))?.getState(), 'delayed');
      assert.equal(await connection.hget(stallRequeuePendingKey(prefix), 'SC000002'), null);
    } finally {
      await worker.close();
      workerConnection.disconnect();
    }
  });

  it('owes nothing when a provider job of the URN is waiting to start: it will read the page afresh', async () => {
    const stalls = requeue(3);
    const waiting = 'provider_SC000003_1';
    const opts = providerJobOptions(SETTINGS, { jobId: waiting, deduplicationId: providerDeduplicationId('SC000003'), reason: 'sweep', delay: 60_000 });
    await queue.add(PROVIDER_JOB, { urn: 'SC000003', reason: 'sweep' }, opts);
    await stalls.noteStalled('SC000003', 'sweep', 'report_SC000003_1');
    assert.equal(await queue.getJob(stallRequeueJobId('SC000003', today(), 1)), undefined);
    assert.equal(await connection.hget(stallRequeuePendingKey(prefix), 'SC000003'), null);
  });
});
