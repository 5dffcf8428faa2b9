import nodemailer, { type SMTPPoolSentMessageInfo } from 'nodemailer';
import type { Logger } from 'pino';
import type { OutboxMessage } from '../types.js';
import { DeliveryError } from './delivery-error.js';
import type { MessageTransport, SendResult } from './message-transport.js';
import { classifySmtpError } from './smtp-error-classifier.js';
import type { SmtpTransportOptions } from './smtp-transport-options.js';
import { describeSmtpServer, parseSmtpUrl } from './smtp-url.js';

type Pool = ReturnType<typeof createPool>;

/**
 * Email over SMTP_URL through one pooled nodemailer transport. Each send is a single attempt: the
 * outbox owns retries and backoff, so a failure comes back quickly as a DeliveryError rather than
 * being retried here for minutes.
 */
/** Default limit for one SMTP send, ms. */
export const SMTP_SEND_TIMEOUT_MS = 60_000;

export class SmtpTransport implements MessageTransport {
  /** host:port, for logs and messages. */
  readonly server: string;
  readonly #from: string;
  readonly #secrets: string[];
  readonly #sendTimeoutMs: number;
  readonly #logger: Logger | undefined;
  readonly #pool: Pool;

  constructor(options: SmtpTransportOptions) {
    const settings = parseSmtpUrl(options.url);
    this.server = describeSmtpServer(settings);
    this.#from = options.from;
    this.#secrets = settings.auth?.pass ? [settings.auth.pass] : [];
    this.#sendTimeoutMs = options.sendTimeoutMs ?? SMTP_SEND_TIMEOUT_MS;
    this.#logger = options.logger;
    this.#pool = createPool({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ...(settings.auth ? { auth: settings.auth } : {}),
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      greetingTimeout: options.greetingTimeoutMs ?? 10_000,
      socketTimeout: options.socketTimeoutMs ?? 30_000,
      dnsTimeout: options.connectionTimeoutMs ?? 10_000,
      maxConnections: options.maxConnections ?? 2,
      idleTimeout: options.idleTimeoutMs ?? 30_000,
    });
  }

  async send(message: OutboxMessage): Promise<SendResult> {
    if (message.channel !== 'email') {
      throw new DeliveryError(`SMTP cannot send a ${message.channel} message`, { permanent: true, code: 'ECHANNEL' });
    }
    const recipient = message.recipient;
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
    if (message.unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${message.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const started = Date.now();
    let info: SMTPPoolSentMessageInfo;
    try {
      info = await this.#pool.sendMail({
        from: this.#from,
        to: recipient,
        subject: message.subject,
        text: message.text,
        ...(message.html !== null ? { html: message.html } : {}),
        messageId: message.messageId,
        headers,
        // Content is our rendered text, never a path or URL to fetch; refuse both outright.
        disableFileAccess: true,
        disableUrlAccess: true,
        signal: AbortSignal.timeout(this.#sendTimeoutMs),
      });
    } catch (error) {
      const failure = classifySmtpError(error, { server: this.server, recipient, secrets: this.#secrets });
      this.#logger?.debug(
        { messageId: message.messageId, server: this.server, ms: Date.now() - started, err: failure },
        'smtp send failed',
      );
      throw failure;
    }
    const accepted = info.accepted.map(String).some((a) => sameAddress(a, recipient));
    const response = info.response;
    if (!accepted && info.rejected.map(String).some((a) => sameAddress(a, recipient))) {
      throw new DeliveryError(`SMTP ${this.server} rejected recipient ${recipient}: ${response}`, {
        permanent: true,
        code: 'EENVELOPE',
      });
    }
    this.#logger?.debug(
      { messageId: message.messageId, server: this.server, ms: Date.now() - started, response },
      'smtp message sent',
    );
    return { accepted, response };
  }

  async close(): Promise<void> {
    this.#pool.close();
  }
}

function createPool(options: {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
  dnsTimeout: number;
  maxConnections: number;
  idleTimeout: number;
}) {
  return nodemailer.createTransport({
    pool: true,
    ...options,
    // One requeue covers a pooled connection the server closed while idle; more would stack
    // retries under the outbox's own.
    maxRequeues: 1,
    // nodemailer's own logger would print the AUTH exchange at debug level.
    logger: false,
    debug: false,
  });
}

/** Servers may change the case of an address's domain in their answers. */
function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
