import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../src/logger.js';

// Objects shared by every job of a process (the Ofsted site client, the PDF extractor) are built once,
// with one logger. So that their lines too carry the job id and URN, they get a logger that writes
// through whichever job logger is current in the async context, and the base logger outside a job.

const current = new AsyncLocalStorage<Logger>();

/** Run `fn` with `logger` (a child carrying jobId, queue and urn) as the current job logger. */
export function runWithJobLogger<T>(logger: Logger, fn: () => Promise<T>): Promise<T> {
  return current.run(logger, fn);
}

/** A logger that forwards each call to the current job's logger, or to `base` outside a job. */
export function jobAwareLogger(base: Logger): Logger {
  return new Proxy(base, {
    get(_target, prop) {
      const target = current.getStore() ?? base;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
