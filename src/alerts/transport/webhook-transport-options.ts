import type { Logger } from 'pino';

export interface WebhookTransportOptions {
  /** Limit for one POST, connection to last byte of the answer, ms. @defaultValue 10000 */
  timeoutMs?: number;
  /** Sent on every POST. @defaultValue webhookUserAgent() */
  userAgent?: string;
  /** Receives one debug line per POST (host, status, ms); never the URL's path or query. @defaultValue no logging */
  logger?: Logger;
}
