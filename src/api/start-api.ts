import { readScheduleStatus } from '../../workers/schedule-status.js';
import { OfstedMonitorError } from '../errors.js';
import type { ApiDeps } from './api-deps.js';
import { allQueues } from './api-queues.js';
import { buildApp } from './build-app.js';
import { countJobsOf, reportScheduleOf } from './metrics.js';

export interface RunningApi {
  /** Base URL it answers on, e.g. http://127.0.0.1:3000. */
  url: string;
  /** Stop accepting connections, finish in-flight requests, stop counting the queues. Idempotent. */
  close(): Promise<void>;
}

/**
 * Start the daemon's HTTP API (health, metrics, JSON API, Bull Board). It closes nothing it was given:
 * the store, queues and Redis belong to the caller.
 */
export async function startApi(deps: ApiDeps): Promise<RunningApi> {
  const app = await buildApp(deps);
  const host = deps.listen?.host ?? deps.config.HOST;
  const port = deps.listen?.port ?? deps.config.PORT;
  try {
    await app.listen({ host, port });
  } catch (error) {
    await app.close();
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    // A taken port is the usual cause; an address this machine does not have is HOST's fault instead.
    const fix = code === 'EADDRNOTAVAIL' ? 'set HOST to an address of this machine' : 'set PORT to a free port';
    throw new OfstedMonitorError(`the HTTP API cannot listen on ${host}:${port} (${code}): ${fix}`, { cause: error });
  }
  const stopCounting = countJobsOf(allQueues(deps.queues));
  const stopSchedule = reportScheduleOf(() => readScheduleStatus(deps.queues, { overdueAfterMs: deps.config.SWEEP_OVERDUE_MS }));

  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  // A wildcard address is not one a client can dial; the loopback one always works on this machine.
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${boundPort}`;
  app.log.info({ url, host, port: boundPort }, 'HTTP API listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= (async () => {
        stopCounting();
        stopSchedule();
        await app.close();
      })();
      return closing;
    },
  };
}
