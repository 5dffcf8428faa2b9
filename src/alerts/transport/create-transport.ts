import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Channel } from '../types.js';
import type { MessageTransport } from './message-transport.js';
import { SmtpTransport } from './smtp-transport.js';
import type { SmtpTransportOptions } from './smtp-transport-options.js';
import { NO_SMTP_URL, TransportNotConfiguredError } from './transport-not-configured-error.js';
import { parseWebhookAllowance } from './webhook-address-policy.js';
import { WebhookTransport } from './webhook-transport.js';
import type { WebhookTransportOptions } from './webhook-transport-options.js';

export interface CreateTransportOptions {
  /** Passed to the transport for its debug lines. */
  logger?: Logger;
  /** Overrides for the SMTP transport (timeouts, pool size); url and from come from config. */
  smtp?: Omit<SmtpTransportOptions, 'url' | 'from' | 'logger'>;
  webhook?: Omit<WebhookTransportOptions, 'logger'>;
}

/**
 * The transport for a channel. Email needs SMTP_URL: without it this throws
 * TransportNotConfiguredError ("no SMTP_URL: alerts are queued but not sent"); a malformed one throws
 * ConfigError. Each call makes a new transport (email: a new connection pool), so create once and
 * reuse, and close() when done.
 */
export function createTransport(
  channel: Channel,
  config: Pick<Config, 'SMTP_URL' | 'ALERT_FROM'> & Partial<Pick<Config, 'WEBHOOK_ALLOW_HOSTS'>>,
  options: CreateTransportOptions = {},
): MessageTransport {
  const logger = options.logger ? { logger: options.logger } : {};
  switch (channel) {
    case 'email':
      if (!config.SMTP_URL) throw new TransportNotConfiguredError('email', NO_SMTP_URL);
      return new SmtpTransport({ ...options.smtp, url: config.SMTP_URL, from: config.ALERT_FROM, ...logger });
    case 'webhook':
      return new WebhookTransport({ allowance: parseWebhookAllowance(config.WEBHOOK_ALLOW_HOSTS), ...options.webhook, ...logger });
  }
}
