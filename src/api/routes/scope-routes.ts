import type { FastifyInstance } from 'fastify';
import type { ScopeKey, WatchScope } from '../../store/store.js';
import type { ApiDeps } from '../api-deps.js';
import type { ApiToken } from '../auth/api-token.js';
import { requireBearerToken } from '../auth/require-token.js';
import { documented } from '../doc-only-schema.js';
import { HttpError } from '../http-error.js';
import { scopeInput } from '../request-input.js';
import { BadInputError } from '../../errors.js';
import { resolveScopeNames } from '../../monitor/scope-names.js';

const sameScope = (a: ScopeKey, b: ScopeKey) => a.category === b.category && a.localAuthority === b.localAuthority && a.owner === b.owner;

/**
 * Watched scopes, as `watch add/remove --category [--la] [--owner]` and `watch list --json` know them.
 * POST answers 201 when the scope is new and 200 with the same scope when it was watched already.
 */
export function registerScopeRoutes(app: FastifyInstance, deps: Pick<ApiDeps, 'store'>, token: ApiToken): void {
  app.get('/api/scopes', documented('listScopes'), async () => deps.store.listWatchScopes());

  app.post('/api/scopes', { ...documented('addScope'), onRequest: requireBearerToken(token) }, async (request, reply) => {
    const given = scopeInput(request.body);
    // As `watch add --category`: names as the store and Ofsted spell them, a near miss refused with the nearest.
    const names = await resolveScopeNames(deps.store, { la: given.localAuthority, owner: given.owner }).catch((error: unknown) => {
      throw error instanceof BadInputError ? new HttpError(400, error.message) : error;
    });
    const scope: ScopeKey = { ...given, localAuthority: names.la ?? null, owner: names.owner ?? null };
    const added = await deps.store.addWatchScope(scope, new Date().toISOString());
    const stored: WatchScope | undefined = (await deps.store.listWatchScopes()).find((s) => sameScope(s, scope));
    if (!stored) throw new Error('a scope just added is not in the store');
    return reply.code(added ? 201 : 200).send(stored);
  });

  // The body names the scope; a client that cannot send a DELETE body may use the query instead.
  app.delete('/api/scopes', { ...documented('removeScope'), onRequest: requireBearerToken(token) }, async (request, reply) => {
    const scope = scopeInput(request.body ?? request.query);
    if (!(await deps.store.removeWatchScope(scope))) throw new HttpError(404, 'that scope is not watched');
    return reply.code(204).send();
  });
}
