import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the sink received. */
export interface WebhookRequest {
  method: string;
  /** Path and query as requested. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
}

/** How the sink answers the next request(s). */
export interface WebhookReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering, ms (to test timeouts). */
  delayMs?: number;
}

const DEFAULT_REPLY: WebhookReply = { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' };

/**
 * A real HTTP server on 127.0.0.1 (random port) standing in for a Slack-style webhook: it records
 * every request and answers 200 "ok" unless told otherwise.
 */
export class WebhookSink {
  readonly requests: WebhookRequest[] = [];
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #queued: WebhookReply[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #always: WebhookReply = DEFAULT_REPLY;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<WebhookSink> {
    const server = createServer();
    const sink = new WebhookSink(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        sink.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json: parseJson(body) });
        sink.#reply(res, sink.#queued.shift() ?? sink.#always);
      });
    });
    server.on('connection', (socket) => {
      sink.#sockets.add(socket);
      socket.once('close', () => sink.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Answer the next request this way (queued replies are used in order, then the standing one). */
  replyOnce(reply: WebhookReply): void {
    this.#queued.push(reply);
  }

  /** Answer every request this way from now on (after any queued replies). */
  replyAlways(reply: WebhookReply): void {
    this.#always = reply;
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #reply(res: ServerResponse, reply: WebhookReply): void {
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    };
    if (!reply.delayMs) return send();
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      send();
    }, reply.delayMs);
    this.#timers.add(timer);
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
