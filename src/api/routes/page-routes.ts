import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../api-deps.js';
import type { ApiToken } from '../auth/api-token.js';
import { PAGE_CSP, SITE_CSS_PATH } from '../pages/layout.js';
import { registerListPages } from '../pages/list-pages.js';
import { registerProviderPages } from '../pages/provider-pages.js';
import { SITE_CSS } from '../pages/site-css.js';
import { registerSweepPage } from '../pages/sweep-page.js';

/**
 * The dashboard: server-rendered pages that read without JavaScript. Encapsulated so the page CSP and
 * the form-body parser (the re-scrape button) apply to pages only; the JSON API keeps its strict ones.
 */
export async function registerPages(app: FastifyInstance, deps: Pick<ApiDeps, 'store' | 'config' | 'queues'>, token: ApiToken): Promise<void> {
  app.get(SITE_CSS_PATH, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SITE_CSS),
  );
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply, payload) => {
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('text/html')) reply.header('content-security-policy', PAGE_CSP);
      return payload;
    });
    await scope.register(formbody);
    registerListPages(scope, deps, token);
    registerSweepPage(scope, deps, token);
    registerProviderPages(scope, deps, token);
  });
}
