// Pure retry decisions for OfstedHttpClient, kept apart from I/O so they can be tested with plain data.

/** Longest Retry-After we are willing to sit out; a longer request means "come back much later". */
export const MAX_RETRY_AFTER_MS = 5 * 60 * 1000;

/** Ceiling on a computed backoff so a large attempt count cannot produce hour-long sleeps. */
const MAX_BACKOFF_MS = 60 * 1000;

/** Statuses worth another attempt: overload (429, 503) and server faults, except 501 (will never work). */
export function isRetryableStatus(status: number): boolean {
  if (status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501;
}

/**
 * Exponential backoff with full jitter: a random wait in [0, base * 2^(attempt-1)], so that many
 * workers failing together do not come back together.
 * @param attempt the attempt that just failed, counting from 1
 */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Read a Retry-After header (delta-seconds or an HTTP-date) as milliseconds from `now`.
 * Null when absent or unreadable; a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
