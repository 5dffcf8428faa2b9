import type { FastifyInstance } from 'fastify';
import { addSubscriptions, removeMatchingSubscriptions } from '../../alerts/subscription-changes.js';
import { parseTarget, planSubscriptions, planUnsubscribe } from '../../alerts/subscription-request.js';
import { resolveScopeNames } from '../../monitor/scope-names.js';
import { BadInputError } from '../../errors.js';
import type { ApiDeps } from '../api-deps.js';
import type { ApiToken } from '../auth/api-token.js';
import { requireBearerToken } from '../auth/require-token.js';
import { documented } from '../doc-only-schema.js';
import { HttpError } from '../http-error.js';

interface IdParams {
  id: string;
}

/**
 * Alert subscriptions, with the same rules and JSON as `subscribe`, `unsubscribe` and `subscriptions --json`.
 * Every route needs the token, listing too: the list is people's email addresses.
 */
export function registerSubscriptionRoutes(app: FastifyInstance, deps: Pick<ApiDeps, 'store' | 'config'>, token: ApiToken): void {
  const auth = { onRequest: requireBearerToken(token) };

  app.get<{ Querystring: Record<string, unknown> }>('/api/subscriptions', { ...documented('listSubscriptions'), ...auth }, async (request) => {
    const { target, ...rest } = request.query;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw new HttpError(400, `unknown query parameter ${JSON.stringify(unknown)}: expected target`);
    if (target !== undefined && typeof target !== 'string') throw new HttpError(400, 'target: give it once, as text');
    const filter = target === undefined ? {} : { target: asHttp(() => parseTarget(target)).target };
    return { subscriptions: await deps.store.listSubscriptions(filter) };
  });

  app.post('/api/subscriptions', { ...documented('subscribe'), ...auth }, async (request, reply) => {
    if (request.body === undefined) throw new HttpError(400, 'send a JSON body: { "target": "<email or webhook URL>", "urn": "<URN>" }');
    asHttp(() => planSubscriptions(request.body)); // every field checked before the store is asked about names
    const body = request.body as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    // Stored as the store and Ofsted spell them; a near miss ('Darby') is a 400 naming the nearest.
    const names = await asHttpAsync(() => resolveScopeNames(deps.store, { la: text(body.la), owner: text(body.owner) }));
    const plan = asHttp(() => planSubscriptions({ ...body, ...names }));
    const result = await asHttpAsync(() =>
      addSubscriptions(deps.store, plan, new Date().toISOString(), { webhookAllowHosts: deps.config.WEBHOOK_ALLOW_HOSTS }),
    );
    // 201 when something new exists now; re-subscribing only updates events and mode, like watchlist's 200.
    const created = result.subscriptions.some((r) => r.created) || result.newlyWatched.length > 0;
    return reply.code(created ? 201 : 200).send({
      subscriptions: result.subscriptions.map((r) => r.subscription),
      watched: plan.watch,
      // Only in the answer that made it: the receiver verifies signatures with it.
      ...(result.signingSecret !== undefined && { signingSecret: result.signingSecret }),
    });
  });

  app.delete<{ Params: IdParams }>('/api/subscriptions/:id', { ...documented('removeSubscription'), ...auth }, async (request, reply) => {
    const removed = await deps.store.removeSubscriptions({ id: request.params.id });
    if (removed === 0) throw new HttpError(404, `no subscription ${JSON.stringify(request.params.id.slice(0, 80))}`);
    return reply.code(204).send();
  });

  // `?target=` alone removes every subscription of the target; urn, owner and la narrow it, as on the CLI.
  app.delete<{ Querystring: Record<string, unknown> }>('/api/subscriptions', { ...documented('removeSubscriptionsOfTarget'), ...auth }, async (request) => {
    if (request.query.target === undefined) {
      throw new HttpError(400, 'say whose subscriptions to remove: DELETE /api/subscriptions?target=<email or webhook URL>');
    }
    const scoped = ['urn', 'owner', 'la'].some((k) => request.query[k] !== undefined);
    const plan = asHttp(() => planUnsubscribe({ ...request.query, all: !scoped }));
    return { removed: await removeMatchingSubscriptions(deps.store, plan) };
  });
}

/** Run a check from subscription-request.ts; its bad-input error becomes a 400 with the same message. */
function asHttp<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof BadInputError) throw new HttpError(400, error.message);
    throw error;
  }
}

async function asHttpAsync<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof BadInputError) throw new HttpError(400, error.message);
    throw error;
  }
}
