import { OfstedMonitorError } from '../../errors.js';
import type { Channel } from '../types.js';

/** The channel needs configuration that is missing (email without SMTP_URL). Nothing is lost: messages stay queued. */
export class TransportNotConfiguredError extends OfstedMonitorError {
  readonly channel: Channel;

  constructor(channel: Channel, message: string) {
    super(message);
    this.channel = channel;
  }
}

/** The one line for email without SMTP_URL. */
export const NO_SMTP_URL = 'no SMTP_URL: alerts are queued but not sent';
