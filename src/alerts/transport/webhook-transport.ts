import type { Logger } from 'pino';
import { CLIENT_VERSION } from '../../ofsted/site/http-client-options.js';
import type { OutboxMessage } from '../types.js';
import { DeliveryError } from './delivery-error.js';
import type { MessageTransport, SendResult } from './message-transport.js';
import { classifyWebhookAnswer, webhookFetchError } from './webhook-response-classifier.js';
import type { WebhookTransportOptions } from './webhook-transport-options.js';

/** Enough of an answer to show why a webhook refused (Slack says e.g. "invalid_token"). */
const SNIPPET_BYTES = 512;

/** An honest User-Agent: who we are and why we call. */
export function webhookUserAgent(version: string = CLIENT_VERSION): string {
  return `ofsted-monitor/${version} (+https://github.com/ofsted-monitor/ofsted-monitor; inspection-change alert webhook)`;
}

/**
 * POSTs a webhook message's text (its JSON body, rendered when queued) to the recipient URL. One
 * attempt per send, no redirects followed; the outbox owns retries.
 */
/** Default limit for one webhook POST, ms. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export class WebhookTransport implements MessageTransport {
  readonly #timeoutMs: number;
  readonly #userAgent: string;
  readonly #logger: Logger | undefined;

  constructor(options: WebhookTransportOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
    this.#userAgent = options.userAgent ?? webhookUserAgent();
    this.#logger = options.logger;
  }

  async send(message: OutboxMessage): Promise<SendResult> {
    if (message.channel !== 'webhook') {
      throw new DeliveryError(`webhook cannot send a ${message.channel} message`, { permanent: true, code: 'ECHANNEL' });
    }
    const url = webhookUrl(message.recipient);
    const host = url.host;
    const started = Date.now();
    const signal = AbortSignal.timeout(this.#timeoutMs);
    let status: number;
    let retryAfter: string | null;
    let bodySnippet: string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        body: message.text,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
          'user-agent': this.#userAgent,
          // The same key on every attempt lets a receiver that supports it drop a resend.
          'idempotency-key': message.messageId.replace(/^<|>$/g, ''),
        },
        // A redirect would carry the body somewhere the subscriber never named.
        redirect: 'manual',
        signal,
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      bodySnippet = await readSnippet(response);
    } catch (error) {
      const failure = webhookFetchError(error, host, this.#timeoutMs);
      this.#logger?.debug({ messageId: message.messageId, host, ms: Date.now() - started, err: failure }, 'webhook failed');
      throw failure;
    }
    this.#logger?.debug({ messageId: message.messageId, host, status, ms: Date.now() - started }, 'webhook answered');
    const failure = classifyWebhookAnswer({ status, retryAfter, bodySnippet }, host);
    if (failure) throw failure;
    return { accepted: true, response: `${status}` };
  }

  async close(): Promise<void> {
    // fetch keeps no state of ours; Node's global agent closes idle sockets itself.
  }
}

/** The recipient as a URL we are willing to POST to: http(s), no user info. Anything else is permanent. */
function webhookUrl(recipient: string): URL {
  let url: URL;
  try {
    url = new URL(recipient);
  } catch {
    throw new DeliveryError('webhook recipient is not a URL', { permanent: true, code: 'EURL' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DeliveryError(`webhook URL must be http or https, not ${url.protocol.slice(0, -1)}`, {
      permanent: true,
      code: 'EURL',
    });
  }
  if (url.username !== '' || url.password !== '') {
    throw new DeliveryError(`webhook URL for ${url.host} must not carry a user or password`, {
      permanent: true,
      code: 'EURL',
    });
  }
  return url;
}

/** The first bytes of the body as text; the rest is dropped so a huge answer costs nothing. */
async function readSnippet(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // The status already says how it went; a body cut short (timeout, reset) changes nothing.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8');
}
