import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { TokenFailureLimiter } from './token-failure-limiter.js';

/**
 * The configured API_TOKEN and the only ways to compare against it. Candidates are hashed first so
 * the comparison takes the same time whatever their length or content (no timing oracle on the token).
 */
export class ApiToken {
  readonly #digest: Buffer | null;
  readonly #cookie: string | null;
  /** Wrong tokens per client address, shared by every check of this token (API, board). */
  readonly failures: TokenFailureLimiter;

  constructor(token: string | undefined, failures: TokenFailureLimiter = new TokenFailureLimiter()) {
    this.failures = failures;
    this.#digest = token ? sha256(token) : null;
    // The cookie carries a value derived from the token, so a leaked cookie jar does not leak the token itself.
    this.#cookie = token ? createHmac('sha256', token).update('ofsted-monitor admin session v1').digest('base64url') : null;
  }

  /** False when API_TOKEN is unset: state-changing calls are then refused outright. */
  get configured(): boolean {
    return this.#digest !== null;
  }

  /** True only when a token is configured and `candidate` is exactly it. */
  matches(candidate: string | undefined): boolean {
    if (this.#digest === null || candidate === undefined) return false;
    return timingSafeEqual(this.#digest, sha256(candidate));
  }

  /** The value of the admin session cookie for this token (null when no token is configured). */
  get cookieValue(): string | null {
    return this.#cookie;
  }

  /** True when `candidate` is this token's admin cookie value. */
  matchesCookie(candidate: string | undefined): boolean {
    if (this.#cookie === null || candidate === undefined) return false;
    return timingSafeEqual(sha256(this.#cookie), sha256(candidate));
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
