import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.js';
import type { ApiToken } from './api-token.js';
import { bearerToken } from './request-credentials.js';
import { clientKey } from './client-key.js';

export const TOKEN_UNSET_MESSAGE =
  'API_TOKEN is not set: set it in the daemon\'s environment to enable state-changing calls';
export const TOKEN_MISSING_MESSAGE = 'missing or wrong token: send Authorization: Bearer <API_TOKEN>';

/** onRequest hook for state-changing API calls: only `Authorization: Bearer <API_TOKEN>` gets through. */
export function requireBearerToken(token: ApiToken) {
  return async function checkBearerToken(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    if (!token.configured) throw new HttpError(503, TOKEN_UNSET_MESSAGE);
    if (!token.matches(bearerToken(request.headers.authorization))) {
      throw new HttpError(401, TOKEN_MISSING_MESSAGE, { 'www-authenticate': 'Bearer realm="ofsted-monitor"' });
    }
    // The right token forgives the client's earlier typos (failures are counted in token-failure-hooks.ts).
    token.failures.recordSuccess(clientKey(request.ip));
  };
}
