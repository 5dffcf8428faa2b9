// Runs the API in a child process exactly as the daemon does, with the product's own logger on stderr,
// so a test can read the real log output. Prints `{ "url": ... }` on stdout once listening.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { startApi } from '../../../src/api/index.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { openStore } from '../../../src/store/open-store.js';
import { NOTIFY_QUEUE, PROVIDER_QUEUE, REPORT_QUEUE, SWEEP_QUEUE } from '../../../workers/queues.js';

const config = loadConfig(process.env);
const prefix = process.argv[2] ?? 'bull';
const logger = createLogger('debug');
const store = await openStore(config.DATABASE_URL);
const connection = new Redis(config.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const make = (name: string) => new Queue(name, { connection, prefix });
const queues = { sweep: make(SWEEP_QUEUE), provider: make(PROVIDER_QUEUE), report: make(REPORT_QUEUE), notify: make(NOTIFY_QUEUE) };
const api = await startApi({ config, logger, store, queues, redis: connection, listen: { host: '127.0.0.1', port: 0 } });
process.stdout.write(`${JSON.stringify({ url: api.url })}\n`);

process.once('SIGTERM', async () => {
  await api.close();
  for (const q of Object.values(queues)) {
    await q.obliterate({ force: true }).catch(() => undefined);
    await q.close();
  }
  connection.disconnect();
  await store.close();
  process.exit(0);
});
