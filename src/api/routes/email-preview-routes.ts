import type { FastifyInstance, FastifyReply } from 'fastify';
import { publicUrl } from '../../alerts/alert-deps.js';
import type { ApiDeps } from '../api-deps.js';
import { emailPreview } from '../pages/email-preview.js';
import { messagePage } from '../pages/message-page.js';

/**
 * The email's HTML styles every element inline (mail clients want that), so this page allows inline
 * styles, and the site's stylesheet for the 404 page; still no script, frame, form or outside request.
 */
export const EMAIL_PREVIEW_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

interface IdParams {
  id: string;
}

/** GET /events/<id>/email (HTML) and /events/<id>/email.txt: the alert email an event sends. */
export async function registerEmailPreviewRoutes(app: FastifyInstance, deps: Pick<ApiDeps, 'store' | 'config'>): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', EMAIL_PREVIEW_CSP);
      return payload;
    });

    const preview = async (id: string, reply: FastifyReply) => {
      const event = await deps.store.getEvent(id);
      if (!event) {
        reply.code(404).type('text/html; charset=utf-8').send(messagePage({ title: 'No such event', message: `No stored event has the id "${id}".` }));
        return null;
      }
      return emailPreview(event, deps.store, publicUrl(deps.config));
    };

    scope.get<{ Params: IdParams }>('/events/:id/email', async (request, reply) => {
      const p = await preview(request.params.id, reply);
      return p ? reply.type('text/html; charset=utf-8').send(p.html) : reply;
    });
    scope.get<{ Params: IdParams }>('/events/:id/email.txt', async (request, reply) => {
      const p = await preview(request.params.id, reply);
      return p ? reply.type('text/plain; charset=utf-8').send(p.text) : reply;
    });
  });
}
