import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { BadInputError, ForbiddenHostError, OfstedMonitorError, UpstreamUnavailableError } from '../../errors.js';
import { ofstedUserAgent, type GetOptions, type HttpClientOptions, type HttpResponse } from './http-client-options.js';
import { onConfiguredFilesOrigin, onLegacyFilesHost } from './file-url.js';
import { ResponseTooLargeError } from './response-too-large-error.js';
import { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-policy.js';

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Origin of a URL as written in config, e.g. "https://reports.ofsted.gov.uk". */
export function toOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    throw new BadInputError(`not a URL origin: ${JSON.stringify(url)}`);
  }
}

/**
 * GETs from Ofsted's two origins only, with per-attempt timeouts, retries that honour Retry-After,
 * redirects followed by hand (so every hop is checked against the allow-list) and a streamed byte cap.
 * A URL on the files service's former host (files.api.ofsted.gov.uk) is fetched from the files origin.
 */
export class OfstedHttpClient {
  readonly reportsOrigin: string;
  readonly filesOrigin: string;
  readonly #userAgent: string;
  readonly #timeoutMs: number;
  readonly #attempts: number;
  readonly #backoffMs: number;
  readonly #maxBytes: number;
  readonly #logger: Logger | undefined;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: HttpClientOptions = {}) {
    this.reportsOrigin = toOrigin(options.reportsOrigin ?? 'https://reports.ofsted.gov.uk');
    this.filesOrigin = toOrigin(options.filesOrigin ?? 'https://files.ofsted.gov.uk');
    this.#userAgent = options.userAgent ?? ofstedUserAgent();
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#attempts = Math.max(1, Math.floor(options.attempts ?? 4));
    this.#backoffMs = options.backoffMs ?? 1_000;
    this.#maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
    this.#logger = options.logger;
    this.#sleep = options.sleep ?? ((ms) => delay(ms));
  }

  /**
   * True when the URL is on one of the two configured origins (scheme, host and port all equal), or on
   * the files service's former host, which stands for the files origin.
   */
  isAllowed(url: string | URL): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    return onLegacyFilesHost(parsed) || parsed.origin === this.reportsOrigin || parsed.origin === this.filesOrigin;
  }

  async get(url: string, options: GetOptions): Promise<HttpResponse> {
    const target = this.#allowedUrl(url);
    const maxBytes = options.maxBytes ?? this.#maxBytes;
    let lastFault = 'no attempt made';

    for (let attempt = 1; attempt <= this.#attempts; attempt++) {
      const started = performance.now();
      let waitMs: number;
      try {
        const result = await this.#attempt(target, options.accept, maxBytes);
        const ms = Math.round(performance.now() - started);
        this.#logger?.debug({ url: target.href, final: result.url, status: result.status, ms, attempt }, 'GET');
        if (!('retryAfter' in result)) return result;
        lastFault = `HTTP ${result.status}`;
        if (result.retryAfter !== null && result.retryAfter > MAX_RETRY_AFTER_MS) {
          throw new UpstreamUnavailableError(
            `${target.href} answered HTTP ${result.status} asking us to wait ${Math.ceil(result.retryAfter / 1000)} s; ` +
              'giving up until the next run',
          );
        }
        waitMs = result.retryAfter ?? backoffDelay(attempt, this.#backoffMs);
      } catch (err) {
        // Our own errors (forbidden host, too large, too many redirects) are final: retrying cannot help.
        if (err instanceof OfstedMonitorError) throw err;
        lastFault = this.#describeFault(err);
        const ms = Math.round(performance.now() - started);
        this.#logger?.debug({ url: target.href, fault: lastFault, ms, attempt }, 'GET failed');
        waitMs = backoffDelay(attempt, this.#backoffMs);
      }
      if (attempt < this.#attempts) await this.#sleep(waitMs);
    }
    throw new UpstreamUnavailableError(
      `${target.href} unavailable after ${this.#attempts} attempt${this.#attempts === 1 ? '' : 's'} (last: ${lastFault}); try again later`,
    );
  }

  /** One attempt: redirects and body share one timeout. Retryable statuses come back without a body. */
  async #attempt(
    start: URL,
    accept: string,
    maxBytes: number,
  ): Promise<HttpResponse | { url: string; status: number; retryAfter: number | null }> {
    const signal = AbortSignal.timeout(this.#timeoutMs);
    let current = start;
    for (let hop = 0; ; hop++) {
      const res = await fetch(current, {
        method: 'GET',
        redirect: 'manual',
        signal,
        headers: { 'user-agent': this.#userAgent, accept },
      });
      const location = res.headers.get('location');
      if (REDIRECT_STATUSES.has(res.status) && location !== null) {
        await discard(res);
        if (hop >= MAX_REDIRECTS) {
          throw new UpstreamUnavailableError(`${start.href} redirected more than ${MAX_REDIRECTS} times; giving up`);
        }
        const next = onConfiguredFilesOrigin(new URL(location, current), this.filesOrigin);
        if (!this.isAllowed(next)) {
          throw new ForbiddenHostError(
            `refusing redirect from ${current.href} to ${next.href}: only ${this.reportsOrigin} and ${this.filesOrigin} are allowed`,
          );
        }
        current = next;
        continue;
      }
      if (isRetryableStatus(res.status)) {
        await discard(res);
        return { url: current.href, status: res.status, retryAfter: parseRetryAfter(res.headers.get('retry-after')) };
      }
      const body = await readCapped(res, current, maxBytes);
      return { url: current.href, status: res.status, headers: res.headers, body };
    }
  }

  #allowedUrl(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new BadInputError(`not a URL: ${JSON.stringify(url)}`);
    }
    if (!this.isAllowed(parsed)) {
      throw new ForbiddenHostError(
        `refusing to fetch ${parsed.href}: only ${this.reportsOrigin} and ${this.filesOrigin} are allowed`,
      );
    }
    return onConfiguredFilesOrigin(parsed, this.filesOrigin);
  }

  #describeFault(err: unknown): string {
    if (err instanceof Error) {
      if (err.name === 'TimeoutError' || err.name === 'AbortError') return `timed out after ${this.#timeoutMs} ms`;
      // undici reports "fetch failed" and puts the socket error (ECONNREFUSED, ECONNRESET…) in cause.
      const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
      if (cause && typeof cause.code === 'string') return `network error ${cause.code}`;
      if (cause && typeof cause.message === 'string') return `network error: ${cause.message}`;
      return err.message;
    }
    return String(err);
  }
}

async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

/** Read the body, refusing early on Content-Length and aborting the stream once it passes the cap. */
async function readCapped(res: Response, url: URL, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new ResponseTooLargeError(`response from ${url.href} is too large (over ${maxBytes} bytes); refusing it`);
  const declared = res.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    await discard(res);
    throw tooLarge();
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, total);
}
