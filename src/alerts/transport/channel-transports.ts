import type { Config } from '../../config.js';
import type { Channel } from '../types.js';
import { createTransport, type CreateTransportOptions } from './create-transport.js';
import type { MessageTransport } from './message-transport.js';

/**
 * One transport per channel, made on first use and kept (so email shares one SMTP pool), all closed
 * together. `get('email')` throws TransportNotConfiguredError while SMTP_URL is unset, every time,
 * so a sender can leave those messages pending and still send webhooks.
 */
export class ChannelTransports {
  readonly #config: Pick<Config, 'SMTP_URL' | 'ALERT_FROM'>;
  readonly #options: CreateTransportOptions;
  readonly #made = new Map<Channel, MessageTransport>();

  constructor(config: Pick<Config, 'SMTP_URL' | 'ALERT_FROM'>, options: CreateTransportOptions = {}) {
    this.#config = config;
    this.#options = options;
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
