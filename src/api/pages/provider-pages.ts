import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../render/html.js';
import { jobSettingsFromConfig } from '../../../workers/job-options.js';
import { enqueueManualScrape } from '../../../workers/manual-scrape.js';
import { BadInputError } from '../../errors.js';
import { normaliseUrn, parseUrn } from '../../ofsted/urn.js';
import type { ApiDeps } from '../api-deps.js';
import type { ApiQueues } from '../api-queues.js';
import { adminSessionCookie } from '../auth/admin-session.js';
import type { ApiToken } from '../auth/api-token.js';
import { TOKEN_UNSET_MESSAGE } from '../auth/require-token.js';
import { findJob } from '../job-view.js';
import { withTimeout } from '../with-timeout.js';
import type { JobLookup } from './job-notice.js';
import { managerMoves } from './manager-moves.js';
import { messagePage } from './message-page.js';
import { renderOwnerPage } from './owner-page.js';
import { ownedBy } from './page-data.js';
import { MAX_OWNER_LENGTH, providerHref } from './page-links.js';
import { portfolioShare } from './portfolio-share.js';
import { renderProviderNotFound, renderProviderPage } from './provider-page.js';
import { renderScrapeForm } from './scrape-form.js';
import { checkScrapeCredentials, hasAdminSession } from './scrape-credentials.js';

interface UrnParams {
  urn: string;
}

/** Same alphabet as GET /api/jobs/<id> accepts (see request-input.ts jobIdParam). */
const JOB_ID = /^[A-Za-z0-9._-]{1,200}$/;
/** A page must not hang on a slow or stopped Redis: the job's state is then just "cannot be read". */
const JOB_LOOKUP_MS = 3_000;

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

/** The URN, or null after answering 400 with the reason (the same one-line message the API gives). */
function urnOr400(raw: string, reply: FastifyReply): string | null {
  try {
    return parseUrn(raw);
  } catch (error) {
    if (!(error instanceof BadInputError)) throw error;
    sendHtml(reply, 400, messagePage({ title: 'Not a URN', message: error.message }));
    return null;
  }
}

/** Pages answer errors as pages: an unexpected failure is logged and shown as a plain 500 page. */
function asPage<P>(handler: (request: FastifyRequest<{ Params: P }>, reply: FastifyReply) => Promise<FastifyReply>) {
  return async (request: FastifyRequest<{ Params: P }>, reply: FastifyReply): Promise<FastifyReply> => {
    try {
      return await handler(request, reply);
    } catch (error) {
      request.log.error({ err: error }, 'page failed');
      return sendHtml(
        reply,
        500,
        messagePage({ title: 'Something went wrong', message: 'This page could not be built; the daemon log has the details.' }),
      );
    }
  };
}

/** The job the form queued, if it is a job for this URN: read as GET /api/jobs/<id> reads it. */
async function lookUpJob(queues: ApiQueues, id: string, urn: string): Promise<JobLookup> {
  if (!JOB_ID.test(id)) return { id, missing: true };
  try {
    const job = await withTimeout(findJob([queues.provider, queues.report, queues.sweep, queues.notify], id), JOB_LOOKUP_MS, 'the job queue');
    const jobUrn = job?.data && typeof job.data === 'object' ? (job.data as { urn?: unknown }).urn : undefined;
    return job && jobUrn === urn ? { id, found: job } : { id, missing: true };
  } catch (error) {
    return { id, unavailable: error instanceof Error ? error.message : String(error) };
  }
}

function singleQueryValue(query: unknown, name: string): string | undefined {
  const value = query && typeof query === 'object' ? (query as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Events shown on a provider page, newest first; its events page and feeds have the rest. */
const PROVIDER_PAGE_EVENTS = 10;

/** A provider's page, an owner's portfolio, and the re-scrape button's form post. */
export function registerProviderPages(app: FastifyInstance, deps: Pick<ApiDeps, 'store' | 'config' | 'queues'>, token: ApiToken): void {
  const { store, queues } = deps;
  const jobSettings = jobSettingsFromConfig(deps.config);

  app.get<{ Params: UrnParams }>(
    '/providers/:urn',
    asPage<UrnParams>(async (request, reply) => {
      const urn = urnOr400(request.params.urn, reply);
      if (urn === null) return reply;
      const jobId = singleQueryValue(request.query, 'job');
      const [provider, history, reports, watched, job, events] = await Promise.all([
        store.getProvider(urn),
        store.history(urn),
        store.listReports(urn),
        store.isWatched(urn),
        jobId !== undefined ? lookUpJob(queues, jobId, urn) : Promise.resolve(null),
        store.pageEvents({ urn, order: 'newest-first', limit: PROVIDER_PAGE_EVENTS }),
      ]);
      const form = { tokenConfigured: token.configured, hasSession: hasAdminSession(token, request.headers.cookie) };
      // A URN the form just queued is "being fetched", not unknown: the page shows the job until it is done.
      const fetching = job !== null && 'found' in job;
      if (!provider && history.length === 0 && reports.length === 0 && !watched && !fetching) {
        return sendHtml(reply, 404, renderProviderNotFound(urn, form));
      }
      const unreadable = reports.filter((r) => r.parsed === null);
      return sendHtml(reply, 200, renderProviderPage({ urn, provider, watched, history, unreadable, job, form, events: events.map((e) => e.event) }));
    }),
  );

  app.post<{ Params: UrnParams }>(
    '/providers/:urn/scrape',
    asPage<UrnParams>(async (request, reply) => {
      const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
      const auth = checkScrapeCredentials(token, {
        authorization: request.headers.authorization,
        cookie: request.headers.cookie,
        field: body.token,
      });
      if (auth === 'unset') {
        return sendHtml(reply, 503, messagePage({ title: 'Re-scraping is switched off', message: TOKEN_UNSET_MESSAGE }));
      }
      // The token is checked before the URN, as the JSON API does: a caller without it learns nothing.
      if (auth === 'denied') {
        const urn = normaliseUrn(request.params.urn);
        const form = urn
          ? html`<section class="card rescrape" aria-label="Re-scrape">${renderScrapeForm({ urn, tokenConfigured: true, hasSession: false })}</section><p><a href="${providerHref(urn)}">Back to ${urn}</a></p>`
          : null;
        return sendHtml(
          reply.header('www-authenticate', 'Bearer realm="ofsted-monitor"'),
          401,
          messagePage({ title: 'Wrong or missing token', message: 'That is not the API token: enter API_TOKEN to re-scrape.', extraHtml: form ?? undefined }),
        );
      }
      const urn = urnOr400(request.params.urn, reply);
      if (urn === null) return reply;
      const queued = await enqueueManualScrape(queues.provider, urn, jobSettings);
      request.log.info({ urn, jobId: queued.jobId, deduplicated: queued.deduplicated, from: 'page' }, 'manual scrape queued');
      // Typed once, the token is remembered for this browser session, as the queue board does.
      if (!hasAdminSession(token, request.headers.cookie)) reply.header('set-cookie', adminSessionCookie(token, request));
      return reply.redirect(`${providerHref(urn)}?job=${encodeURIComponent(queued.jobId)}`, 303);
    }),
  );

  app.get<{ Params: { name: string } }>(
    '/owners/:name',
    asPage<{ name: string }>(async (request, reply) => {
      const name = request.params.name.replace(/\s+/g, ' ').trim();
      if (name === '' || name.length > MAX_OWNER_LENGTH) {
        return sendHtml(reply, 400, messagePage({ title: 'Not an owner name', message: `an owner name is 1 to ${MAX_OWNER_LENGTH} characters` }));
      }
      // Only this owner's providers are read (by the stored spellings of its name), with their histories
      // in one query per few hundred homes.
      const urns = (await ownedBy(store, name)).map((p) => p.urn);
      if (urns.length === 0) {
        return sendHtml(reply, 404, messagePage({ title: 'No such owner', message: `No stored provider is owned by "${name}".` }));
      }
      const [homes, histories] = await Promise.all([store.providerSummaries(urns), store.histories(urns)]);
      const portfolio = homes.map((h) => ({ urn: h.urn, name: h.name, closedAt: h.closedAt, history: histories.get(h.urn) ?? [] }));
      return sendHtml(
        reply,
        200,
        renderOwnerPage({ owner: mostCommonSpelling(homes.map((h) => h.owner ?? name)), homes, steps: portfolioShare(portfolio), moves: managerMoves(portfolio) }),
      );
    }),
  );
}

/** Pages spell an owner more than one way ("Derby City Council", "DERBY CITY COUNCIL"): show the usual one. */
function mostCommonSpelling(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}
