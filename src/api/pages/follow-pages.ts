// POST /follow/watch and /follow/subscribe: the declines and events views' forms, through the same rules as
// POST /api/watchlist/<URN> and POST /api/subscriptions (subscription-request.ts), answered with a page.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { addSubscriptions } from '../../alerts/subscription-changes.js';
import { planSubscriptions } from '../../alerts/subscription-request.js';
import { BadInputError } from '../../errors.js';
import { normaliseUrn } from '../../ofsted/urn.js';
import { html } from '../../render/html.js';
import type { ApiDeps } from '../api-deps.js';
import { adminSessionCookie } from '../auth/admin-session.js';
import type { ApiToken } from '../auth/api-token.js';
import { TOKEN_UNSET_MESSAGE } from '../auth/require-token.js';
import { messagePage } from './message-page.js';
import { checkScrapeCredentials, hasAdminSession } from './scrape-credentials.js';

type Body = Record<string, unknown>;

/** Where "back" may lead: a path of this site only (never `//host`, which a browser reads as another site). */
function backOf(body: Body): { href: string; label: string } {
  const raw = typeof body.back === 'string' ? body.back : '';
  const href = /^\/(?![/\\])[^\s]*$/.test(raw) && raw.length <= 1000 ? raw : '/';
  return { href, label: 'Back to the list' };
}

const text = (body: Body, name: string): string | undefined => {
  const v = body[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

export function registerFollowPages(app: FastifyInstance, deps: Pick<ApiDeps, 'store'>, token: ApiToken): void {
  const send = (reply: FastifyReply, status: number, o: Parameters<typeof messagePage>[0]) =>
    reply.code(status).type('text/html; charset=utf-8').send(messagePage(o));

  /** The token check both forms share; null when the request may go on. */
  function refused(request: { body: unknown; headers: { authorization?: string | undefined; cookie?: string | undefined } }, reply: FastifyReply, back: { href: string; label: string }) {
    const body = (request.body ?? {}) as Body;
    const auth = checkScrapeCredentials(token, { authorization: request.headers.authorization, cookie: request.headers.cookie, field: body.token });
    if (auth === 'unset') return send(reply, 503, { title: 'Watching and subscribing are switched off', message: TOKEN_UNSET_MESSAGE, back });
    if (auth === 'denied') {
      reply.header('www-authenticate', 'Bearer realm="ofsted-monitor"');
      return send(reply, 401, { title: 'Wrong or missing token', message: 'That is not the API token: go back and enter API_TOKEN.', back });
    }
    return null;
  }

  app.post('/follow/watch', async (request, reply) => {
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Body;
    const back = backOf(body);
    const denied = refused(request, reply, back);
    if (denied) return denied;
    const raw = text(body, 'urn') ?? '';
    const urn = normaliseUrn(raw);
    if (!urn) return send(reply, 400, { title: 'Not a URN', message: `not a URN: ${JSON.stringify(raw.slice(0, 40))} (expected SC + 6 digits, 5-7 digits, or EY + digits)`, back });
    const added = await deps.store.watchAdd([urn]);
    if (!hasAdminSession(token, request.headers.cookie)) reply.header('set-cookie', adminSessionCookie(token, request));
    return send(reply, added > 0 ? 201 : 200, {
      ok: true,
      title: added > 0 ? `Watching ${urn}` : `${urn} was already watched`,
      message: added > 0 ? `${urn} is on the watchlist now: every sweep checks it.` : `${urn} was on the watchlist already; nothing changed.`,
      extraHtml: html`<p><a href="/providers/${encodeURIComponent(urn)}">Open ${urn}</a></p>`,
      back,
    });
  });

  app.post('/follow/subscribe', async (request, reply) => {
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Body;
    const back = backOf(body);
    const denied = refused(request, reply, back);
    if (denied) return denied;
    const email = text(body, 'email') ?? '';
    // The page subscribes email addresses only: webhooks stay with the API and the CLI, which check their targets.
    if (!email || /^[a-z][a-z0-9+.-]*:/i.test(email)) {
      return send(reply, 400, { title: 'Not an email address', message: 'Enter the email address the declines should go to.', back });
    }
    const scope = { urn: text(body, 'urn'), la: text(body, 'la'), owner: text(body, 'owner') };
    if (!scope.urn && !scope.la && !scope.owner) {
      return send(reply, 400, { title: 'Nothing to subscribe to', message: 'Choose a provider, a local authority or an owner first.', back });
    }
    let plan: ReturnType<typeof planSubscriptions>;
    try {
      plan = planSubscriptions({ target: email, ...Object.fromEntries(Object.entries(scope).filter(([, v]) => v !== undefined)), events: 'decline' });
    } catch (error) {
      if (error instanceof BadInputError) return send(reply, 400, { title: 'Not subscribed', message: error.message, back });
      throw error;
    }
    const result = await addSubscriptions(deps.store, plan, new Date().toISOString());
    if (!hasAdminSession(token, request.headers.cookie)) reply.header('set-cookie', adminSessionCookie(token, request));
    const what = scope.urn ?? (scope.la ? `${scope.la} (local authority)` : `${scope.owner} (owner)`);
    const created = result.subscriptions.some((r) => r.created);
    return send(reply, created ? 201 : 200, {
      ok: true,
      title: created ? 'Subscribed' : 'Already subscribed',
      message: `${plan.subscriptions[0]!.target} ${created ? 'will now get' : 'already gets'} an email for each decline, enforcement notice or closure of ${what} (the "decline" alerts).`,
      back,
    });
  });
}
