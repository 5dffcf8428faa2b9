import type { Logger } from 'pino';
import type { WebhookAllowance } from './webhook-address-policy.js';

export interface WebhookTransportOptions {
  /** Limit for one POST, connection to last byte of the answer, ms. @defaultValue 10000 */
  timeoutMs?: number;
  /** Sent on every POST. @defaultValue webhookUserAgent() */
  userAgent?: string;
  /** Receives one debug line per POST (host, status, ms); never the URL's path or query. @defaultValue no logging */
  logger?: Logger;
  /** Non-public hosts and networks the operator allows (WEBHOOK_ALLOW_HOSTS). @defaultValue public addresses only */
  allowance?: WebhookAllowance;
}
