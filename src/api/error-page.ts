// Errors answered to a browser as a page rather than JSON: a person who mistypes a dashboard address should
// see where to go next, while scripts (and everything under /api/) keep the one-line JSON error.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../render/html.js';
import { page, PAGE_CSP } from './pages/layout.js';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Token needed',
  404: 'Page not found',
  413: 'Request too large',
  415: 'Unsupported content',
  429: 'Too many attempts',
};

/** Error pages sent, so the CSP hook can give them the pages' policy (the stylesheet) instead of the strict one. */
const errorPages = new WeakSet<FastifyReply>();

/**
 * Send a 4xx: an HTML page when the client prefers text/html and the path is not under /api/, otherwise
 * `{ "error": message }`. The message must be one line and fit to show.
 */
export function sendClientError(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
  if (!wantsPage(request)) return reply.code(status).send({ error: message });
  errorPages.add(reply);
  const title = TITLES[status] ?? 'Something went wrong';
  const body = html`<h1>${title}</h1><div class="notice error"><p>${message}</p></div><p><a href="/">Back to the dashboard</a></p>`;
  return reply.code(status).type('text/html; charset=utf-8').send(page({ title, body }));
}

/** onSend hook, after the security headers: error pages may load the site stylesheet. */
export async function errorPageCsp(_request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (errorPages.has(reply)) reply.header('content-security-policy', PAGE_CSP);
  return payload;
}

function wantsPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  if (path === '/api' || path.startsWith('/api/')) return false;
  return prefersHtml(request.headers.accept);
}

/**
 * True when an Accept header ranks text/html above JSON. Browsers name text/html first; curl and fetch send
 * `*\/*`, which names neither, so they get JSON.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  let htmlQ = -1;
  let jsonQ = -1;
  let anyQ = -1;
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q)) continue;
    if (type === 'text/html') htmlQ = Math.max(htmlQ, q);
    else if (type === 'application/json') jsonQ = Math.max(jsonQ, q);
    else if (type === '*/*' || type === 'application/*') anyQ = Math.max(anyQ, q);
  }
  if (htmlQ <= 0) return false;
  // A tie with an explicit application/json goes to JSON: that client named it on purpose.
  return htmlQ > jsonQ && htmlQ >= anyQ;
}
