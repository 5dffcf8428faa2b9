// The site as the rest of the product sees it: find a provider, read its page, download a report.
import type { Logger } from 'pino';
import { ProviderNotFoundError, UpstreamUnavailableError } from '../../errors.js';
import type { ProviderPage, UnchangedProviderPage } from '../types.js';
import { parseUrn } from '../urn.js';
import { BrowserPool, renderWithBrowser } from './browser-fallback.js';
import { DamagedDownloadError } from './damaged-download-error.js';
import type { HttpResponse } from './http-client-options.js';
import { OfstedHttpClient } from './http-client.js';
import { NotAPdfError } from './not-a-pdf-error.js';
import type { CheerioAPI } from 'cheerio';
import { loadHtml } from './html-document.js';
import { classifyPage } from './page-detectors.js';
import { pageFingerprint } from './page-fingerprint.js';
import { hasProviderContent, parseProviderPage } from './provider-page.js';
import { ReportNotFoundError } from './report-not-found-error.js';
import { ReportWithdrawnError } from './report-withdrawn-error.js';
import { parseSearchPage, parseSearchResults, readLocalAuthorityCodes, type ParseSearchPageOptions, type SearchPage } from './search-page.js';
import type { SiteOptions } from './site-options.js';
import { isWithdrawnNotice } from './withdrawn-notice.js';

const HTML_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1';
const PDF_ACCEPT = 'application/pdf,application/octet-stream;q=0.5';
/** Types a PDF arrives as; files.ofsted.gov.uk sends application/pdf, some proxies octet-stream. */
const PDF_TYPES = new Set(['application/pdf', 'application/x-pdf', 'application/octet-stream', 'binary/octet-stream']);
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const PDF_END = Buffer.from('%%EOF', 'latin1');
/** Readers look for the end marker this far from the end, as trailing junk after it is common. */
const PDF_END_WINDOW = 1024;

/** A plain GET of a page, decoded. */
interface FetchedPage {
  status: number;
  url: string;
  html: string;
}

/** A page ready to read: parsed once for the detectors and the reader. */
interface ReadablePage {
  doc: CheerioAPI;
  /** True when the plain GET was a shell or challenge and `doc` is what Chromium rendered. */
  rendered: boolean;
}

export class OfstedSite {
  readonly #http: OfstedHttpClient;
  readonly #pool: BrowserPool;
  readonly #options: SiteOptions;
  readonly #logger: Logger | undefined;

  constructor(options: SiteOptions) {
    this.#options = options;
    this.#logger = options.logger;
    this.#http = new OfstedHttpClient({
      reportsOrigin: options.reportsOrigin,
      filesOrigin: options.filesOrigin,
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs,
      attempts: options.attempts,
      backoffMs: options.backoffMs,
      maxBytes: options.maxPageBytes ?? 5 * 1024 * 1024,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    this.#pool = new BrowserPool(options.chromiumPath);
  }

  /** Look the URN up through the site's search; null when no result carries exactly this URN. */
  async findProvider(urn: string): Promise<{ category: string; url: string } | null> {
    const wanted = parseUrn(urn);
    const page = await this.#fetchHtml(`${this.#http.reportsOrigin}/search?q=${encodeURIComponent(wanted)}`);
    if (page.status !== 200) {
      throw new UpstreamUnavailableError(`Ofsted search for ${wanted} answered HTTP ${page.status}; try again later`);
    }
    const hit = parseSearchResults((await this.#readable(page)).doc, page.url).find((r) => r.urn === wanted);
    return hit ? { category: hit.category, url: this.#providerUrl(hit.category, wanted) } : null;
  }

  /**
   * Read a provider page. Without a category the URN is found through search first. A known category
   * that now 404s is retried once through search, since Ofsted re-files providers under new categories.
   * Given the contentHash of an earlier read, a page whose content has not changed since is not read
   * again: the answer is just `{ unchanged: true }`.
   */
  fetchProviderPage(urn: string, category?: string): Promise<ProviderPage>;
  fetchProviderPage(urn: string, category: string | undefined, unlessHash: string | undefined): Promise<ProviderPage | UnchangedProviderPage>;
  async fetchProviderPage(urn: string, category?: string, unlessHash?: string): Promise<ProviderPage | UnchangedProviderPage> {
    const wanted = parseUrn(urn);
    const notFound = () => new ProviderNotFoundError(`no Ofsted provider with URN ${wanted}`);
    if (category) {
      const page = await this.#loadProviderPage(wanted, category, unlessHash);
      if (page) return page;
    }
    const found = await this.findProvider(wanted);
    if (!found || found.category === category) throw notFound();
    const page = await this.#loadProviderPage(wanted, found.category, unlessHash);
    if (!page) throw notFound();
    return page;
  }

  /**
   * Download a report PDF (size-capped). ReportWithdrawnError when Ofsted answers with its "We cannot
   * publish" notice. What arrives damaged is a DamagedDownloadError, to try again later: ReportNotFoundError
   * on 404/410, NotAPdfError if it is not a PDF, and a PDF without its end marker (cut short on the way).
   */
  async downloadReport(url: string): Promise<Buffer> {
    const res = await this.#http.get(url, { accept: PDF_ACCEPT, maxBytes: this.#options.maxPdfBytes });
    // Checked before the status: whatever status the notice comes with, it says why there is no PDF.
    if (res.status < 500 && !startsLikePdf(res.body) && isWithdrawnNotice(res.body)) {
      throw new ReportWithdrawnError(`Ofsted has withdrawn it: ${url} answers "We cannot publish" instead of the PDF`);
    }
    if (res.status === 404 || res.status === 410) {
      throw new ReportNotFoundError(`report ${url} is no longer on Ofsted's site (HTTP ${res.status})`);
    }
    if (res.status < 200 || res.status > 299) {
      throw new UpstreamUnavailableError(`report ${url} answered HTTP ${res.status}; try again later`);
    }
    const type = mediaType(res);
    if (!PDF_TYPES.has(type)) {
      throw new NotAPdfError(`report ${url} is not a PDF (got ${type || 'no Content-Type'})`);
    }
    if (!startsLikePdf(res.body)) {
      throw new NotAPdfError(`report ${url} is not a PDF (got ${type} whose bytes do not start with %PDF-)`);
    }
    // Every PDF writer ends the file with %%EOF; without it the bytes stopped early, whatever the length said.
    if (!endsLikePdf(res.body)) {
      throw new DamagedDownloadError(`report ${url} arrived cut short (${res.body.length} bytes and no %%EOF at the end)`);
    }
    return res.body;
  }

  /** Origin of provider and search pages, for building search URLs. */
  get reportsOrigin(): string {
    return this.#http.reportsOrigin;
  }

  /**
   * One search results page read strictly (parseSearchPage): SearchPageShapeError when it changed shape,
   * UpstreamUnavailableError when it did not answer 200 after retries. Never rendered in a browser: the
   * real search is server-rendered, and a shell or challenge here is a page discovery cannot trust.
   */
  async fetchSearchPage(url: string, options: ParseSearchPageOptions = {}): Promise<SearchPage> {
    const page = await this.#fetchHtml(url);
    if (page.status !== 200) throw new UpstreamUnavailableError(`Ofsted search ${url} answered HTTP ${page.status}; try again later`);
    return parseSearchPage(page.html, page.url, options);
  }

  /** The search's local authority codes by localAuthorityKey, from its filter form (one request). */
  async fetchLocalAuthorityCodes(): Promise<Map<string, number>> {
    const url = `${this.#http.reportsOrigin}/search?q=&rows=1`;
    const page = await this.#fetchHtml(url);
    if (page.status !== 200) throw new UpstreamUnavailableError(`Ofsted search ${url} answered HTTP ${page.status}; try again later`);
    return readLocalAuthorityCodes(page.html);
  }

  /** Close the shared browser, if the fallback ever launched one. */
  async close(): Promise<void> {
    await this.#pool.close();
  }

  #providerUrl(category: string, urn: string): string {
    return `${this.#http.reportsOrigin}/provider/${encodeURIComponent(category)}/${encodeURIComponent(urn)}`;
  }

  /** null when the page is gone (404/410); other failures throw. */
  async #loadProviderPage(urn: string, category: string, unlessHash?: string): Promise<ProviderPage | UnchangedProviderPage | null> {
    const page = await this.#fetchHtml(this.#providerUrl(category, urn));
    if (page.status === 404 || page.status === 410) return null;
    if (page.status !== 200) {
      throw new UpstreamUnavailableError(`provider page for ${urn} answered HTTP ${page.status}; try again later`);
    }
    // Settled before any parsing: the daily case for nearly every provider.
    const contentHash = pageFingerprint(page.html, page.url, this.#http.filesOrigin);
    if (contentHash === unlessHash) return { unchanged: true, contentHash };
    const files = this.#http.filesOrigin;
    const { doc, rendered } = await this.#readable(page, (d) => hasProviderContent(d, files));
    return { ...parseProviderPage(doc, page.url, files), contentHash: rendered ? null : contentHash };
  }

  async #fetchHtml(url: string): Promise<FetchedPage> {
    const res = await this.#http.get(url, { accept: HTML_ACCEPT });
    return { status: res.status, url: res.url, html: decodeHtml(res) };
  }

  /**
   * A 200 page as it reads; a script shell or challenge is rendered in Chromium instead. `shows` says
   * whether a page has what it is fetched for: one that runs scripts and shows none of it is a shell in
   * the site's own chrome (some categories are served so, REAL-EVIDENCE §1), rendered too.
   */
  async #readable(res: FetchedPage, shows?: (doc: CheerioAPI) => boolean): Promise<ReadablePage> {
    const doc = loadHtml(res.html);
    if (classifyPage(doc) === 'content' && (!shows || shows(doc) || doc('script').length === 0)) {
      return { doc, rendered: false };
    }
    this.#logger?.info({ url: res.url }, 'page needs a browser; using the Chromium fallback');
    const rendered = loadHtml(
      await renderWithBrowser(res.url, {
        allowedOrigins: [this.#http.reportsOrigin, this.#http.filesOrigin],
        userAgent: this.#options.userAgent,
        timeoutMs: this.#options.timeoutMs,
        pool: this.#pool,
        ...(this.#logger ? { logger: this.#logger } : {}),
        ...(this.#options.beforeBrowserRequest ? { beforeRequest: this.#options.beforeBrowserRequest } : {}),
      }),
    );
    if (classifyPage(rendered) === 'challenge') {
      throw new UpstreamUnavailableError(`${res.url} answered with a browser challenge even in Chromium; try again later`);
    }
    return { doc: rendered, rendered: true };
  }
}

function startsLikePdf(body: Buffer): boolean {
  return body.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC);
}

function endsLikePdf(body: Buffer): boolean {
  return body.subarray(Math.max(0, body.length - PDF_END_WINDOW)).includes(PDF_END);
}

function mediaType(res: HttpResponse): string {
  return (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Decode by the declared charset; Ofsted serves UTF-8, which is also the fallback. */
function decodeHtml(res: HttpResponse): string {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(res.headers.get('content-type') ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(res.body);
  } catch {
    return new TextDecoder('utf-8').decode(res.body);
  }
}
