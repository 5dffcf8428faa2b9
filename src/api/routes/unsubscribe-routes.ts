import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Subscription } from '../../alerts/types.js';
import { unsubscribeSecret, verifyUnsubscribe, type UnsubscribeTarget } from '../../alerts/unsubscribe-token.js';
import type { Store } from '../../store/store.js';
import type { ApiDeps } from '../api-deps.js';
import { confirmPage, donePage, invalidLinkPage, UNSUBSCRIBE_PAGE_CSP, type ShownSubscription } from './unsubscribe-page.js';

interface TokenQuery {
  token?: unknown;
}

/**
 * The link in every alert: `GET /unsubscribe?token=…` shows what it stops and a button; `POST` (that
 * button, or a mail client's RFC 8058 one-click `List-Unsubscribe=One-Click`) stops it. No API token:
 * the signed token is the credential, and it only ever removes what it names.
 */
export async function registerUnsubscribeRoutes(app: FastifyInstance, deps: Pick<ApiDeps, 'store'>): Promise<void> {
  let secret: Promise<string> | undefined;
  const getSecret = () => {
    // Kept once read; a failed read (database down) is tried again on the next request.
    secret ??= unsubscribeSecret(deps.store).catch((error: unknown) => {
      secret = undefined;
      throw error;
    });
    return secret;
  };

  // Encapsulated so the form-body parser and the page CSP apply to these two routes only.
  await app.register(async (scope) => {
    // One-click posts are form-encoded (or multipart); the body says nothing the token does not, so it is read and ignored.
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, _body, done) => done(null, undefined));
    scope.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', UNSUBSCRIBE_PAGE_CSP);
      return payload;
    });

    scope.get<{ Querystring: TokenQuery }>('/unsubscribe', async (request, reply) => {
      const target = await verified(request, getSecret);
      if (!target) return html(reply, 400, invalidLinkPage());
      const shown = await show(deps.store, await covered(deps.store, target));
      return html(reply, 200, confirmPage(shown, 'digestRecipient' in target ? target.digestRecipient : null));
    });

    scope.post<{ Querystring: TokenQuery }>('/unsubscribe', async (request, reply) => {
      const target = await verified(request, getSecret);
      if (!target) return html(reply, 400, invalidLinkPage());
      const subscriptions = await covered(deps.store, target);
      const shown = await show(deps.store, subscriptions);
      for (const s of subscriptions) await deps.store.removeSubscriptions({ id: s.id });
      request.log.info({ removed: subscriptions.length }, 'unsubscribed by link');
      return html(reply, 200, donePage(shown));
    });
  });
}

async function verified(request: FastifyRequest<{ Querystring: TokenQuery }>, secret: () => Promise<string>): Promise<UnsubscribeTarget | null> {
  const token = request.query.token;
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return null;
  return verifyUnsubscribe(token, await secret());
}

/** The subscriptions a token covers now: its one, or every digest subscription of the recipient. */
async function covered(store: Store, target: UnsubscribeTarget): Promise<Subscription[]> {
  if ('subscriptionId' in target) {
    const s = await store.getSubscription(target.subscriptionId);
    return s ? [s] : [];
  }
  return (await store.listSubscriptions({ target: target.digestRecipient })).filter((s) => s.mode === 'digest');
}

async function show(store: Store, subscriptions: readonly Subscription[]): Promise<ShownSubscription[]> {
  const shown: ShownSubscription[] = [];
  for (const subscription of subscriptions) {
    const provider = subscription.scope === 'urn' && subscription.value ? await store.getProvider(subscription.value) : null;
    shown.push({ subscription, providerName: provider?.name ?? null });
  }
  return shown;
}

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}
