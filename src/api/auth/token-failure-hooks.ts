// The rate limit on wrong tokens, applied once for the whole app: every place that checks the token (the JSON
// API, the queue board, the dashboard's forms) answers a wrong one with 401, so counting 401s here covers
// them all, including checks added later.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.js';
import type { ApiToken } from './api-token.js';
import { clientKey } from './client-key.js';
import { queryNames } from '../request-log.js';

/** onRequest hook: a client over its limit gets 429 for anything that could test a token. */
export function refuseTokenGuessers(token: ApiToken) {
  return async function refuseGuesser(request: FastifyRequest): Promise<void> {
    const wait = token.failures.retryAfterSeconds(clientKey(request.ip));
    if (wait === 0) return;
    // Reading pages stays open; a write (forms carry the token in the body) or an offered token does not.
    const reads = request.method === 'GET' || request.method === 'HEAD';
    if (reads && !offersToken(request)) return;
    throw new HttpError(429, `too many wrong tokens from this address: try again in ${wait} s`, { 'retry-after': String(wait) });
  };
}

/** onResponse hook: a 401 to a request that offered a token is one failure of its client. */
export function countTokenFailures(token: ApiToken) {
  return async function countFailure(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // A call that forgot the token is not guessing, and a browser loading the board without its cookie
    // makes a 401 per asset.
    if (reply.statusCode === 401 && offersToken(request)) token.failures.recordFailure(clientKey(request.ip));
  };
}

/** A bearer header, a `?token=` (the board) or a form's `token` field (the dashboard's buttons). */
function offersToken(request: FastifyRequest): boolean {
  if (request.headers.authorization !== undefined) return true;
  if (queryNames(request.url).some((name) => name.toLowerCase() === 'token')) return true;
  const body = request.body as { token?: unknown } | undefined | null;
  return typeof body === 'object' && body !== null && typeof body.token === 'string' && body.token !== '';
}
