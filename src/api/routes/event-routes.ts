import type { FastifyInstance } from 'fastify';
import { EVENT_TYPES, type EventType } from '../../ofsted/vocabulary.js';
import { DECLINE_TYPES } from '../../store/list-queries.js';
import type { EventListFilter } from '../../store/store.js';
import type { ApiDeps } from '../api-deps.js';
import { documented } from '../doc-only-schema.js';
import { HttpError } from '../http-error.js';
import { ANY_DECLINE } from '../pages/events-filter.js';
import { spellingsOf } from '../pages/watchlist-filter.js';
import { decodeCursor, encodeCursor, pageParams, sendPage } from '../paging.js';
import { eventFilter } from '../request-input.js';

/** `?type=`, `?la=`, `?owner=`: the events page's filters, strict as the API is (a bad value is a 400, never "match all"). */
async function narrowing(query: unknown, store: ApiDeps['store']): Promise<EventListFilter> {
  const q = (query ?? {}) as Record<string, unknown>;
  const one = (name: string): string | undefined => {
    const v = q[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') throw new HttpError(400, `${name}: give it once, as text`);
    return v.trim();
  };
  const out: EventListFilter = {};
  const type = one('type');
  if (type === ANY_DECLINE) out.types = DECLINE_TYPES;
  else if (type !== undefined) {
    if (!(EVENT_TYPES as readonly string[]).includes(type)) throw new HttpError(400, `type: one of ${[ANY_DECLINE, ...EVENT_TYPES].join(', ')}`);
    out.type = type as EventType;
  }
  // Names match as subscriptions match them (case, spacing, apostrophes ignored): their stored spellings.
  const la = one('la');
  if (la !== undefined) out.localAuthorities = spellingsOf(await store.listNames('localAuthority'), la);
  const owner = one('owner');
  if (owner !== undefined) out.owners = spellingsOf(await store.listNames('owner'), owner);
  return out;
}

/**
 * GET /api/events?since=<ISO date>&urn=<URN>&type=<type|decline>&la=<name>&owner=<name>: stored change events,
 * oldest first (as `events --json`), one page at a time (paging.ts); the cursor is the last event's insertion number.
 */
export function registerEventRoutes(app: FastifyInstance, deps: Pick<ApiDeps, 'store'>): void {
  app.get('/api/events', documented('listEvents'), async (request, reply) => {
    const filter = { ...eventFilter(request.query), ...(await narrowing(request.query, deps.store)) };
    const { limit, cursor } = pageParams(request.query);
    const afterSeq = cursor === undefined ? undefined : (decodeCursor('events', cursor, ['number'])[0] as number);
    const rows = await deps.store.pageEvents({ ...filter, order: 'oldest-first', limit: limit + 1, ...(afterSeq === undefined ? {} : { afterSeq }) });
    return sendPage(request, reply, rows, limit, (last) => encodeCursor('events', [last.seq]), (items) => items.map((r) => r.event));
  });
}
