import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './http-error.js';

// Paging of the JSON API's lists (issue 11). Every list answers one page: `?limit=` items (default 100,
// at most 1000) from `?cursor=`. Bodies keep the shapes the CLI prints (a bare array stays an array); the
// next page is told in headers, as GitHub's API does: `Link: <…>; rel="next"` and `X-Next-Cursor`, both
// absent on the last page. A cursor is the key of the last item given (not an offset), so items added
// while a client walks the list are neither repeated nor skipped.

/** Items per page when `limit` is not given. */
export const DEFAULT_PAGE_SIZE = 100;
/** The most items one page gives; a larger `limit` is capped to it. */
export const MAX_PAGE_SIZE = 1000;

/** Which list a cursor belongs to: a cursor of one list given to another is refused, not misread. */
export type CursorList = 'events' | 'providers' | 'watchlist';

type Key = (string | number)[];

/** An opaque cursor for the item whose sort key is `key`. */
export function encodeCursor(list: CursorList, key: Key): string {
  return Buffer.from(JSON.stringify([list, ...key]), 'utf8').toString('base64url');
}

/** The key a cursor of `list` holds, checked against the shape `shape` gives; a 400 for anything else. */
export function decodeCursor(list: CursorList, raw: string, shape: readonly ('string' | 'number')[]): Key {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const ok =
    Array.isArray(parsed) &&
    parsed[0] === list &&
    parsed.length === shape.length + 1 &&
    shape.every((type, i) => typeof parsed[i + 1] === type && (type === 'string' || Number.isSafeInteger(parsed[i + 1])));
  if (!ok) throw new HttpError(400, `cursor: not a cursor this list gave out; start again without it`);
  return (parsed as unknown[]).slice(1) as Key;
}

export interface PageParams {
  limit: number;
  cursor?: string;
}

/** `?limit=` and `?cursor=` of a list request; a malformed or repeated one is a 400 with one line. */
export function pageParams(query: unknown): PageParams {
  const q = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  const once = (name: string): string | undefined => {
    const value = q[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new HttpError(400, `${name}: give it once, as text`);
    return value;
  };
  const rawLimit = once('limit');
  const cursor = once('cursor');
  let limit = DEFAULT_PAGE_SIZE;
  if (rawLimit !== undefined) {
    if (!/^\d{1,9}$/.test(rawLimit) || Number(rawLimit) < 1) {
      throw new HttpError(400, `limit: a whole number of items from 1 to ${MAX_PAGE_SIZE}, not ${JSON.stringify(rawLimit.slice(0, 20))}`);
    }
    limit = Math.min(Number(rawLimit), MAX_PAGE_SIZE);
  }
  return cursor === undefined || cursor === '' ? { limit } : { limit, cursor };
}

/**
 * Send one page: `rows` were read with `limit + 1`, so a row beyond the limit means there is a next
 * page, which starts after the last row sent.
 */
export function sendPage<T, R>(
  request: FastifyRequest,
  reply: FastifyReply,
  rows: readonly T[],
  limit: number,
  next: (last: T) => string,
  body: (items: T[]) => R,
): R {
  const items = rows.slice(0, limit);
  if (rows.length > limit && items.length > 0) {
    const cursor = next(items.at(-1)!);
    const url = new URL(request.url, 'http://localhost');
    url.searchParams.set('cursor', cursor);
    reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
    reply.header('x-next-cursor', cursor);
  }
  return body(items);
}
