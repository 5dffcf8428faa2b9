import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

/** One message as the sink received it: the SMTP envelope and the raw RFC 5322 text. */
export interface SinkMessage {
  /** MAIL FROM address. */
  from: string;
  /** RCPT TO addresses the sink accepted. */
  to: string[];
  /** The message exactly as sent after DATA (CRLF line ends). */
  raw: string;
  /** The user name the client authenticated as, if it did. */
  user: string | undefined;
}

export interface SmtpSinkOptions {
  /** Require exactly these credentials. Without it any AUTH is accepted and none is required. */
  auth?: { user: string; pass: string };
  /**
   * Called with each message after it is kept and before the sink answers 250, e.g. to kill the
   * sender between "sent" and "recorded".
   */
  beforeReply?: (message: SinkMessage) => Promise<void> | void;
}

const HOST = '127.0.0.1';

/**
 * A real SMTP server on 127.0.0.1 (random port, no TLS) for tests: it keeps every message it accepts,
 * can refuse connections for real (the port is closed, so clients get ECONNREFUSED) and can reject
 * chosen recipients with a chosen reply code.
 */
export class SmtpSink {
  readonly host = HOST;
  readonly #options: SmtpSinkOptions;
  readonly #messages: SinkMessage[] = [];
  readonly #rejections = new Map<string, number>();
  readonly #waiters = new Set<() => void>();
  #server: SMTPServer | undefined;
  #port = 0;
  #connections = 0;

  private constructor(options: SmtpSinkOptions) {
    this.#options = options;
  }

  static async start(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
    const sink = new SmtpSink(options);
    await sink.#open(0);
    return sink;
  }

  get port(): number {
    return this.#port;
  }

  /** Messages received so far, oldest first. */
  get messages(): readonly SinkMessage[] {
    return this.#messages;
  }

  /** SMTP connections accepted so far (a pooled client should need few). */
  get connectionCount(): number {
    return this.#connections;
  }

  /** smtp:// URL of the sink, with credentials when given (user and password are percent-encoded). */
  url(credentials?: { user: string; pass: string }): string {
    const auth = credentials
      ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@`
      : '';
    return `smtp://${auth}${HOST}:${this.#port}`;
  }

  /** Answer RCPT TO for this address with `code` (5xx: permanent, 4xx: try later) until accepted again. */
  rejectRecipient(address: string, code = 550): void {
    this.#rejections.set(address.toLowerCase(), code);
  }

  acceptRecipient(address: string): void {
    this.#rejections.delete(address.toLowerCase());
  }

  /** Close the listening port and drop open connections, so new connections are refused. */
  async refuseConnections(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // close() alone would wait for open sessions; a pooled client's idle connection must go too.
      for (const connection of server.connections) connection.close();
    });
  }

  /** Listen again on the same port. */
  async acceptConnections(): Promise<void> {
    if (this.#server) return;
    await this.#open(this.#port);
  }

  /** Resolve with all messages once at least `count` have arrived; reject after `timeoutMs`. */
  waitFor(count: number, timeoutMs = 5_000): Promise<SinkMessage[]> {
    if (this.#messages.length >= count) return Promise.resolve([...this.#messages]);
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.#messages.length < count) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve([...this.#messages]);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`smtp-sink: ${this.#messages.length} of ${count} messages after ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  /** Forget received messages and rejections. */
  reset(): void {
    this.#messages.length = 0;
    this.#rejections.clear();
  }

  async close(): Promise<void> {
    await this.refuseConnections();
  }

  async #open(port: number): Promise<void> {
    const required = this.#options.auth;
    const server = new SMTPServer({
      logger: false,
      disabledCommands: ['STARTTLS'],
      hideSTARTTLS: true,
      allowInsecureAuth: true,
      authOptional: !required,
      onConnect: (_session, callback) => {
        this.#connections++;
        callback();
      },
      onAuth: (auth, _session, callback) => {
        if (required && (auth.username !== required.user || auth.password !== required.pass)) {
          callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
          return;
        }
        callback(null, { user: auth.username });
      },
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        const code = this.#rejections.get(address.address.toLowerCase());
        if (code === undefined) return callback();
        const text = code >= 500 ? 'Mailbox unavailable' : 'Mailbox busy, try again later';
        callback(Object.assign(new Error(text), { responseCode: code }));
      },
      onData: (stream, session: SMTPServerSession, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (error: Error) => callback(error));
        stream.on('end', () => {
          const mailFrom = session.envelope.mailFrom;
          const message: SinkMessage = {
            from: mailFrom ? mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            user: typeof session.user === 'string' ? session.user : undefined,
          };
          this.#messages.push(message);
          for (const waiter of [...this.#waiters]) waiter();
          void Promise.resolve(this.#options.beforeReply?.(message)).finally(() => callback());
        });
      },
    });
    // Client faults (a dropped connection) surface here; a test sink has nothing to do about them.
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, HOST, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    const address = server.server.address();
    if (address === null || typeof address === 'string') throw new Error('smtp-sink: no TCP address');
    this.#port = address.port;
    this.#server = server;
  }
}
