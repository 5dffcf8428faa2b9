import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.js';
import type { ApiToken } from './api-token.js';
import { bearerToken } from './request-credentials.js';

export const TOKEN_UNSET_MESSAGE =
  'API_TOKEN is not set: set it in the daemon\'s environment to enable state-changing calls';
export const TOKEN_MISSING_MESSAGE = 'missing or wrong token: send Authorization: Bearer <API_TOKEN>';

/** 429 for a client that sent too many wrong tokens; checked before the token so guessing stays slow. */
export function tooManyFailures(token: ApiToken, request: FastifyRequest): HttpError | null {
  const wait = token.failures.retryAfterSeconds(request.ip);
  if (wait === 0) return null;
  return new HttpError(429, `too many wrong tokens from this address: try again in ${wait} s`, { 'retry-after': String(wait) });
}

/** onRequest hook for state-changing API calls: only `Authorization: Bearer <API_TOKEN>` gets through. */
export function requireBearerToken(token: ApiToken) {
  return async function checkBearerToken(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    if (!token.configured) throw new HttpError(503, TOKEN_UNSET_MESSAGE);
    const limited = tooManyFailures(token, request);
    if (limited) throw limited;
    if (!token.matches(bearerToken(request.headers.authorization))) {
      // Only a token offered and wrong counts: a call that forgot the header is not guessing.
      if (request.headers.authorization !== undefined) token.failures.recordFailure(request.ip);
      throw new HttpError(401, TOKEN_MISSING_MESSAGE, { 'www-authenticate': 'Bearer realm="ofsted-monitor"' });
    }
    token.failures.recordSuccess(request.ip);
  };
}
