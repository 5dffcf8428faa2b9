// Turning what a user typed (CLI flags or an HTTP body) into subscriptions, with one set of rules and one
// set of one-line error messages for both. Pure: nothing here opens the store.
import { z } from 'zod';
import { BadInputError } from '../errors.js';
import { EVENT_TYPES, type EventType } from '../ofsted/vocabulary.js';
import { parseUrn } from '../ofsted/urn.js';
import { sameName } from './match-subscriptions.js';
import { DEFAULT_ALERT_EVENTS, type Channel, type NewSubscription, type Subscription } from './types.js';

/** The shorthand `decline` (the default events) and `any` (every event type) besides the type names. */
export const EVENT_SHORTHANDS = { decline: DEFAULT_ALERT_EVENTS, any: EVENT_TYPES } as const;

/** `subscribe` as raw input: the HTTP body as posted, or the CLI's flags in the same shape. */
export interface SubscriptionRequest {
  target: string;
  urn?: string | string[];
  owner?: string;
  la?: string;
  /** Names or shorthands; a string is a comma list. @defaultValue `decline` */
  events?: string | string[];
  /** Mode `digest` instead of `immediate`. @defaultValue false */
  digest?: boolean;
}

export interface PlannedSubscriptions {
  /** One per scope given (each URN, the owner, the LA), or one `all` when none is. */
  subscriptions: NewSubscription[];
  /** The URNs subscribed to by URN: they go on the watchlist so the daemon sweeps them. */
  watch: string[];
}

/** `unsubscribe` as raw input: which of a target's subscriptions to remove. */
export interface UnsubscribeRequest {
  target: string;
  urn?: string | string[];
  owner?: string;
  la?: string;
  /** Every subscription of the target. */
  all?: boolean;
}

const MAX_NAME_LENGTH = 200;
const MAX_TARGET_LENGTH = 2048;
const MAX_URNS = 500;

const text = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'give it as text') });
const textList = z.union([text, z.array(text, { error: 'give it as text or a list of texts' })], {
  error: 'give it as text or a list of texts',
});

const SubscribeBody = z.strictObject(
  {
    target: text,
    urn: textList.optional(),
    owner: text.optional(),
    la: text.optional(),
    events: textList.optional(),
    digest: z.boolean({ error: 'give it as true or false' }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'the body must be a JSON object') },
);

const UnsubscribeBody = z.strictObject({
  target: text,
  urn: textList.optional(),
  owner: text.optional(),
  la: text.optional(),
  all: z.boolean({ error: 'give it as true or false' }).optional(),
});

/** Check raw `subscribe` input (any shape) and plan the subscriptions it asks for; BadInputError otherwise. */
export function planSubscriptions(input: unknown): PlannedSubscriptions {
  const request = checked(SubscribeBody, input ?? {});
  const { channel, target } = parseTarget(request.target);
  const urns = parseUrns(request.urn);
  const owner = parseName(request.owner, 'owner');
  const la = parseName(request.la, 'la');
  const events = parseEvents(request.events);
  const mode = request.digest ? 'digest' : 'immediate';

  const base = { channel, target, events, mode } as const;
  const subscriptions: NewSubscription[] = urns.map((urn) => ({ ...base, scope: 'urn', value: urn }));
  if (owner !== null) subscriptions.push({ ...base, scope: 'owner', value: owner });
  if (la !== null) subscriptions.push({ ...base, scope: 'la', value: la });
  if (subscriptions.length === 0) subscriptions.push({ ...base, scope: 'all', value: null });
  return { subscriptions, watch: urns };
}

/**
 * Check raw `unsubscribe` input and return a predicate picking the target's subscriptions to remove.
 * Scopes narrow it; `all` takes every one; neither is refused (a bare target would be too easy to regret).
 */
export function planUnsubscribe(input: unknown): { target: string; matches: (s: Subscription) => boolean } {
  const request = checked(UnsubscribeBody, input ?? {});
  const { target } = parseTarget(request.target);
  const urns = parseUrns(request.urn);
  const owner = parseName(request.owner, 'owner');
  const la = parseName(request.la, 'la');
  const scoped = urns.length > 0 || owner !== null || la !== null;
  if (request.all && scoped) throw new BadInputError('give either --all or --urn/--owner/--la, not both');
  if (!request.all && !scoped) {
    throw new BadInputError(`say which subscriptions of ${target} to remove: --urn, --owner, --la, or --all for every one`);
  }
  return {
    target,
    matches: (s) =>
      s.target === target &&
      (request.all === true ||
        (s.scope === 'urn' && s.value !== null && urns.includes(s.value.toUpperCase())) ||
        (s.scope === 'owner' && owner !== null && sameName(s.value, owner)) ||
        (s.scope === 'la' && la !== null && sameName(s.value, la))),
  };
}

/**
 * An email address (trimmed, lower-cased) or an http(s) URL (a channel webhook, normalised by URL parsing
 * so `unsubscribe` finds what `subscribe` stored however it was typed).
 */
export function parseTarget(raw: string): { channel: Channel; target: string } {
  const input = raw.trim();
  const shown = JSON.stringify(input.length > 60 ? `${input.slice(0, 60)}…` : input);
  if (input.length > MAX_TARGET_LENGTH) throw new BadInputError(`the target is too long (over ${MAX_TARGET_LENGTH} characters)`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new BadInputError(`not a valid webhook URL: ${shown}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new BadInputError(`a webhook must be an http or https URL, not ${url.protocol.slice(0, -1)}: ${shown}`);
    }
    return { channel: 'webhook', target: url.href };
  }
  const email = input.toLowerCase();
  if (!isEmailAddress(email)) {
    throw new BadInputError(`not an email address or http(s) webhook URL: ${shown} (expected e.g. name@example.org)`);
  }
  return { channel: 'email', target: email };
}

/** Event names, `decline` and `any`, comma-separated or as a list; deduplicated in EVENT_TYPES order. */
export function parseEvents(raw: string | readonly string[] | undefined): EventType[] {
  if (raw === undefined) return [...DEFAULT_ALERT_EVENTS];
  const names = (typeof raw === 'string' ? [raw] : raw)
    .flatMap((s) => s.split(','))
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  if (names.length === 0) throw new BadInputError(`no event types given: ${validEventNames()}`);
  const chosen = new Set<EventType>();
  for (const name of names) {
    if (name in EVENT_SHORTHANDS) {
      for (const t of EVENT_SHORTHANDS[name as keyof typeof EVENT_SHORTHANDS]) chosen.add(t);
    } else if ((EVENT_TYPES as readonly string[]).includes(name)) {
      chosen.add(name as EventType);
    } else {
      throw new BadInputError(`unknown event type ${JSON.stringify(name)}: ${validEventNames()}`);
    }
  }
  return EVENT_TYPES.filter((t) => chosen.has(t));
}

/** `decline`, `any` or the names, for summaries: the shorthand when the list is exactly one. */
export function describeEvents(events: readonly EventType[]): string {
  const same = (a: readonly EventType[]) => a.length === events.length && a.every((t) => events.includes(t));
  if (same(DEFAULT_ALERT_EVENTS)) return 'decline';
  if (same(EVENT_TYPES)) return 'any';
  return events.join(',');
}

/** What a subscription covers, in words: `SC036243`, `owner "Derby City Council"`, `every watched provider`. */
export function describeScope(s: Pick<Subscription, 'scope' | 'value'>): string {
  switch (s.scope) {
    case 'urn':
      return s.value ?? '';
    case 'owner':
      return `owner ${JSON.stringify(s.value)}`;
    case 'la':
      return `local authority ${JSON.stringify(s.value)}`;
    case 'all':
      return 'every watched provider';
  }
}

function validEventNames(): string {
  return `use decline, any or ${EVENT_TYPES.join(', ')} (comma-separated)`;
}

function parseUrns(raw: string | string[] | undefined): string[] {
  const list = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
  if (list.length > MAX_URNS) throw new BadInputError(`too many URNs in one request (over ${MAX_URNS})`);
  return [...new Set(list.map(parseUrn))];
}

/** An owner or LA name: trimmed, inner spacing collapsed; case is kept (matching ignores it). */
function parseName(raw: string | undefined, what: 'owner' | 'la'): string | null {
  if (raw === undefined) return null;
  const name = raw.trim().replace(/\s+/g, ' ');
  const label = what === 'owner' ? 'owner' : 'local authority';
  if (name === '') throw new BadInputError(`the ${label} name is empty`);
  if (name.length > MAX_NAME_LENGTH) throw new BadInputError(`the ${label} name is too long (over ${MAX_NAME_LENGTH} characters)`);
  return name;
}

// Deliberately plain: one @, no spaces or characters that mean something in a mail header, and a domain of
// letter/digit labels with a dot (or `localhost`, for a local Mailpit). The mail server is the real judge.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function isEmailAddress(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.indexOf('@') !== at) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2 && domain !== 'localhost') return false;
  return labels.every((l) => DOMAIN_LABEL.test(l));
}

/** The input parsed by `schema`, or a BadInputError naming the first problem on one line. */
function checked<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    throw new BadInputError(`unknown field ${JSON.stringify(issue.keys[0])}: expected ${Object.keys(schemaShape(schema)).join(', ')}`);
  }
  const field = issue?.path.map(String).join('.') ?? '';
  if (field === '') throw new BadInputError(issue?.message ?? 'the input is not valid');
  const message = issue?.message ?? 'not valid';
  throw new BadInputError(message.startsWith('is ') ? `${field} ${message}` : `${field}: ${message}`);
}

function schemaShape(schema: z.ZodType): Record<string, unknown> {
  return schema instanceof z.ZodObject ? schema.shape : {};
}
