// JSON Schemas of the JSON API, for the OpenAPI document at /docs. Each object schema is checked by the
// compiler against the TypeScript shape it describes (a field added to ParsedReport, ChangeEvent or
// Subscription and not here fails `tsc`), and enums come from vocabulary.ts; tests/api/every-endpoint.test.ts
// checks real answers against them. They document only: see documented() in doc-only-schema.ts.
import type { SubscriptionRequest } from '../alerts/subscription-request.js';
import type { Channel, DeliveryMode, Subscription, SubscriptionScope } from '../alerts/types.js';
import type { ChangeEvent, Judgement, ParsedReport, StatutoryRequirement } from '../ofsted/types.js';
import { EVENT_TYPES, GRADES, INTERIM_OUTCOMES, REPORT_KINDS } from '../ofsted/vocabulary.js';
import type { HistoryEntry, ProviderRecord, WatchEntry, WatchScope } from '../store/store.js';
import { SEARCH_CATEGORY_CODES } from '../ofsted/site/search-page.js';
import type { ManualScrape } from '../../workers/manual-scrape.js';
import { JOB_SCHEDULERS } from '../../workers/queues.js';
import type { JobView } from './job-view.js';
import type { HealthAnswer } from './routes/health-routes.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging.js';

/** A JSON Schema (draft-07 keywords only, so fastify's own Ajv could compile it too) or an OpenAPI one. */
export type JsonSchema = { [keyword: string]: unknown };

/** Names of the shared schemas (`components.schemas`). */
export type SchemaId =
  | 'Error'
  | 'Provider'
  | 'ProviderDetail'
  | 'HistoryEntry'
  | 'ChangeEvent'
  | 'WatchEntry'
  | 'WatchScope'
  | 'ScopeRequest'
  | 'Subscription'
  | 'SubscriptionRequest'
  | 'Job'
  | 'ManualScrape'
  | 'Health';

/** The security scheme name state-changing operations list under `security`. */
export const BEARER_SCHEME = 'bearerAuth';

// --- helpers -------------------------------------------------------------------------------------------

type PropertiesOf<T> = { [K in keyof T]-?: JsonSchema };

/** Every member of a string union, checked complete by the compiler (a Record needs every key). */
function members<T extends string>(all: Record<T, true>): T[] {
  return Object.keys(all) as T[];
}

/** An object with exactly T's fields; all required unless named in `optional`. */
function objectOf<T>(description: string, properties: PropertiesOf<T>, optional: ReadonlyArray<keyof T & string> = []): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: Object.keys(properties).filter((k) => !optional.includes(k as keyof T & string)),
    properties,
  };
}

/** The schema, or null. */
function orNull(schema: JsonSchema): JsonSchema {
  const type = schema.type;
  const enumValues = schema.enum;
  return {
    ...schema,
    type: Array.isArray(type) ? [...type, 'null'] : [type, 'null'],
    ...(Array.isArray(enumValues) ? { enum: [...enumValues, null] } : {}),
  };
}

/** A reference to one of the shared schemas below (fastify's `$id#` form; @fastify/swagger rewrites it). */
function ref(id: SchemaId): JsonSchema {
  return { $ref: `${id}#` };
}

function text(description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: 'string', description, ...extra };
}

const isoDate = (description: string) => text(description, { format: 'date', examples: ['2019-10-29'] });
const isoTimestamp = (description: string) => text(description, { format: 'date-time', examples: ['2019-12-01T06:00:00.000Z'] });
const texts = (description: string): JsonSchema => ({ type: 'array', description, items: { type: 'string' } });
const grade = (description: string): JsonSchema => ({ type: 'string', description, enum: [...GRADES] });

const URN_DESCRIPTION = 'Ofsted unique reference number: SC + 6 digits, 5-7 digits, or EY + digits (case and surrounding spaces do not matter)';
const URN_EXAMPLE = 'SC036243';

// --- shared schemas (components.schemas) ---------------------------------------------------------------

const providerRecord = objectOf<ProviderRecord>('A provider as stored: what its Ofsted page last said, plus bookkeeping.', {
  urn: text('URN, upper-case', { examples: [URN_EXAMPLE] }),
  name: orNull(text('Name as the provider page gives it')),
  category: text('Ofsted site category path segment, e.g. "CARE" (social care) or "21" (schools)'),
  providerType: orNull(text("Provider type, e.g. \"Children's home\"")),
  localAuthority: orNull(text('Local authority')),
  owner: orNull(text('Registered owner, e.g. "Derby City Council"')),
  url: text('Provider page the details were read from', { format: 'uri' }),
  firstScrapedAt: orNull(isoTimestamp('First successful scrape; null before the baseline exists')),
  lastScrapedAt: orNull(isoTimestamp('Latest successful scrape')),
  closedAt: orNull(isoTimestamp('When Ofsted stopped listing the provider')),
});

const judgement = objectOf<Judgement>('One judgement area and its grade', {
  area: text("The area's name as the report prints it"),
  key: text('Stable key of the area, e.g. "experiences-and-progress"'),
  grade: grade('Grade given for the area'),
});

const requirement = objectOf<StatutoryRequirement>('A statutory requirement the report sets', {
  regulation: orNull(text('Regulation number as printed, e.g. "12" or "13(2)(a)"')),
  text: text('The requirement'),
  dueDate: orNull(isoDate('Date it must be met by')),
});

const parsedReportProperties: PropertiesOf<ParsedReport> = {
  urn: orNull(text('URN the report names')),
  kind: { type: 'string', description: 'Kind of inspection or visit', enum: [...REPORT_KINDS] },
  inspectionStart: orNull(isoDate('First day of the inspection')),
  inspectionEnd: orNull(isoDate('Last day of the inspection')),
  overall: orNull(grade('Overall effectiveness; null for visits and ungraded reports')),
  judgements: { type: 'array', description: 'Judgement areas and their grades', items: judgement },
  interimOutcome: orNull({ type: 'string', description: 'Outcome of an interim inspection', enum: [...INTERIM_OUTCOMES] }),
  previous: orNull({
    type: 'object',
    description: 'The previous inspection as this report states it',
    additionalProperties: false,
    required: ['date', 'overall'],
    properties: { date: orNull(isoDate('Date of the previous inspection')), overall: orNull(grade('Its overall grade')) },
  }),
  enforcementSinceLast: orNull(text('"none", or the report\'s own words about enforcement since the last inspection')),
  registeredProvider: orNull(text('Registered provider')),
  registeredManager: orNull(text('Registered manager')),
  inspectors: texts('Inspectors named'),
  requirements: { type: 'array', description: 'Statutory requirements', items: requirement },
  recommendations: texts('Recommendations'),
  keyFindings: texts('Key findings'),
  safeguarding: orNull({ type: 'string', description: 'Schools: whether safeguarding is effective', enum: ['met', 'not-met'] }),
  parserVersion: text('Version of the parser that read the PDF'),
  unreadable: texts('Fields the parser expected for this kind of report but could not read'),
};

const historyEntry = objectOf<HistoryEntry>('One inspection: the newest parsed report for it, and where it came from', {
  ...parsedReportProperties,
  fileId: text('Ofsted file id of the report PDF'),
  url: text('URL of the report PDF', { format: 'uri' }),
  publishedAt: orNull(isoDate('Publication date, as the provider page gives it in the report link')),
});

type ProviderDetail = ProviderRecord & { latestInspection: HistoryEntry | null };
const providerDetail = objectOf<ProviderDetail>('A stored provider with its newest inspection', {
  ...(providerRecord.properties as PropertiesOf<ProviderRecord>),
  latestInspection: { anyOf: [ref('HistoryEntry'), { type: 'null' }], description: 'Newest entry of its history; null when none is stored' },
});

const changeEvent = objectOf<ChangeEvent>('A change event, as `events --json` prints it', {
  id: text('Deterministic id: the same change is never stored twice'),
  urn: text('URN of the provider', { examples: [URN_EXAMPLE] }),
  type: { type: 'string', description: 'What changed', enum: [...EVENT_TYPES] },
  at: isoTimestamp('When the event was raised'),
  inspectionDate: orNull(isoDate('Date of the inspection it is about')),
  from: orNull(text('Value before (e.g. a grade)')),
  to: orNull(text('Value after (e.g. a grade)')),
  fileId: orNull(text('Report file it came from')),
  summary: text('One-line summary'),
  backfill: { type: 'boolean', description: 'True for events found in history when a provider was first scraped' },
  supersededBy: text('Present when the event no longer stands: the file id of a report that arrived later and came between the two it compared'),
  restates: text('Present when the event restates what an earlier, superseded event already told (it alerted nobody): that event\'s id'),
}, ['supersededBy', 'restates']);

const watchEntry = objectOf<WatchEntry>('A watched URN', {
  urn: text('URN', { examples: [URN_EXAMPLE] }),
  addedAt: isoTimestamp('When it was added'),
});

const scopeCategory = { type: 'string', description: 'Watch category', enum: Object.keys(SEARCH_CATEGORY_CODES) };

const watchScope = objectOf<WatchScope>('A watched scope: every provider of a category, optionally in one local authority and/or of one owner', {
  category: scopeCategory,
  localAuthority: orNull(text('Local authority; null: any', { examples: ['Derby'] })),
  owner: orNull(text('Owner (registered provider); null: any')),
  addedAt: isoTimestamp('When it was added'),
  baselinedAt: orNull(isoTimestamp('When its first pass watched every provider in it; null until then')),
});

const scopeRequest: JsonSchema = {
  type: 'object',
  description: 'A scope, as `watch add --category <c> [--la <name>] [--owner <name>]` names it',
  additionalProperties: false,
  required: ['category'],
  properties: {
    category: scopeCategory,
    la: text('Only this local authority', { examples: ['Derby'] }),
    owner: text('Only this owner (registered provider)'),
  },
};

const eventTypes = { type: 'array', description: 'Event types it is sent', items: { type: 'string', enum: [...EVENT_TYPES] } };

const subscription = objectOf<Subscription>('An alert subscription', {
  id: text('Subscription id'),
  channel: { type: 'string', description: 'How alerts go out', enum: members<Channel>({ email: true, webhook: true }) },
  target: text('Email address (lower-cased) or webhook URL'),
  scope: {
    type: 'string',
    description: 'Which providers it covers (`all`: every watched provider)',
    enum: members<SubscriptionScope>({ urn: true, owner: true, la: true, all: true }),
  },
  value: orNull(text('URN, owner name or local authority; null for scope `all`')),
  events: eventTypes,
  mode: {
    type: 'string',
    description: '`immediate`: one message per event; `digest`: one message a day',
    enum: members<DeliveryMode>({ immediate: true, digest: true }),
  },
  createdAt: isoTimestamp('When it was created'),
});

const textOrTexts = (description: string): JsonSchema => ({
  description,
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
});

const subscriptionRequest = objectOf<SubscriptionRequest>(
  'What to subscribe to (the rules of the `subscribe` command). One subscription per URN, owner and local authority given; none of them means every watched provider.',
  {
    target: text('Email address or http(s) webhook URL', { examples: ['carer@example.org'] }),
    urn: textOrTexts('URN or URNs; each is also put on the watchlist'),
    owner: text('Owner name, e.g. "Derby City Council"'),
    la: text('Local authority name'),
    events: textOrTexts(`Event types, a comma list or an array: \`decline\` (the default: the events that mean a provider got worse), \`any\`, or ${EVENT_TYPES.join(', ')}`),
    digest: { type: 'boolean', description: 'One message a day instead of one per event', default: false },
  },
  ['urn', 'owner', 'la', 'events', 'digest'],
);

const jobView = objectOf<JobView>("A queue job's state and outcome", {
  id: text('Job id'),
  queue: text('Queue it is in'),
  name: text('Job name'),
  state: text('BullMQ state: waiting, prioritized, active, delayed, completed, failed, ...'),
  progress: { description: 'Progress the job reported (any JSON)' },
  data: { description: "The job's input (any JSON)" },
  attemptsMade: { type: 'integer', minimum: 0, description: 'Attempts so far' },
  returnvalue: { description: "The processor's result once completed; null before" },
  failedReason: orNull(text('Why the last attempt failed')),
  createdAt: orNull(isoTimestamp('When it was added')),
  processedAt: orNull(isoTimestamp('When a worker last took it')),
  finishedAt: orNull(isoTimestamp('When it completed or failed for good')),
});

const manualScrape = objectOf<ManualScrape>('The provider job that will scrape the URN', {
  jobId: text('Id to poll at GET /api/jobs/{id}'),
  deduplicated: { type: 'boolean', description: 'True when a job for the URN was already pending and no new one was added' },
  state: text("The job's BullMQ state right after the call"),
});

const check = { type: 'string', enum: ['ok', 'unreachable'] };
const schedulerCheck = { type: 'string', enum: ['ok', 'missing', 'unknown'] };
const sweepHealth = objectOf<HealthAnswer['sweep']>('Discovery and the full sweep as Redis records them, whichever daemon runs them', {
  status: {
    type: 'string',
    enum: ['ok', 'overdue', 'unscheduled', 'unknown'],
    description: 'overdue: a due tick of either has not started within SWEEP_OVERDUE_MS (no worker took it); unscheduled: either scheduler is missing; unknown: Redis did not answer',
  },
  lastStartedAt: orNull(isoTimestamp('When the last discovery or sweep tick started; null when Redis holds no record of one')),
  nextDueAt: orNull(isoTimestamp('When the next tick of either scheduler is due')),
});
const health: JsonSchema = objectOf<HealthAnswer>('Whether Redis and the database answered (within 2 s) and the job schedulers are in place', {
  redis: check,
  db: check,
  schedulers: {
    type: 'object',
    description: 'Each job scheduler (in Redis, shared by every daemon): missing means nothing it drives will run until a daemon with the scheduler re-creates it',
    additionalProperties: false,
    required: JOB_SCHEDULERS.map((s) => s.id),
    properties: Object.fromEntries(JOB_SCHEDULERS.map((s) => [s.id, schedulerCheck])),
  },
  sweep: sweepHealth,
});

const errorBody: JsonSchema = {
  type: 'object',
  description: 'Every error: one line, fit to show to a person',
  additionalProperties: false,
  required: ['error'],
  properties: { error: text('What went wrong and, where it helps, what to do') },
};

const SHARED = {
  Error: errorBody,
  Provider: providerRecord,
  ProviderDetail: providerDetail,
  HistoryEntry: historyEntry,
  ChangeEvent: changeEvent,
  WatchEntry: watchEntry,
  WatchScope: watchScope,
  ScopeRequest: scopeRequest,
  Subscription: subscription,
  SubscriptionRequest: subscriptionRequest,
  Job: jobView,
  ManualScrape: manualScrape,
  Health: health,
} satisfies Record<string, JsonSchema>;


/** The shared schemas with their `$id`, for `app.addSchema` (they become `components.schemas`). */
export function sharedSchemas(): JsonSchema[] {
  // Copies: fastify and @fastify/swagger annotate the objects they are given.
  return Object.entries(SHARED).map(([id, schema]) => ({ $id: id, ...structuredClone(schema) }));
}

// --- per-route schemas -------------------------------------------------------------------------------

const TOKEN_ERRORS = {
  401: { description: 'No `Authorization: Bearer <API_TOKEN>` header, or a wrong token', ...ref('Error') },
  429: { description: 'Too many wrong tokens from this address: wait for `Retry-After` seconds', ...ref('Error') },
  503: { description: 'API_TOKEN is not set on the daemon: state-changing calls are off', ...ref('Error') },
};
const BAD_URN = { 400: { description: 'Not a URN', ...ref('Error') } };
const BAD_URN_OR_BODY = { 400: { description: 'Not a URN, or a request body that is not JSON', ...ref('Error') } };
const BEARER = [{ [BEARER_SCHEME]: [] }];

const urnParams: JsonSchema = {
  type: 'object',
  required: ['urn'],
  properties: { urn: text(URN_DESCRIPTION, { examples: [URN_EXAMPLE] }) },
};

const arrayOf = (id: SchemaId, description: string): JsonSchema => ({ type: 'array', description, items: ref(id) });

// Lists answer a page at a time (src/api/paging.ts): the body keeps its shape, the next page is in headers.
const PAGING_PARAMS = {
  limit: {
    type: 'integer',
    minimum: 1,
    default: DEFAULT_PAGE_SIZE,
    description: `Items per page; at most ${MAX_PAGE_SIZE} are given, whatever is asked`,
  },
  cursor: text('Where the page starts: the X-Next-Cursor (or the Link rel="next") of the page before; leave it out for the first page'),
};
const PAGE_HEADERS = {
  link: { type: 'string', description: 'The next page: `</path?...&cursor=...>; rel="next"`; absent on the last page' },
  'x-next-cursor': { type: 'string', description: 'The `cursor` of the next page; absent on the last page' },
};
const BAD_PAGE = 'a limit that is not a whole number from 1, a cursor this list did not give out, or either given twice';
/** A 200 answering one page of a list. */
const pageOf = (id: SchemaId, description: string): JsonSchema => ({ ...arrayOf(id, description), headers: PAGE_HEADERS });

/** The `schema` option of each JSON route, by route. */
export const ROUTE_SCHEMAS = {
  getHealth: {
    tags: ['operations'],
    summary: 'Health check',
    description:
      'Pings Redis and the database and reads the job schedulers from Redis. For probes: answers within a few seconds even when one hangs.',
    response: {
      200: { description: 'Both answered, every job scheduler is in place and the sweep is on time', ...ref('Health') },
      503: { description: 'Redis or the database did not answer, a job scheduler is missing, or the sweep is overdue', ...ref('Health') },
    },
  },
  getMetrics: {
    tags: ['operations'],
    summary: 'Prometheus metrics',
    description: 'Prometheus text exposition: job counts per queue and state, job schedulers present, seconds since the last sweep started, fetch latency, parse failures, events by type, process metrics.',
    response: {
      200: {
        description: 'Metrics in the Prometheus text format',
        content: { 'text/plain': { schema: { type: 'string' } } },
      },
    },
  },
  listProviders: {
    tags: ['providers'],
    summary: 'List stored providers',
    description: 'The providers scraped so far, in URN order, a page at a time: follow `Link` rel="next" (or pass `X-Next-Cursor` as `cursor`) until it is absent.',
    querystring: { type: 'object', additionalProperties: false, properties: PAGING_PARAMS },
    response: {
      200: pageOf('Provider', 'One page of stored providers'),
      400: { description: `Paging: ${BAD_PAGE}`, ...ref('Error') },
    },
  },
  getProvider: {
    tags: ['providers'],
    summary: 'One stored provider and its newest inspection',
    params: urnParams,
    response: {
      200: { description: 'The provider', ...ref('ProviderDetail') },
      ...BAD_URN,
      404: { description: 'Nothing stored for the URN yet (POST .../scrape fetches it)', ...ref('Error') },
    },
  },
  getHistory: {
    tags: ['providers'],
    summary: "A provider's inspection history",
    description: 'Every stored inspection, oldest first, as `history --json` prints it; an empty list when nothing is stored.',
    params: urnParams,
    response: { 200: arrayOf('HistoryEntry', 'Inspections, oldest first'), ...BAD_URN },
  },
  scrapeProvider: {
    tags: ['providers'],
    summary: 'Re-scrape a provider now',
    description:
      'Queues a high-priority provider job (as `scrape --queue`). While a job for the URN is pending, that job is answered instead of a second one. Poll the job at the Location given.',
    security: BEARER,
    params: urnParams,
    response: {
      202: {
        description: 'Queued (or already pending)',
        headers: { location: { type: 'string', description: 'The job: /api/jobs/{jobId}' } },
        ...ref('ManualScrape'),
      },
      ...BAD_URN_OR_BODY,
      ...TOKEN_ERRORS,
    },
  },
  listEvents: {
    tags: ['events'],
    summary: 'Change events',
    description:
      'Stored change events, oldest first, as `events --json` prints them, a page at a time: follow `Link` rel="next" (or pass `X-Next-Cursor` as `cursor`) until it is absent. Events stored while you walk come on later pages, none twice.',
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        since: text('Only events raised at or after this ISO date or timestamp', { examples: ['2019-10-01'] }),
        urn: text(`Only events of this provider. ${URN_DESCRIPTION}`, { examples: [URN_EXAMPLE] }),
        type: text('Only events of this type, or `decline` for any of rating-declined, judgement-declined and interim-declined (not enforcement)', { examples: ['decline'] }),
        la: text('Only events of providers in this local authority (case, spacing and apostrophes ignored, as subscriptions match)', { examples: ['Derby'] }),
        owner: text('Only events of providers of this owner (matched as `la` is)', { examples: ['Derby City Council'] }),
        ...PAGING_PARAMS,
      },
    },
    response: {
      200: pageOf('ChangeEvent', 'One page of events, oldest first'),
      400: { description: `since is not an ISO date, urn is not a URN, type is not an event type or decline, a parameter is given twice, or paging: ${BAD_PAGE}`, ...ref('Error') },
    },
  },
  startSweep: {
    tags: ['jobs'],
    summary: 'Run discovery now, or the full per-URN sweep',
    description:
      "Queues a discovery pass (as `sweep`): Ofsted's search is asked what each watched category published since the last pass, and those providers are scraped. With `full=1` (as `sweep --full`), every watched provider is read instead. While one asked for by hand is pending, its job is answered instead of a second one. Poll the job at the Location given.",
    security: BEARER,
    querystring: {
      type: 'object',
      properties: { full: { type: 'string', enum: ['0', '1', 'true', 'false'], description: '1: the per-URN sweep of everything watched instead of discovery' } },
    },
    response: {
      202: {
        description: 'Queued (or already pending)',
        headers: { location: { type: 'string', description: 'The job: /api/jobs/{jobId}' } },
        ...objectOf<{ jobId: string }>('The sweep job', { jobId: text('Id to poll at GET /api/jobs/{id}') }),
      },
      400: { description: 'A `full` other than 0, 1, true or false, or a request body that is not JSON', ...ref('Error') },
      ...TOKEN_ERRORS,
    },
  },
  getJob: {
    tags: ['jobs'],
    summary: "A job's state and outcome",
    description: 'Any provider, report, sweep or notify job; finished jobs are kept only for a while.',
    params: {
      type: 'object',
      required: ['id'],
      properties: { id: text('Job id, as POST .../scrape answers it', { pattern: '^[A-Za-z0-9._-]{1,200}$' }) },
    },
    response: {
      200: { description: 'The job', ...ref('Job') },
      400: { description: 'Not a job id', ...ref('Error') },
      404: { description: 'No such job (or it finished and was removed)', ...ref('Error') },
    },
  },
  listWatchlist: {
    tags: ['watchlist'],
    summary: 'The watchlist',
    description: 'The URNs the daemon sweeps, in the order they were added, a page at a time (`Link` rel="next", `X-Next-Cursor`).',
    querystring: { type: 'object', additionalProperties: false, properties: PAGING_PARAMS },
    response: {
      200: pageOf('WatchEntry', 'One page of watched URNs'),
      400: { description: `Paging: ${BAD_PAGE}`, ...ref('Error') },
    },
  },
  addToWatchlist: {
    tags: ['watchlist'],
    summary: 'Watch a URN',
    security: BEARER,
    params: urnParams,
    response: {
      201: { description: 'Added', ...watchCounts('added', 'alreadyWatched') },
      200: { description: 'Already watched', ...watchCounts('added', 'alreadyWatched') },
      ...BAD_URN_OR_BODY,
      ...TOKEN_ERRORS,
    },
  },
  removeFromWatchlist: {
    tags: ['watchlist'],
    summary: 'Stop watching a URN',
    security: BEARER,
    params: urnParams,
    response: {
      200: { description: 'Removed, or it was not watched (the counts say which)', ...watchCounts('removed', 'notWatched') },
      ...BAD_URN_OR_BODY,
      ...TOKEN_ERRORS,
    },
  },
  listScopes: {
    tags: ['watchlist'],
    summary: 'The watched scopes',
    description: 'Every watched scope (as `watch list --json` ends with), in the order they were added. Discovery watches each provider it finds inside one.',
    response: { 200: { description: 'The scopes', type: 'array', items: ref('WatchScope') } },
  },
  addScope: {
    tags: ['watchlist'],
    summary: 'Watch a scope',
    description: "Its first discovery pass lists the whole scope and watches every provider in it without alerting their past; later new providers in it alert.",
    security: BEARER,
    body: ref('ScopeRequest'),
    response: {
      201: { description: 'Added', ...ref('WatchScope') },
      200: { description: 'Already watched', ...ref('WatchScope') },
      400: { description: 'No body, not JSON, an unknown field or an unknown category', ...ref('Error') },
      ...TOKEN_ERRORS,
    },
  },
  removeScope: {
    tags: ['watchlist'],
    summary: 'Stop watching a scope',
    description: 'The scope as it was added, in the body or the query. The providers it brought stay watched (`watch remove` them).',
    security: BEARER,
    body: ref('ScopeRequest'),
    querystring: { type: 'object', properties: { category: scopeCategory, la: text('Local authority'), owner: text('Owner') } },
    response: {
      204: { description: 'Removed', type: 'null' },
      400: { description: 'Not JSON, an unknown field or an unknown category', ...ref('Error') },
      404: { description: 'That scope is not watched', ...ref('Error') },
      ...TOKEN_ERRORS,
    },
  },
  listSubscriptions: {
    tags: ['subscriptions'],
    summary: 'List alert subscriptions',
    description: 'Needs the token: the list holds email addresses. Oldest first.',
    security: BEARER,
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: { target: text('Only the subscriptions of this email address or webhook URL') },
    },
    response: {
      200: subscriptionList('The subscriptions'),
      400: { description: 'target is not an email address or webhook URL, or an unknown parameter', ...ref('Error') },
      ...TOKEN_ERRORS,
    },
  },
  subscribe: {
    tags: ['subscriptions'],
    summary: 'Subscribe to alerts',
    description: 'Subscribing again to the same scope updates its events and mode (200) rather than adding a second one.',
    security: BEARER,
    body: ref('SubscriptionRequest'),
    response: {
      201: subscribed('Created (or a URN was newly watched)'),
      200: subscribed('Already subscribed: events and mode updated'),
      400: {
        description: 'No body, not JSON, an unknown field, a bad target, URN or event type, or a webhook host that is not public (and not in WEBHOOK_ALLOW_HOSTS)',
        ...ref('Error'),
      },
      ...TOKEN_ERRORS,
    },
  },
  removeSubscription: {
    tags: ['subscriptions'],
    summary: 'Remove one subscription',
    security: BEARER,
    params: { type: 'object', required: ['id'], properties: { id: text('Subscription id') } },
    response: {
      204: { description: 'Removed', type: 'null' },
      400: { description: 'A request body that is not JSON', ...ref('Error') },
      404: { description: 'No such subscription', ...ref('Error') },
      ...TOKEN_ERRORS,
    },
  },
  removeSubscriptionsOfTarget: {
    tags: ['subscriptions'],
    summary: "Remove a target's subscriptions",
    description: '`?target=` alone removes every subscription of the target; urn, owner and la narrow it (as `unsubscribe`).',
    security: BEARER,
    querystring: {
      type: 'object',
      required: ['target'],
      additionalProperties: false,
      properties: {
        target: text('Email address or webhook URL'),
        urn: { ...textOrTexts('Only the subscriptions to this URN (repeat for several)'), examples: [URN_EXAMPLE] },
        owner: text('Only the subscription to this owner'),
        la: text('Only the subscription to this local authority'),
      },
    },
    response: {
      200: {
        description: 'How many were removed',
        type: 'object',
        additionalProperties: false,
        required: ['removed'],
        properties: { removed: { type: 'integer', minimum: 0 } },
      },
      400: { description: 'No target, a bad target, URN or name, or a request body that is not JSON', ...ref('Error') },
      ...TOKEN_ERRORS,
    },
  },
} satisfies Record<string, JsonSchema>;

function watchCounts(done: string, already: string): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: [done, already],
    properties: { [done]: { type: 'integer', enum: [0, 1] }, [already]: { type: 'integer', enum: [0, 1] } },
  };
}

function subscriptionList(description: string): JsonSchema {
  return {
    description,
    type: 'object',
    additionalProperties: false,
    required: ['subscriptions'],
    properties: { subscriptions: arrayOf('Subscription', 'Oldest first') },
  };
}

function subscribed(description: string): JsonSchema {
  const list = subscriptionList(description);
  return {
    ...list,
    required: ['subscriptions', 'watched'],
    properties: {
      subscriptions: arrayOf('Subscription', 'One per scope asked for'),
      watched: texts('The URNs subscribed to, all now on the watchlist'),
      signingSecret: text('A webhook target\'s Standard Webhooks secret (`whsec_…`), only in the answer that created it: keep it to verify `webhook-signature`'),
    },
  };
}
