/** Wrong tokens one client may send in a window before it is refused for the rest of that window. */
export const TOKEN_FAILURES_ALLOWED = 10;
/** The window, ms: the first failure opens it; a client refused waits at most this long. */
export const TOKEN_FAILURE_WINDOW_MS = 60_000;
/** Clients remembered at once; past this the oldest windows are forgotten (a flood cannot grow memory). */
const MAX_CLIENTS = 10_000;

interface Window {
  startedAt: number;
  failures: number;
}

/**
 * Counts failed token checks per client address, and only those: a caller with the right token never
 * spends anything, so it is never slowed by someone else's guessing. In memory, per process: a guesser
 * spread over several daemons gets a few windows' worth, which against a random token changes nothing.
 */
export class TokenFailureLimiter {
  readonly #windows = new Map<string, Window>();
  readonly #now: () => number;
  readonly #allowed: number;
  readonly #windowMs: number;

  constructor(options: { allowed?: number; windowMs?: number; now?: () => number } = {}) {
    this.#allowed = options.allowed ?? TOKEN_FAILURES_ALLOWED;
    this.#windowMs = options.windowMs ?? TOKEN_FAILURE_WINDOW_MS;
    this.#now = options.now ?? Date.now;
  }

  /** Seconds the client must wait before trying again, or 0 when it may try now. */
  retryAfterSeconds(client: string): number {
    const w = this.#current(client);
    if (!w || w.failures < this.#allowed) return 0;
    return Math.max(1, Math.ceil((w.startedAt + this.#windowMs - this.#now()) / 1000));
  }

  /** One more wrong or missing token from this client. */
  recordFailure(client: string): void {
    const w = this.#current(client);
    if (w) {
      w.failures++;
      return;
    }
    if (this.#windows.size >= MAX_CLIENTS) this.#forgetOldest();
    this.#windows.set(client, { startedAt: this.#now(), failures: 1 });
  }

  /** The right token from this client: its earlier typos are forgiven. */
  recordSuccess(client: string): void {
    this.#windows.delete(client);
  }

  #current(client: string): Window | undefined {
    const w = this.#windows.get(client);
    if (w && this.#now() - w.startedAt >= this.#windowMs) {
      this.#windows.delete(client);
      return undefined;
    }
    return w;
  }

  #forgetOldest(): void {
    // A Map iterates in insertion order, so the first keys are the oldest windows.
    let drop = Math.ceil(MAX_CLIENTS / 10);
    for (const key of this.#windows.keys()) {
      if (drop-- <= 0) break;
      this.#windows.delete(key);
    }
  }
}
