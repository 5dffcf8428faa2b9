import type { OutboxMessage } from '../types.js';

/** What a transport reports for a message it handed over. */
export interface SendResult {
  /** True when the server (or webhook) took the message; a refusal throws DeliveryError instead. */
  accepted: boolean;
  /** The far side's last answer, for logs (e.g. "250 OK queued as 1A2B"); never contains a secret. */
  response?: string;
}

/** What the sender knows about a message besides the message itself. */
export interface SendContext {
  /** The subscription's Standard Webhooks secret (`whsec_…`); webhooks are signed with it. */
  signingSecret?: string | null;
}

/**
 * Sends rendered outbox messages over one channel. Implementations throw DeliveryError on failure,
 * with `permanent` saying whether a retry could ever succeed.
 */
export interface MessageTransport {
  send(message: OutboxMessage, context?: SendContext): Promise<SendResult>;
  /** Release connections; messages already being sent finish first. */
  close(): Promise<void>;
}
