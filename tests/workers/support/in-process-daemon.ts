import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../../src/config.js';
import { startDaemon, type DaemonOptions, type RunningDaemon } from '../../../workers/daemon.js';
import type { LogLine } from './daemon-process.js';

/** The daemon in this process (by default without the HTTP API), logging into `logs`, for tests that look inside it. */
export async function startInProcessDaemon(
  env: Record<string, string>,
  options: DaemonOptions = { api: false },
): Promise<{ daemon: RunningDaemon; logs: LogLine[] }> {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const daemon = await startDaemon(loadConfig(env), logger, options);
  return { daemon, logs };
}
