import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiToken } from './api-token.js';
import { bearerToken, readCookie } from './request-credentials.js';
import { TOKEN_UNSET_MESSAGE } from './require-token.js';

export const ADMIN_COOKIE = 'ofsted_monitor_admin';
/** A browser session on the board lasts a working day, then the token link must be opened again. */
const ADMIN_COOKIE_MAX_AGE_S = 12 * 60 * 60;

/**
 * The browser session cookie: HttpOnly, SameSite=Strict, derived from the token (not the token itself).
 * Path=/ so the dashboard's re-scrape button knows it too; the JSON API never accepts it (bearer only).
 */
export function adminSessionCookie(token: ApiToken, request: FastifyRequest): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${ADMIN_COOKIE}=${token.cookieValue}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${ADMIN_COOKIE_MAX_AGE_S}${secure}`;
}

/**
 * onRequest hook for the Bull Board mount. A browser cannot send a bearer header, so opening
 * `<path>?token=<API_TOKEN>` once sets an HttpOnly, SameSite=Strict cookie (derived from the token, not
 * the token itself) and redirects to the same path without the token, keeping it out of history and logs.
 */
export function requireAdminSession(token: ApiToken, boardPath: string) {
  return async function checkAdminSession(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    // Answered here rather than thrown: errors inside the board's routes go to Bull Board's own handler.
    if (!token.configured) return reply.code(503).send({ error: TOKEN_UNSET_MESSAGE });
    if (token.matches(bearerToken(request.headers.authorization))) return;
    if (token.matchesCookie(readCookie(request.headers.cookie, ADMIN_COOKIE))) return;

    const url = new URL(request.url, 'http://placeholder');
    const offered = url.searchParams.get('token');
    if (offered !== null && token.matches(offered)) {
      url.searchParams.delete('token');
      reply.header('set-cookie', adminSessionCookie(token, request));
      return reply.redirect(`${url.pathname}${url.search}`, 303);
    }
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="ofsted-monitor"')
      .send({
        error: `the queue board needs the token: open ${boardPath}?token=<API_TOKEN> once, or send Authorization: Bearer <API_TOKEN>`,
      });
  };
}
