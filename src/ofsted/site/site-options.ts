import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { ofstedUserAgent } from './http-client-options.js';

/** Built by the caller from Config (src/config.ts); this folder never reads process.env. */
export interface SiteOptions {
  /** Origin of provider and search pages. @defaultValue https://reports.ofsted.gov.uk (OFSTED_REPORTS_URL) */
  reportsOrigin: string;
  /** Origin of report PDFs. @defaultValue https://files.ofsted.gov.uk (OFSTED_FILES_URL) */
  filesOrigin: string;
  /** Sent on every request, browser included. @defaultValue ofstedUserAgent() */
  userAgent: string;
  /** Per-attempt timeout, ms; also bounds each browser step. @defaultValue 30000 (FETCH_TIMEOUT_MS) */
  timeoutMs: number;
  /** Attempts per request. @defaultValue 4 (FETCH_ATTEMPTS) */
  attempts: number;
  /** First retry delay ceiling, ms. @defaultValue 1000 (FETCH_BACKOFF_MS) */
  backoffMs: number;
  /** Largest report PDF accepted, bytes. @defaultValue 26214400 (MAX_PDF_BYTES) */
  maxPdfBytes: number;
  /** Chromium for the browser fallback. @defaultValue /usr/bin/chromium (CHROMIUM_PATH) */
  chromiumPath: string;
  /** Largest HTML page accepted, bytes. @defaultValue 5242880 (5 MB) */
  maxPageBytes?: number;
  /** Debug per request, info when the browser fallback is used. @defaultValue no logging */
  logger?: Logger;
  /** Wait between retries. @defaultValue timers/promises setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** Awaited before each request the browser fallback makes (the daemon's politeness budget). */
  beforeBrowserRequest?: () => Promise<void>;
}

/** SiteOptions from the validated config; `extras` adds what config does not hold (logger, user agent). */
export function siteOptionsFromConfig(
  config: Pick<
    Config,
    | 'OFSTED_REPORTS_URL'
    | 'OFSTED_FILES_URL'
    | 'FETCH_TIMEOUT_MS'
    | 'FETCH_ATTEMPTS'
    | 'FETCH_BACKOFF_MS'
    | 'MAX_PDF_BYTES'
    | 'CHROMIUM_PATH'
  >,
  extras: Partial<SiteOptions> = {},
): SiteOptions {
  return {
    reportsOrigin: config.OFSTED_REPORTS_URL,
    filesOrigin: config.OFSTED_FILES_URL,
    userAgent: ofstedUserAgent(),
    timeoutMs: config.FETCH_TIMEOUT_MS,
    attempts: config.FETCH_ATTEMPTS,
    backoffMs: config.FETCH_BACKOFF_MS,
    maxPdfBytes: config.MAX_PDF_BYTES,
    chromiumPath: config.CHROMIUM_PATH,
    ...extras,
  };
}
