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

/**
 * Swagger UI, served from node_modules: its own scripts (no inline or eval), its stylesheets plus the
 * inline styles React sets, the logo as a data: image, and fetches of the document and of "Try it out"
 * calls to this origin only. It submits no forms.
 */
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'none'";

/** Where the single-page apps live; everything else gets the strict policy. */
export interface SecurityHeaderPaths {
  board: string;
  docs: string;
}

/** onSend hook: the same defensive headers on every response, a CSP that fits what is served. */
export function securityHeaders(paths: SecurityHeaderPaths) {
  return async function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-resource-policy', 'same-origin');
    const app = under(request.url, paths.board) ? 'board' : under(request.url, paths.docs) ? 'docs' : null;
    reply.header('content-security-policy', app === 'board' ? BOARD_CSP : app === 'docs' ? DOCS_CSP : STRICT_CSP);
    // Answers change with every scrape and may be behind the token: never keep them in a shared cache.
    // The two apps' static files set their own caching.
    if (app === null) reply.header('cache-control', 'no-store');
    return payload;
  };
}

/** The prefix itself or a path below it, not merely a path starting with the same letters (/docsx). */
function under(url: string, prefix: string): boolean {
  return url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);
}
