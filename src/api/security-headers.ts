import type { FastifyReply, FastifyRequest } from 'fastify';

/** JSON and text need nothing from a browser: forbid every fetch, frame and form. */
const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Bull Board is a single-page app: its own scripts and styles plus inline style attributes. Its link to
 * Google Fonts is blocked on purpose (no third party learns who opens the board; system fonts are used).
 */
const BOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/** onSend hook: the same defensive headers on every response, a CSP that fits what is served. */
export function securityHeaders(boardPrefix: string) {
  return async function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-resource-policy', 'same-origin');
    const onBoard = request.url === boardPrefix || request.url.startsWith(`${boardPrefix}/`) || request.url.startsWith(`${boardPrefix}?`);
    reply.header('content-security-policy', onBoard ? BOARD_CSP : STRICT_CSP);
    // Answers change with every scrape and may be behind the token: never keep them in a shared cache.
    if (!onBoard) reply.header('cache-control', 'no-store');
    return payload;
  };
}
