import type { SearchSource } from '../src/monitor/discover.js';
import type { ReportSource } from '../src/monitor/scrape-provider.js';
import type { ParseSearchPageOptions, SearchPage } from '../src/ofsted/site/search-page.js';
import type { ProviderPage, UnchangedProviderPage } from '../src/ofsted/types.js';
import type { PolitenessLimiter } from './politeness-limiter.js';

/** Receives each request's duration and outcome (an HTTP-like status, or an error name). */
export type FetchObserver = (ms: number, status: number | string) => void;

/**
 * The Ofsted site as the queue workers use it: every request first takes a slot in the shared
 * politeness schedule. A provider page without a known category is found through search first, so it
 * takes two slots (OfstedSite.fetchProviderPage makes both requests).
 */
export class PoliteReportSource implements ReportSource, SearchSource {
  readonly #site: ReportSource & SearchSource;
  readonly #limiter: PolitenessLimiter;
  readonly #observe: FetchObserver;
  /** Calls that reached Ofsted from this process. */
  requests = 0;

  constructor(site: ReportSource & SearchSource, limiter: PolitenessLimiter, observe: FetchObserver = () => undefined) {
    this.#site = site;
    this.#limiter = limiter;
    this.#observe = observe;
  }

  async fetchProviderPage(urn: string, category?: string, unlessHash?: string): Promise<ProviderPage | UnchangedProviderPage> {
    await this.#limiter.take(category ? 1 : 2);
    return this.#timed(() => this.#site.fetchProviderPage(urn, category, unlessHash));
  }

  async downloadReport(url: string): Promise<Buffer> {
    await this.#limiter.take(1);
    return this.#timed(() => this.#site.downloadReport(url));
  }

  get reportsOrigin(): string {
    return this.#site.reportsOrigin;
  }

  /** Discovery's search pages take slots like any other request. */
  async fetchSearchPage(url: string, options?: ParseSearchPageOptions): Promise<SearchPage> {
    await this.#limiter.take(1);
    return this.#timed(() => this.#site.fetchSearchPage(url, options));
  }

  async fetchLocalAuthorityCodes(): Promise<Map<string, number>> {
    await this.#limiter.take(1);
    return this.#timed(() => this.#site.fetchLocalAuthorityCodes());
  }

  async #timed<T>(call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.requests++;
    try {
      const value = await call();
      this.#observe(performance.now() - started, 200);
      return value;
    } catch (err) {
      this.#observe(performance.now() - started, err instanceof Error ? err.name : 'error');
      throw err;
    }
  }
}
