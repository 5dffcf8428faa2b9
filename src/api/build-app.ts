import { trustProxySetting } from '../config.js';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { ApiDeps } from './api-deps.js';
import { ApiToken } from './auth/api-token.js';
import { countTokenFailures, refuseTokenGuessers } from './auth/token-failure-hooks.js';
import { errorPageCsp, sendClientError } from './error-page.js';
import { HttpError } from './http-error.js';
import { requestId, requestLogSerializers } from './request-log.js';
import { BOARD_PATH, registerAdminBoard } from './routes/admin-board-routes.js';
import { registerEventRoutes } from './routes/event-routes.js';
import { registerEmailPreviewRoutes } from './routes/email-preview-routes.js';
import { DOCS_PATH, registerApiDocs } from './routes/docs-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerJobRoutes } from './routes/job-routes.js';
import { registerMetricsRoutes } from './routes/metrics-routes.js';
import { registerPages } from './routes/page-routes.js';
import { registerProviderRoutes } from './routes/provider-routes.js';
import { registerScopeRoutes } from './routes/scope-routes.js';
import { registerSweepRoutes } from './routes/sweep-routes.js';
import { registerSubscriptionRoutes } from './routes/subscription-routes.js';
import { registerUnsubscribeRoutes } from './routes/unsubscribe-routes.js';
import { registerWatchlistRoutes } from './routes/watchlist-routes.js';
import { securityHeaders } from './security-headers.js';

/** No endpoint takes more than a URN in its path; anything large is a mistake or an attack. */
const BODY_LIMIT_BYTES = 16 * 1024;

/** The fastify app with every route, not yet listening. */
export async function buildApp(deps: Omit<ApiDeps, 'listen'>): Promise<FastifyInstance> {
  const token = new ApiToken(deps.config.API_TOKEN);
  const app = Fastify({
    // Typed as fastify's base logger so route modules take a plain FastifyInstance.
    loggerInstance: deps.logger.child({ component: 'api' }, { serializers: requestLogSerializers }) as FastifyBaseLogger,
    genReqId: requestId,
    bodyLimit: BODY_LIMIT_BYTES,
    // A bounded wait for slow clients, so SIGTERM's close() is not held up by an idle keep-alive.
    connectionTimeout: 30_000,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    // request.ip (token-failure counts, logs) and request.protocol (the session cookie's Secure) through the proxy.
    ...(trustProxySetting(deps.config.TRUST_PROXY) !== undefined && { trustProxy: trustProxySetting(deps.config.TRUST_PROXY) }),
  });

  // Before every route, so the board and the dashboard's forms are covered as well as the JSON API.
  app.addHook('onRequest', refuseTokenGuessers(token));
  app.addHook('onResponse', countTokenFailures(token));

  // Many HTTP clients label an empty POST as a form or text; with no body there is nothing to parse, so the
  // label is dropped rather than answered with 415. A non-empty body of a type we do not read still is.
  app.addHook('onRequest', async (request) => {
    const { headers } = request;
    if (headers['content-type'] === undefined || headers['transfer-encoding'] !== undefined) return;
    if (headers['content-length'] === undefined || headers['content-length'] === '0') delete headers['content-type'];
  });

  // `curl -X POST -H 'Content-Type: application/json'` with no body is a normal way to call these.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new HttpError(400, 'the request body is not valid JSON'), undefined);
    }
  });

  app.addHook('onSend', securityHeaders({ board: BOARD_PATH, docs: DOCS_PATH }));
  app.addHook('onSend', errorPageCsp);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500 && !(error instanceof HttpError)) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send({ error: 'internal error; the daemon log has the details' });
    }
    if (error instanceof HttpError) reply.headers(error.headers);
    // Fastify's own 4xx (bad JSON, body too large, ...) carry a one-line message fit to show.
    return sendClientError(request, reply, status, error.message);
  });
  app.setNotFoundHandler((request, reply) =>
    sendClientError(request, reply, 404, `no such ${request.url.startsWith('/api/') ? 'endpoint' : 'page'}: ${request.method} ${request.url.split('?')[0]}`),
  );

  // Before every route: the OpenAPI document is built from the routes registered after it.
  await registerApiDocs(app);
  registerHealthRoutes(app, deps);
  registerMetricsRoutes(app);
  registerProviderRoutes(app, deps, token);
  registerSweepRoutes(app, deps, token);
  registerEventRoutes(app, deps);
  registerJobRoutes(app, deps);
  registerWatchlistRoutes(app, deps, token);
  registerScopeRoutes(app, deps, token);
  registerSubscriptionRoutes(app, deps, token);
  await registerUnsubscribeRoutes(app, deps);
  await registerPages(app, deps, token);
  await registerEmailPreviewRoutes(app, deps);
  await registerAdminBoard(app, deps.queues, token);
  return app;
}
