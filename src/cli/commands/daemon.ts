import type { Command } from 'commander';
import { createLogger, type Logger } from '../../logger.js';
import type { CliContext } from '../context.js';

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

export function registerDaemon(program: Command, ctx: () => CliContext): void {
  program
    .command('daemon')
    .description('run the sweep scheduler, the queue workers and the HTTP API until SIGTERM or SIGINT')
    .option('--no-api', 'serve no HTTP API (e.g. an extra worker process)')
    .option('--no-scheduler', 'do not schedule the watchlist sweep (e.g. an extra worker process)')
    .option('--no-workers', 'run no queue workers: the HTTP API (and scheduler) in a process of its own, the work left to worker processes')
    .action(async (opts: { api: boolean; scheduler: boolean; workers: boolean }) => {
      const { config } = ctx();
      // A long-running service logs what it does; one-shot commands stay quiet unless LOG_LEVEL says otherwise.
      const logger = createLogger(config.LOG_LEVEL ?? 'info', { component: 'daemon' });
      const stop = firstStopSignal(logger);
      // Loaded here so one-shot commands do not pay for BullMQ, ioredis and the HTTP API at start-up.
      const { startDaemon } = await import('../../../workers/daemon.js');
      const daemon = await startDaemon(config, logger, { api: opts.api, scheduler: opts.scheduler, workers: opts.workers });
      const signal = await stop;
      // However stopping goes (Redis gone, a close that hangs), the process ends soon after the grace period.
      setTimeout(() => {
        logger.warn('stopping took too long; exiting anyway');
        process.exit(process.exitCode ?? 0);
      }, config.SHUTDOWN_GRACE_MS + 1_500).unref();
      await daemon.stop(signal);
      // Everything the daemon opened is closed; what is left are requests it abandoned (a download that
      // hangs), which must not keep a stopped daemon alive.
      setTimeout(() => process.exit(process.exitCode ?? 0), 300).unref();
    });
}
