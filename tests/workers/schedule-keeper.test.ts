import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { jobSettingsFromConfig } from '../../workers/job-options.js';
import { DIGEST_SCHEDULER_ID, DISCOVERY_SCHEDULER_ID, OUTBOX_SCHEDULER_ID, SWEEP_SCHEDULER_ID } from '../../workers/queues.js';
import { daemonSchedulers, keepSchedulers, type ScheduleKeeper } from '../../workers/schedule-keeper.js';
import { schedulerTickJobId } from '../../workers/schedule-status.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import type { LogLine } from './support/daemon-process.js';
import { inspectQueues, uniquePrefix } from './support/queue-fixture.js';

// The daemon's scheduler check on a real Redis: what it re-creates, and what it must leave alone (upserting
// a scheduler that is in place would drop a tick that is due but not yet taken).

describe('keepSchedulers', () => {
  let redis: TestRedis;
  let queues: ReturnType<typeof inspectQueues>;
  let keeper: ScheduleKeeper;
  const logs: LogLine[] = [];

  before(async () => {
    redis = await startTestRedis();
    queues = inspectQueues(redis.url, uniquePrefix('keeper'));
    const config = loadConfig({});
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    keeper = await keepSchedulers(daemonSchedulers(queues, config, jobSettingsFromConfig(config)), {
      connection: queues.connection,
      checkEveryMs: 600_000,
      logger: pino({ level: 'info' }, sink),
    });
  });
  after(async () => {
    keeper?.stop();
    await queues?.close();
    await redis?.stop();
  });

  const nextTicks = async () => ({
    discovery: (await queues.sweep.getJobScheduler(DISCOVERY_SCHEDULER_ID))?.next,
    sweep: (await queues.sweep.getJobScheduler(SWEEP_SCHEDULER_ID))?.next,
    outbox: (await queues.notify.getJobScheduler(OUTBOX_SCHEDULER_ID))?.next,
    digest: (await queues.notify.getJobScheduler(DIGEST_SCHEDULER_ID))?.next,
  });

  it('leaves schedulers that are in place alone', async () => {
    const before = await nextTicks();
    assert.deepEqual(await keeper.check(), []);
    assert.deepEqual(await nextTicks(), before);
    assert.equal(logs.length, 0);
  });

  it('re-creates only the one that is gone, with one log line, and leaves the others\' ticks as they were', async () => {
    const before = await nextTicks();
    await queues.notify.removeJobScheduler(OUTBOX_SCHEDULER_ID);
    assert.deepEqual(await keeper.check(), [OUTBOX_SCHEDULER_ID]);
    const now = await nextTicks();
    assert.equal(typeof now.outbox, 'number');
    assert.deepEqual([now.discovery, now.sweep, now.digest], [before.discovery, before.sweep, before.digest]);
    assert.deepEqual(
      logs.map((l) => [l.msg, l.scheduler, l.lost]),
      [['job scheduler was gone from Redis: re-created', OUTBOX_SCHEDULER_ID, 'scheduler']],
    );
  });

  it('re-creates one whose next tick\'s job is gone (an evicted key), so it runs again', async () => {
    const { digest } = await nextTicks();
    const tick = schedulerTickJobId(DIGEST_SCHEDULER_ID, digest!);
    assert.ok(await queues.notify.getJob(tick));
    await queues.connection.del(`${queues.notify.qualifiedName}:${tick}`);
    assert.deepEqual(await keeper.check(), [DIGEST_SCHEDULER_ID]);
    const next = (await nextTicks()).digest!;
    assert.equal(await (await queues.notify.getJob(schedulerTickJobId(DIGEST_SCHEDULER_ID, next)))?.getState(), 'delayed');
    assert.equal(logs.at(-1)?.lost, 'next tick');
  });
});
