// Re-exports only.
export { BrowserPool, renderWithBrowser, type RenderOptions } from './browser-fallback.js';
export { LEGACY_FILES_HOST, reportFileOf, providerPathOf } from './file-url.js';
export { OfstedHttpClient, toOrigin } from './http-client.js';
export {
  CLIENT_VERSION,
  ofstedUserAgent,
  type GetOptions,
  type HttpClientOptions,
  type HttpResponse,
} from './http-client-options.js';
export { DamagedDownloadError } from './damaged-download-error.js';
export { NotAPdfError } from './not-a-pdf-error.js';
export { OfstedSite } from './ofsted-site.js';
export { looksLikeChallenge, looksLikeScriptShell } from './page-detectors.js';
export { hasProviderContent, parseProviderPage } from './provider-page.js';
export { publicationText, type PublicationText } from './publication-text.js';
export { ReportNotFoundError } from './report-not-found-error.js';
export { ReportWithdrawnError } from './report-withdrawn-error.js';
export { ResponseTooLargeError } from './response-too-large-error.js';
export { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-policy.js';
export {
  buildSearchUrl,
  MAX_SEARCH_ROWS,
  parseSearchPage,
  parseSearchResults,
  SEARCH_CATEGORY_CODES,
  type ParseSearchPageOptions,
  type SearchCategory,
  type SearchPage,
  type SearchQuery,
  type SearchResult,
} from './search-page.js';
export { SearchPageShapeError } from './search-page-shape-error.js';
export { siteOptionsFromConfig, type SiteOptions } from './site-options.js';
