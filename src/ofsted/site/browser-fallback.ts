// Last resort for pages a plain GET cannot read (a script shell, a challenge): render them in Debian's
// Chromium via playwright-core, with every request outside the allowed origins aborted.
import type { Browser, BrowserContext, Route } from 'playwright-core';

// playwright-core is loaded on first use: it adds ~70 MB to a process, and almost no page needs a browser.
const playwright = () => import('playwright-core');
import type { Logger } from 'pino';
import { ForbiddenHostError, OfstedMonitorError, UpstreamUnavailableError } from '../../errors.js';
import { toOrigin } from './http-client.js';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const MAX_REDIRECTS = 5;

/** What renderWithBrowser waits for: the provider's title or a report link. */
const CONTENT_SELECTOR = 'h1, a[href*="/v1/file/"]';

/** One Chromium per process, launched on first use (a launch costs about a second). */
export class BrowserPool {
  #browser: Promise<Browser> | null = null;

  /** @param chromiumPath executable to launch. @defaultValue /usr/bin/chromium */
  constructor(readonly chromiumPath: string = '/usr/bin/chromium') {}

  /** The shared browser, launching it if needed; relaunched if it crashed or was closed. */
  browser(): Promise<Browser> {
    if (!this.#browser) {
      const launching = playwright()
        .then(({ chromium }) => chromium.launch({ executablePath: this.chromiumPath, args: CHROMIUM_ARGS }))
        .then((browser) => {
          browser.on('disconnected', () => {
            if (this.#browser === launching) this.#browser = null;
          });
          return browser;
        })
        .catch((err: unknown) => {
          if (this.#browser === launching) this.#browser = null;
          throw new OfstedMonitorError(`could not start Chromium at ${this.chromiumPath}: ${firstLine(err)}`, {
            cause: err,
          });
        });
      this.#browser = launching;
    }
    return this.#browser;
  }

  /** Close the browser if one was launched; safe to call twice. */
  async close(): Promise<void> {
    const launching = this.#browser;
    this.#browser = null;
    const browser = await launching?.catch(() => null);
    await browser?.close();
  }
}

export interface RenderOptions {
  /** Origins the page may load anything from; every other request is aborted. */
  allowedOrigins: readonly string[];
  /** User-Agent for the browser context (the same honest one as plain requests). */
  userAgent: string;
  /** Bound on navigation and, separately, on waiting for content, ms. */
  timeoutMs: number;
  /** Chromium to launch when no pool is given. @defaultValue /usr/bin/chromium */
  chromiumPath?: string;
  /** Shared browser; without one a browser is launched for this call and closed after it. */
  pool?: BrowserPool;
  /** Debug lines for blocked requests. */
  logger?: Logger;
  /**
   * Awaited before every request the browser makes to an allowed origin, redirect hops included, so a
   * shared politeness budget counts them as it counts plain requests. If it throws, rendering stops
   * and renderWithBrowser rethrows that error.
   */
  beforeRequest?: () => Promise<void>;
}

/** Render `url` and return the resulting HTML (page.content()). */
export async function renderWithBrowser(url: string, options: RenderOptions): Promise<string> {
  const allowed = new Set(options.allowedOrigins.map(toOrigin));
  const target = new URL(url);
  if (!allowed.has(target.origin)) {
    throw new ForbiddenHostError(`refusing to render ${target.href}: not an allowed origin`);
  }
  const ownPool = options.pool ? null : new BrowserPool(options.chromiumPath);
  const pool = options.pool ?? ownPool!;
  const { errors } = await playwright();
  let context: BrowserContext | undefined;
  try {
    const browser = await pool.browser();
    // Service workers would fetch outside page.route's sight.
    context = await browser.newContext({ userAgent: options.userAgent, serviceWorkers: 'block' });
    context.setDefaultTimeout(options.timeoutMs);
    // A refusal from beforeRequest happens inside a route handler; it is kept here and rethrown.
    const refusal: { refused: boolean; error?: unknown } = { refused: false };
    const throttle = options.beforeRequest;
    const beforeRequest = throttle
      ? async () => {
          try {
            await throttle();
          } catch (error) {
            if (!refusal.refused) Object.assign(refusal, { refused: true, error });
            throw error;
          }
        }
      : undefined;
    await context.route('**/*', (route) => guardedFetch(route, allowed, { ...options, beforeRequest }, target.href));
    const page = await context.newPage();
    try {
      await page.goto(target.href, { waitUntil: 'networkidle', timeout: options.timeoutMs });
    } catch (err) {
      if (refusal.refused) throw refusal.error;
      const message = firstLine(err);
      if (/ERR_BLOCKED_BY_CLIENT/.test(message)) {
        throw new ForbiddenHostError(`refusing to follow ${target.href} off the allowed origins`, { cause: err });
      }
      // A page that keeps a connection open never reaches networkidle; what loaded may still be enough.
      if (!(err instanceof errors.TimeoutError) || page.url() === 'about:blank') {
        throw new UpstreamUnavailableError(`browser could not load ${target.href}: ${message}`, { cause: err });
      }
    }
    await page.waitForSelector(CONTENT_SELECTOR, { state: 'attached', timeout: options.timeoutMs }).catch((err) => {
      // No title or report link in time: hand back what there is and let the parser judge its shape.
      if (!(err instanceof errors.TimeoutError)) throw err;
    });
    if (refusal.refused) throw refusal.error;
    return await page.content();
  } finally {
    await context?.close().catch(() => undefined);
    await ownPool?.close();
  }
}

/**
 * Fetch an allowed request ourselves, following redirects hop by hop. Chromium follows redirects
 * without calling page.route again, so route.continue() would let an allowed URL redirect anywhere.
 * The browser then sees the final response under the first URL, which is fine for reading a page.
 */
async function guardedFetch(route: Route, allowed: Set<string>, options: RenderOptions, page: string): Promise<void> {
  let url = route.request().url();
  const refuse = async (blocked: string) => {
    options.logger?.debug({ url: blocked, page }, 'browser request blocked');
    await route.abort('blockedbyclient');
  };
  try {
    if (!allowed.has(originOf(url))) return await refuse(url);
    for (let hop = 0; ; hop++) {
      await options.beforeRequest?.();
      const response = await route.fetch({ url, maxRedirects: 0, timeout: options.timeoutMs });
      const location = response.headers()['location'];
      if (response.status() < 300 || response.status() > 399 || !location) return await route.fulfill({ response });
      await response.dispose();
      const next = new URL(location, url).href;
      if (!allowed.has(originOf(next)) || hop >= MAX_REDIRECTS) return await refuse(next);
      url = next;
    }
  } catch {
    // The page may have gone (context closed) or the server failed; either way the request fails.
    await route.abort('failed').catch(() => undefined);
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
