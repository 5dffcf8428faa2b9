import type { Logger } from 'pino';

/** Version named in the default User-Agent; keep in step with package.json. */
export const CLIENT_VERSION = '0.1.0';

/** An honest User-Agent: who we are, where to read about us, and why we call. */
export function ofstedUserAgent(version: string = CLIENT_VERSION): string {
  return `ofsted-monitor/${version} (+https://github.com/ofsted-monitor/ofsted-monitor; inspection-change alerts)`;
}

export interface HttpClientOptions {
  /** Origin of provider and search pages; one of the two hosts requests may go to. @defaultValue https://reports.ofsted.gov.uk */
  reportsOrigin?: string;
  /** Origin of report PDFs; the other allowed host. @defaultValue https://files.ofsted.gov.uk */
  filesOrigin?: string;
  /** Sent on every request. @defaultValue ofstedUserAgent() */
  userAgent?: string;
  /** Limit for one attempt (connect, redirects and body), ms. @defaultValue 30000 */
  timeoutMs?: number;
  /** Attempts per request before UpstreamUnavailableError (network faults, timeouts, 5xx but 501, 429). @defaultValue 4 */
  attempts?: number;
  /** First retry delay ceiling, ms; doubles per attempt, full jitter. @defaultValue 1000 */
  backoffMs?: number;
  /** Largest body accepted when a call gives no cap of its own, bytes. @defaultValue 52428800 (50 MB) */
  maxBytes?: number;
  /** Receives one debug line per attempt (url, status, ms); never headers. @defaultValue no logging */
  logger?: Logger;
  /** How to wait between attempts; injectable so backoff tests need not wait in real time. @defaultValue timers/promises setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

export interface GetOptions {
  /** Accept header, e.g. "text/html" or "application/pdf". */
  accept: string;
  /** Overrides the client's maxBytes for this call. */
  maxBytes?: number;
}

export interface HttpResponse {
  /** Final URL after any redirects. */
  url: string;
  status: number;
  headers: Headers;
  body: Buffer;
}
