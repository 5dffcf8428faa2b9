import type { Config } from '../../config.js';
import type { Channel } from '../types.js';
import { createTransport, type CreateTransportOptions } from './create-transport.js';
import type { MessageTransport } from './message-transport.js';
import { SMTP_SEND_TIMEOUT_MS } from './smtp-transport.js';
import { WEBHOOK_TIMEOUT_MS } from './webhook-transport.js';

/**
 * One transport per channel, made on first use and kept (so email shares one SMTP pool), all closed
 * together. `get('email')` throws TransportNotConfiguredError while SMTP_URL is unset, every time,
 * so a sender can leave those messages pending and still send webhooks.
 */
export class ChannelTransports {
  readonly #config: Pick<Config, 'SMTP_URL' | 'ALERT_FROM'> & Partial<Pick<Config, 'WEBHOOK_ALLOW_HOSTS'>>;
  readonly #options: CreateTransportOptions;
  readonly #made = new Map<Channel, MessageTransport>();

  /** With ALERT_LEASE_MS, no send may outlast half the lease (sendLimits). */
  constructor(config: Pick<Config, 'SMTP_URL' | 'ALERT_FROM'> & Partial<Pick<Config, 'ALERT_LEASE_MS' | 'WEBHOOK_ALLOW_HOSTS'>>, options: CreateTransportOptions = {}) {
    this.#config = config;
    this.#options = config.ALERT_LEASE_MS === undefined ? options : { ...options, ...sendLimits(config.ALERT_LEASE_MS, options) };
  }

  get(channel: Channel): MessageTransport {
    let transport = this.#made.get(channel);
    if (!transport) {
      transport = createTransport(channel, this.#config, this.#options);
      this.#made.set(channel, transport);
    }
    return transport;
  }

  async close(): Promise<void> {
    const open = [...this.#made.values()];
    this.#made.clear();
    await Promise.all(open.map((t) => t.close()));
  }
}

/**
 * A sender's claim on a message lasts ALERT_LEASE_MS; a send still running when it runs out lets another daemon
 * send the same message again. So each send is cut off at half the lease (or its own limit, if shorter): the
 * fault matrix saw a duplicate with a 2 s lease under a 60 s SMTP send timeout.
 */
export function sendLimits(leaseMs: number, options: CreateTransportOptions = {}): Pick<CreateTransportOptions, 'smtp' | 'webhook'> {
  const half = Math.max(1, Math.floor(leaseMs / 2));
  return {
    smtp: { ...options.smtp, sendTimeoutMs: Math.min(options.smtp?.sendTimeoutMs ?? SMTP_SEND_TIMEOUT_MS, half) },
    webhook: { ...options.webhook, timeoutMs: Math.min(options.webhook?.timeoutMs ?? WEBHOOK_TIMEOUT_MS, half) },
  };
}
