import { setTimeout as delay } from 'node:timers/promises';
import { ReleaseJobError } from './release-job-error.js';

/**
 * Settle with `work`, or reject with ReleaseJobError as soon as `signal` aborts. The work itself is not
 * stopped (a fetch or a pdftotext child has its own time limit); the job just stops waiting for it.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new ReleaseJobError(String(signal.reason ?? 'cancelled')));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => undefined);
      reject(new ReleaseJobError(String(signal.reason ?? 'cancelled')));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/** Sleep `ms`, or reject with ReleaseJobError when `signal` aborts first. */
export async function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return;
  try {
    await delay(ms, undefined, signal ? { signal } : {});
  } catch (err) {
    if (signal?.aborted) throw new ReleaseJobError(String(signal.reason ?? 'cancelled'));
    throw err;
  }
}
