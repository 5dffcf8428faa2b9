import { z } from 'zod';
import { BadInputError } from '../errors.js';
import { SEARCH_CATEGORY_CODES } from '../ofsted/site/search-page.js';
import { parseUrn } from '../ofsted/urn.js';
import type { EventFilter, ScopeKey, WatchCategory } from '../store/store.js';
import { HttpError } from './http-error.js';

// Path and query values checked before anything is read or queued; a bad one is a 400 with the same
// one-line message the CLI prints for it.

/** A URN from the path, trimmed and upper-cased; 400 when it is not one. */
export function urnParam(raw: string): string {
  try {
    return parseUrn(raw);
  } catch (error) {
    if (error instanceof BadInputError) throw new HttpError(400, error.message);
    throw error;
  }
}

const EventQuery = z.object({
  since: z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
      message: 'needs an ISO date such as 2019-10-01',
    })
    .optional(),
  urn: z.string().optional(),
});

/** `?since=<ISO date>&urn=<URN>` for GET /api/events, as the CLI's `events --since --urn`. */
export function eventFilter(query: unknown): EventFilter {
  const parsed = EventQuery.safeParse(query ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'query');
    throw new HttpError(400, `${name}: ${issue?.code === 'invalid_type' ? 'give it once, as text' : issue?.message}`);
  }
  const filter: EventFilter = {};
  if (parsed.data.since !== undefined) filter.since = parsed.data.since;
  if (parsed.data.urn !== undefined) filter.urn = urnParam(parsed.data.urn);
  return filter;
}

// BullMQ ids never contain ':' and ours are built from URNs, fileIds, ticks and '_' / '-'.
const JOB_ID = /^[A-Za-z0-9._-]{1,200}$/;

/** A job id from the path; 400 for anything no job of ours could be called. */
export function jobIdParam(raw: string): string {
  if (!JOB_ID.test(raw)) throw new HttpError(400, 'not a job id: expected letters, digits, ".", "_" or "-"');
  return raw;
}

const SweepQuery = z.object({ full: z.enum(['0', '1', 'true', 'false'], { message: 'use full=1 for the per-URN sweep, or leave it out' }).optional() }).passthrough();

/** `?full=1` of POST /api/sweeps: the per-URN sweep rather than discovery. */
export function fullSweepParam(query: unknown): boolean {
  const parsed = SweepQuery.safeParse(query ?? {});
  if (!parsed.success) throw new HttpError(400, `full: ${parsed.error.issues[0]?.code === 'invalid_type' ? 'give it once, as text' : 'use full=1 for the per-URN sweep, or leave it out'}`);
  return parsed.data.full === '1' || parsed.data.full === 'true';
}

const CATEGORIES = Object.keys(SEARCH_CATEGORY_CODES) as [WatchCategory, ...WatchCategory[]];
const optionalName = z
  .string()
  .transform((v) => v.trim().replace(/\s+/g, ' '))
  .optional();
const ScopeInput = z
  .object({
    category: z.string({ message: `category: give one of ${CATEGORIES.join(', ')}` }),
    la: optionalName,
    owner: optionalName,
  })
  .strict();

/**
 * The scope of POST/DELETE /api/scopes, from a JSON body or (DELETE) the query: `category` and optional
 * `la`/`owner`, cleaned as `watch add --category` cleans them; 400 with one line otherwise.
 */
export function scopeInput(raw: unknown): ScopeKey {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new HttpError(400, 'send { "category": "<category>", "la"?: "<local authority>", "owner"?: "<owner>" }');
  }
  const parsed = ScopeInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') throw new HttpError(400, `unknown field ${JSON.stringify(issue.keys[0])}: use category, la and owner`);
    const name = String(issue?.path[0] ?? 'category');
    throw new HttpError(400, name === 'category' ? `category: give one of ${CATEGORIES.join(', ')}` : `${name}: give it once, as text`);
  }
  const { category, la, owner } = parsed.data;
  if (!(CATEGORIES as string[]).includes(category)) {
    throw new HttpError(400, `unknown category ${JSON.stringify(category)}: use one of ${CATEGORIES.join(', ')}`);
  }
  return { category: category as WatchCategory, localAuthority: la || null, owner: owner || null };
}
