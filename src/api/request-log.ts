import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

// What fastify logs about each request. Headers are never logged (Authorization and Cookie carry the
// token), and a `token` query parameter is masked because the board accepts one.

const TOKEN_IN_QUERY = /([?&]token=)[^&#]*/gi;

/** The request URL with any `token=` query value replaced. */
export function maskTokenInUrl(url: string): string {
  return url.replace(TOKEN_IN_QUERY, '$1[redacted]');
}

export const requestLogSerializers = {
  req(request: FastifyRequest) {
    return { method: request.method, url: maskTokenInUrl(request.url), remoteAddress: request.ip };
  },
  res(reply: FastifyReply) {
    return { statusCode: reply.statusCode };
  },
};

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A caller's X-Request-Id when it is short and plain (it goes into every log line), else a fresh UUID. */
export function requestId(raw: IncomingMessage): string {
  const offered = raw.headers['x-request-id'];
  return typeof offered === 'string' && SAFE_REQUEST_ID.test(offered) ? offered : randomUUID();
}
