import type { FastifyInstance } from 'fastify';
import { trusted } from '../../render/html.js';
import { jobSettingsFromConfig } from '../../../workers/job-options.js';
import { enqueueSweep } from '../../../workers/manual-sweep.js';
import type { ApiDeps } from '../api-deps.js';
import { adminSessionCookie } from '../auth/admin-session.js';
import type { ApiToken } from '../auth/api-token.js';
import { TOKEN_UNSET_MESSAGE } from '../auth/require-token.js';
import { messagePage } from './message-page.js';
import { renderSweepForm } from './scrape-form.js';
import { checkScrapeCredentials, hasAdminSession } from './scrape-credentials.js';

/**
 * The watchlist's "Sweep now" form post: queues discovery through the same function as POST /api/sweeps
 * (one pending at a time) and sends the browser back to the watchlist, which tells the job.
 */
export function registerSweepPage(app: FastifyInstance, deps: Pick<ApiDeps, 'config' | 'queues'>, token: ApiToken): void {
  const jobSettings = jobSettingsFromConfig(deps.config);
  app.post('/sweep', async (request, reply) => {
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    const auth = checkScrapeCredentials(token, { authorization: request.headers.authorization, cookie: request.headers.cookie, field: body.token });
    const html = (status: number, title: string, message: string, extraHtml = '') =>
      reply.code(status).type('text/html; charset=utf-8').send(messagePage({ title, message, extraHtml: trusted(extraHtml) }));
    if (auth === 'unset') return html(503, 'Sweeping is switched off', TOKEN_UNSET_MESSAGE);
    if (auth === 'denied') {
      reply.header('www-authenticate', 'Bearer realm="ofsted-monitor"');
      const form = `<section class="card scopes" aria-label="Sweep">${renderSweepForm({ tokenConfigured: true, hasSession: false })}</section>`;
      return html(401, 'Wrong or missing token', 'That is not the API token: enter API_TOKEN to sweep.', form);
    }
    const queued = await enqueueSweep(deps.queues.sweep, false, jobSettings);
    request.log.info({ jobId: queued.jobId, from: 'page' }, 'discovery queued');
    if (!hasAdminSession(token, request.headers.cookie)) reply.header('set-cookie', adminSessionCookie(token, request));
    return reply.redirect(`/?sweep=${encodeURIComponent(queued.jobId)}`, 303);
  });
}
