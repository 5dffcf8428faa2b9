// The reports origin: provider pages, search, the script-shell endpoint, and static assets.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { providerPath, renderProviderPage } from '../pages/provider-page.js';
import { renderSearchPage } from '../pages/search-page.js';
import { parseSearchQuery, searchHref } from '../search/search-query.js';
import { renderChromeShell, renderHomePage, renderNotFoundPage, renderScriptShell } from '../pages/simple-pages.js';
import { handleControl } from './control-handler.js';
import { applySharedFault, send, sendHtml } from './respond.js';
import type { SiteContext } from './site-context.js';
import { staticAsset } from './static-assets.js';

export function isControlPath(path: string): boolean {
  return path === '/__scenario' || path.startsWith('/__scenario/');
}

const PROVIDER = /^\/provider\/([^/]+)\/([^/]+)\/?$/;
/** Categories whose pages only a browser can read, as on the real site (REAL-EVIDENCE §1). */
export const SCRIPT_ONLY_CATEGORIES: ReadonlySet<string> = new Set(['23']);
const SHELL = /^\/__shell\/provider\/([^/]+)\/([^/]+)\/?$/;
/** The old form Ofsted's provider-level data files still link (REAL-EVIDENCE §1); it redirects. */
const OLD_FORM = /^\/inspection-reports\/find-inspection-report\/provider\/([^/]+)\/([^/]+)\/?$/;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function providerPage(
  ctx: SiteContext,
  req: IncomingMessage,
  res: ServerResponse,
  category: string,
  rawUrn: string,
  viaShell: boolean,
): Promise<void> {
  const head = req.method === 'HEAD';
  const urn = decode(rawUrn).trim().toUpperCase();
  // Faults come before the lookup: an outage does not care whether the URN exists.
  const fault = viaShell ? undefined : ctx.state.takeFault({ urn });
  if (fault?.kind === 'js-shell') {
    sendHtml(res, 200, renderScriptShell(), head);
    return;
  }
  if (await applySharedFault(ctx, fault, req, res, head)) return;
  const provider = ctx.scenario.provider(urn);
  if (!provider || provider.category.toUpperCase() !== decode(category).toUpperCase() || !ctx.state.isVisible(provider)) {
    sendHtml(res, 404, renderNotFoundPage(), head);
    return;
  }
  if (!viaShell && SCRIPT_ONLY_CATEGORIES.has(provider.category)) {
    sendHtml(res, 200, renderChromeShell(), head);
    return;
  }
  const html = renderProviderPage({
    provider,
    reports: ctx.state.published(provider),
    now: ctx.state.now(),
    filesUrl: ctx.urls.files,
  });
  sendHtml(res, 200, html, head);
}

async function search(ctx: SiteContext, req: IncomingMessage, url: URL, res: ServerResponse, head: boolean): Promise<void> {
  const fault = ctx.state.takeFault({ search: true });
  if (fault?.kind === 'js-shell') return sendHtml(res, 200, renderScriptShell(), head);
  if (await applySharedFault(ctx, fault, req, res, head)) return;
  const query = parseSearchQuery(url.searchParams);
  const { total, hits } = ctx.search.search(query, ctx.state.now());
  const pages = Math.max(1, Math.ceil(total / query.rows));
  const html = renderSearchPage({
    query: query.q,
    total,
    hits,
    prevHref: query.start > 0 ? searchHref(url.searchParams, Math.max(0, query.start - query.rows), query.rows) : null,
    nextHref: query.start + query.rows < total ? searchHref(url.searchParams, query.start + query.rows, query.rows) : null,
    page: Math.floor(query.start / query.rows) + 1,
    pages,
    shape: ctx.state.searchShape(),
  });
  sendHtml(res, 200, html, head);
}

export async function handleReports(ctx: SiteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.urls.reports);
  const path = url.pathname;
  if (isControlPath(path)) return handleControl(ctx, req, res, url);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    return;
  }
  const head = req.method === 'HEAD';
  let m = PROVIDER.exec(path);
  if (m) return providerPage(ctx, req, res, m[1] ?? '', m[2] ?? '', false);
  m = OLD_FORM.exec(path);
  if (m) {
    const provider = ctx.scenario.provider(decode(m[2] ?? '').trim().toUpperCase());
    if (provider && ctx.state.isVisible(provider)) {
      send(res, 301, '', { Location: providerPath(provider) }, head);
      return;
    }
    return sendHtml(res, 404, renderNotFoundPage(), head);
  }
  m = SHELL.exec(path);
  if (m) return providerPage(ctx, req, res, m[1] ?? '', m[2] ?? '', true);
  if (path === '/search') return search(ctx, req, url, res, head);
  if (path === '/') return sendHtml(res, 200, renderHomePage(), head);
  const asset = staticAsset(path);
  if (asset) return send(res, 200, asset.body, { 'Content-Type': asset.type }, head);
  sendHtml(res, 404, renderNotFoundPage(), head);
}
