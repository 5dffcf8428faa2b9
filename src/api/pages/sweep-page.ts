import type { FastifyInstance } from 'fastify';
import { jobSettingsFromConfig } from '../../../workers/job-options.js';
import { enqueueSweep } from '../../../workers/manual-sweep.js';
import type { ApiDeps } from '../api-deps.js';
import { adminSessionCookie } from '../auth/admin-session.js';
import type { ApiToken } from '../auth/api-token.js';
import { TOKEN_UNSET_MESSAGE } from '../auth/require-token.js';
import { html, type Html } from '../../render/html.js';
import { formatDuration, sweepSummaryText, type SweepSummary } from '../../monitor/sweep-summary.js';
import { SWEEP_SUMMARIES_KEPT, listSweepSummaries } from '../../../workers/sweep-runs.js';
import { page } from './layout.js';
import { messagePage } from './message-page.js';
import { renderSweepForm } from './scrape-form.js';
import { checkScrapeCredentials, hasAdminSession } from './scrape-credentials.js';

/**
 * The watchlist's "Sweep now" form post: queues discovery through the same function as POST /api/sweeps
 * (one pending at a time) and sends the browser back to the watchlist, which tells the job.
 */
export function registerSweepPage(app: FastifyInstance, deps: Pick<ApiDeps, 'config' | 'queues'>, token: ApiToken): void {
  const jobSettings = jobSettingsFromConfig(deps.config);
  // The last sweeps (discovery and full), newest first, with what each came to.
  app.get('/sweeps', async (_request, reply) => {
    const sweeps = await listSweepSummaries(deps.queues.sweep);
    return reply.type('text/html; charset=utf-8').send(page({ title: 'Sweeps', body: sweepsBody(sweeps) }));
  });
  app.post('/sweep', async (request, reply) => {
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    const auth = checkScrapeCredentials(token, { authorization: request.headers.authorization, cookie: request.headers.cookie, field: body.token });
    const send = (status: number, title: string, message: string, extraHtml?: Html) =>
      reply.code(status).type('text/html; charset=utf-8').send(messagePage({ title, message, ...(extraHtml && { extraHtml }) }));
    if (auth === 'unset') return send(503, 'Sweeping is switched off', TOKEN_UNSET_MESSAGE);
    if (auth === 'denied') {
      reply.header('www-authenticate', 'Bearer realm="ofsted-monitor"');
      const form = html`<section class="card scopes" aria-label="Sweep">${renderSweepForm({ tokenConfigured: true, hasSession: false })}</section>`;
      return send(401, 'Wrong or missing token', 'That is not the API token: enter API_TOKEN to sweep.', form);
    }
    const queued = await enqueueSweep(deps.queues.sweep, false, jobSettings);
    request.log.info({ jobId: queued.jobId, from: 'page' }, 'discovery queued');
    if (!hasAdminSession(token, request.headers.cookie)) reply.header('set-cookie', adminSessionCookie(token, request));
    return reply.redirect(`/watchlist?sweep=${encodeURIComponent(queued.jobId)}`, 303);
  });
}

function sweepsBody(sweeps: readonly SweepSummary[]): Html {
  const rows = sweeps.map(
    (s) => html`<tr title="${sweepSummaryText(s)}">
      <td><time datetime="${s.finishedAt}">${s.finishedAt.slice(0, 16).replace('T', ' ')}</time></td>
      <td>${s.kind === 'full' ? 'full sweep' : 'discovery'}</td>
      <td>${s.providers}</td><td>${s.ok}</td><td>${s.failed}</td><td>${s.reports}</td><td>${s.declines}</td>
      <td>${formatDuration(Date.parse(s.finishedAt) - Date.parse(s.startedAt))}</td></tr>`,
  );
  return html`<h1>Sweeps</h1>
    ${
      sweeps.length === 0
        ? html`<p>No sweep has finished yet (the last ${SWEEP_SUMMARIES_KEPT} are kept once they do).</p>`
        : html`<table class="sweeps"><thead><tr><th>finished (UTC)</th><th>kind</th><th>providers</th><th>ok</th><th>failed</th><th>new reports</th><th>declines</th><th>took</th></tr></thead>
      <tbody>${rows}</tbody></table>`
    }`;
}


