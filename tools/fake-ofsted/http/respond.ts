import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderChallengePage } from '../pages/simple-pages.js';
import type { Fault } from '../types.js';
import type { SiteContext } from './site-context.js';

/** False when the client has gone (or the site is closing): nothing more should be written. */
export function writable(res: ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded;
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
  headOnly = false,
): void {
  if (!writable(res)) return;
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Length': String(bytes.length), ...headers });
  res.end(headOnly ? undefined : bytes);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headOnly = false): void {
  send(res, status, html, { 'Content-Type': 'text/html; charset=utf-8' }, headOnly);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, `${JSON.stringify(value, null, 2)}\n`, { 'Content-Type': 'application/json; charset=utf-8' });
}

/** The body of an injected error status, worded like a web server's own error page. */
export function errorPage(status: number): string {
  const title =
    status === 429
      ? 'Too many requests'
      : status === 503
        ? 'Service unavailable'
        : status >= 500
          ? 'Sorry, there is a problem with the service'
          : 'Request refused';
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>Please try again later.</p></body></html>\n`;
}

/**
 * Apply the faults that pages and files share (status, offsite redirect, challenge, slow).
 * Returns true when the response has been dealt with and the handler must stop.
 */
export async function applySharedFault(
  ctx: SiteContext,
  fault: Fault | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  head: boolean,
): Promise<boolean> {
  switch (fault?.kind) {
    case 'status':
      send(res, fault.status, errorPage(fault.status), {
        'Content-Type': 'text/html; charset=utf-8',
        ...(fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {}),
      }, head);
      return true;
    case 'redirect-offsite':
      send(res, 302, '', { Location: `${ctx.urls.other}${req.url ?? '/'}` });
      return true;
    case 'challenge':
      sendHtml(res, 200, renderChallengePage(), head);
      return true;
    case 'slow':
      return !(await ctx.sleeper.sleep(fault.ms)) || !writable(res);
    default:
      return false;
  }
}
