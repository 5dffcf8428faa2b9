import type { LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import { CLIENT_VERSION } from '../../ofsted/site/http-client-options.js';
import type { OutboxMessage } from '../types.js';
import { DeliveryError } from './delivery-error.js';
import type { MessageTransport, SendContext, SendResult } from './message-transport.js';
import { checkWebhookHost, PUBLIC_ONLY, type WebhookAllowance } from './webhook-address-policy.js';
import { classifyWebhookAnswer, webhookFetchError } from './webhook-response-classifier.js';
import type { WebhookTransportOptions } from './webhook-transport-options.js';

/** Enough of an answer to show why a webhook refused (Slack says e.g. "invalid_token"). */
const SNIPPET_BYTES = 512;

/** An honest User-Agent: who we are and why we call. */
export function webhookUserAgent(version: string = CLIENT_VERSION): string {
  return `ofsted-monitor/${version} (+https://github.com/ofsted-monitor/ofsted-monitor; inspection-change alert webhook)`;
}

/** Default limit for one webhook POST, ms. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * POSTs a webhook message's text (its JSON body, rendered when queued) to the recipient URL, signed per
 * Standard Webhooks when the subscription has a secret. One attempt per send; the outbox owns retries.
 * The host is resolved and checked before every send and the connection goes to the address checked;
 * redirects are never followed (a 3xx is a permanent failure), so no hop can lead somewhere unchecked.
 */
export class WebhookTransport implements MessageTransport {
  readonly #timeoutMs: number;
  readonly #userAgent: string;
  readonly #logger: Logger | undefined;
  readonly #allowance: WebhookAllowance;

  constructor(options: WebhookTransportOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
    this.#userAgent = options.userAgent ?? webhookUserAgent();
    this.#logger = options.logger;
    this.#allowance = options.allowance ?? PUBLIC_ONLY;
  }

  async send(message: OutboxMessage, context: SendContext = {}): Promise<SendResult> {
    if (message.channel !== 'webhook') {
      throw new DeliveryError(`webhook cannot send a ${message.channel} message`, { permanent: true, code: 'ECHANNEL' });
    }
    const url = webhookUrl(message.recipient);
    const host = url.host;
    // One deadline for the lookup and the POST: a send must end within its limit (half the outbox lease).
    const signal = AbortSignal.timeout(this.#timeoutMs);
    const started = Date.now();
    let checked: Awaited<ReturnType<typeof checkWebhookHost>>;
    try {
      checked = await beforeAbort(checkWebhookHost(url, this.#allowance), signal);
    } catch (error) {
      throw webhookFetchError(error, host, this.#timeoutMs);
    }
    if (!checked.ok) {
      throw new DeliveryError(`webhook ${host} refused: ${checked.reason}`, {
        permanent: !checked.transient,
        code: checked.transient ? 'EDNS' : 'EADDRESS',
      });
    }
    // The same id on every attempt lets a receiver drop a resend.
    const id = message.messageId.replace(/^<|>$/g, '');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
      'user-agent': this.#userAgent,
      'idempotency-key': id,
    };
    if (context.signingSecret) Object.assign(headers, signatureHeaders(context.signingSecret, id, message.text));

    let answer: { status: number; retryAfter: string | null; bodySnippet: string };
    try {
      answer = await post(url, message.text, headers, checked.addresses && pinnedLookup(checked.addresses), signal);
    } catch (error) {
      const failure = webhookFetchError(error, host, this.#timeoutMs);
      this.#logger?.debug({ messageId: message.messageId, host, ms: Date.now() - started, err: failure }, 'webhook failed');
      throw failure;
    }
    this.#logger?.debug({ messageId: message.messageId, host, status: answer.status, ms: Date.now() - started }, 'webhook answered');
    const failure = classifyWebhookAnswer(answer, host);
    if (failure) throw failure;
    return { accepted: true, response: `${answer.status}` };
  }

  async close(): Promise<void> {
    // Each POST uses its own connection (no agent is kept), so there is nothing to release.
  }
}

/** webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of "id.timestamp.body">). */
export function signatureHeaders(secret: string, id: string, body: string, at: Date = new Date()): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

/** A lookup that answers only with the addresses already checked, whatever DNS would say now. */
export function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const usable = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    const list = usable.length > 0 ? usable : addresses;
    if (options.all) return (callback as (err: null, addresses: LookupAddress[]) => void)(null, [...list]);
    const first = list[0] as LookupAddress;
    callback(null, first.address, first.family);
  };
}

/** One POST with no agent kept and no redirect followed; the answer's first bytes are enough. */
function post(
  url: URL,
  body: string,
  headers: Record<string, string>,
  lookup: LookupFunction | null,
  signal: AbortSignal,
): Promise<{ status: number; retryAfter: string | null; bodySnippet: string }> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        ...(lookup && { lookup }),
        agent: false,
        signal,
      },
      (res) => {
        readSnippet(res).then(
          (bodySnippet) => {
            const retryAfter = res.headers['retry-after'];
            resolve({ status: res.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, bodySnippet });
          },
          reject,
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The work's result, or the signal's reason once it fires first (a DNS lookup cannot itself be cancelled). */
function beforeAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
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
function readSnippet(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8'));
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= SNIPPET_BYTES) {
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    // The status already says how it went; a body cut short (timeout, reset) changes nothing.
    response.on('error', done);
    response.on('close', done);
  });
}
