import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

// What fastify logs about each request. Headers are never logged (Authorization and Cookie carry the
// token), and a `token` query parameter is masked because the board accepts one.

/** A query's parameter names as a server reads them: percent-escapes and `+` decoded (`%74oken` is `token`). */
export function queryNames(url: string): string[] {
  return [...new URLSearchParams(queryOf(url)).keys()];
}

/** The request URL with the value of any parameter named `token` (in any case or spelling) replaced. */
export function maskTokenInUrl(url: string): string {
  const query = queryOf(url);
  if (query === '') return url;
  const start = url.indexOf('?') + 1;
  const masked = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const decoded = [...new URLSearchParams(`${name}=`).keys()][0] ?? name;
      return decoded.toLowerCase() === 'token' ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return url.slice(0, start) + masked + url.slice(start + query.length);
}

function queryOf(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return '';
  const hash = url.indexOf('#', q);
  return url.slice(q + 1, hash < 0 ? undefined : hash);
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
