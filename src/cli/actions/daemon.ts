import type { Action } from '../lazy-action.js';
import { createLogger, type Logger } from '../../logger.js';

/** Resolves with the first SIGTERM/SIGINT; a second one while stopping exits at once. */
function firstStopSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received: NodeJS.Signals | null = null;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        logger.warn({ signal }, 'second signal while stopping: exiting now');
        process.exit(1);
      }
      received = signal;
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

export const daemonCommand: Action<[{ api: boolean; scheduler: boolean; workers: boolean }]> = async (ctx, opts) => {
  const { config } = ctx();
  // A long-running service logs what it does; one-shot commands stay quiet unless LOG_LEVEL says otherwise.
  const logger = createLogger(config.LOG_LEVEL ?? 'info', { component: 'daemon' }, config.LOG_FORMAT);
  const stop = firstStopSignal(logger);
  // Loaded here so one-shot commands do not pay for BullMQ, ioredis and the HTTP API at start-up.
  const { startDaemon } = await import('../../../workers/daemon.js');
  const running = await startDaemon(config, logger, { api: opts.api, scheduler: opts.scheduler, workers: opts.workers });
  const signal = await stop;
  // However stopping goes (Redis gone, a close that hangs), the process ends soon after the grace period.
  setTimeout(() => {
    logger.warn('stopping took too long; exiting anyway');
    process.exit(process.exitCode ?? 0);
  }, config.SHUTDOWN_GRACE_MS + 1_500).unref();
  await running.stop(signal);
  // Everything the daemon opened is closed; what is left are requests it abandoned (a download that
  // hangs), which must not keep a stopped daemon alive.
  setTimeout(() => process.exit(process.exitCode ?? 0), 300).unref();
};
