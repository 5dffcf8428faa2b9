import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ALERT_EVENTS } from '../../src/alerts/types.js';
import { manualProviderJobId } from '../../workers/queues.js';
import { startApiFixture, TOKEN, type ApiFixture } from './support/api-fixture.js';
import { schemaProblems, type OpenApiDocument } from './support/schema-check.js';
import { HOME, SCHOOL, seedStore } from './support/seed.js';
import { event, parsed, provider, report } from '../store/builders.js';

// Every endpoint of the JSON API, its success and its 400/401/404/503 answers. Each answer is checked
// against what the OpenAPI document at /docs/json says of that operation and status: the status must
// be documented and the body must match the documented schema exactly (no undocumented field).

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  security?: unknown[];
}
interface Document extends OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}
interface Answer {
  status: number;
  body: any;
  headers: Headers;
}
interface CallInit {
  token?: string;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent verbatim as application/json (e.g. broken JSON). */
  rawJson?: string;
}

/** `METHOD /template status` of every answer seen in this file, for the last test. */
const seen = new Set<string>();

/** A second Derby home whose reports fill every field the seed leaves empty, so each is checked. */
const FULL_HOME = 'SC036109';

async function seedFullHome(store: ApiFixture['store']): Promise<void> {
  const full = parsed('2023-03-14', {
    urn: FULL_HOME,
    overall: 'requires-improvement',
    judgements: [
      { area: "The overall experiences and progress of children and young people", key: 'experiences-and-progress', grade: 'requires-improvement' },
      { area: 'How well children and young people are helped and protected', key: 'help-and-protection', grade: 'good' },
    ],
    previous: { date: '2022-01-10', overall: 'good' },
    registeredManager: 'A Manager',
    requirements: [
      { regulation: '12', text: 'The protection of children standard.', dueDate: '2023-05-01' },
      { regulation: null, text: 'A requirement citing no regulation.', dueDate: null },
    ],
    recommendations: ['Improve the recording of sanctions.'],
    keyFindings: ['Children are safe.'],
    unreadable: ['inspectors'],
  });
  const interim = parsed('2023-09-20', { urn: FULL_HOME, kind: 'childrens-home-interim', overall: null, judgements: [], interimOutcome: 'declined' });
  await store.recordScrape({
    provider: provider({ urn: FULL_HOME, name: 'Derby Full Home' }),
    reports: [report('70000001', '2023-04-01', full, FULL_HOME), report('70000002', null, interim, FULL_HOME), report('70000003', null, null, FULL_HOME)],
    events: [event('e-full-1', { urn: FULL_HOME, type: 'rating-declined', from: 'good', to: 'requires-improvement', fileId: '70000001' })],
    at: '2023-10-01T06:00:00.000Z',
  });
}

const MISSING_TOKEN = /^missing or wrong token: send Authorization: Bearer <API_TOKEN>$/;
const NOT_A_URN = /^not a URN: ".*" \(expected SC \+ 6 digits, 5-7 digits, or EY \+ digits\)$/;
const BAD_JSON = /^the request body is not valid JSON$/;

/** The ways a caller gets the token wrong: none, a wrong one, not as a bearer token. */
const WRONG_TOKENS: Array<Record<string, string>> = [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: `Basic ${TOKEN}` }];

function caller(fx: () => ApiFixture, doc: () => Document) {
  return async function call(method: string, path: string, init: CallInit = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    let body: string | undefined;
    if (init.json !== undefined || init.rawJson !== undefined) {
      headers['content-type'] = 'application/json';
      body = init.rawJson ?? JSON.stringify(init.json);
    }
    const res = await fx().fetch(path, { method, headers, body, token: init.token });
    const type = res.headers.get('content-type') ?? '';
    const text = await res.text();
    const parsed = type.startsWith('application/json') ? JSON.parse(text) : text;

    const [template, operation] = findOperation(doc(), method, path);
    const documented = operation.responses[String(res.status)];
    assert.ok(documented, `${method} ${path} answered ${res.status}, which /docs/json does not document: ${text.slice(0, 200)}`);
    seen.add(`${method} ${template} ${res.status}`);
    const content = documented.content ?? {};
    if (res.status === 204) {
      assert.equal(text, '');
      assert.deepEqual(content, {});
    } else {
      const mediaType = Object.keys(content).find((m) => type.startsWith(m));
      assert.ok(mediaType, `${method} ${path} ${res.status}: ${type} is not documented (${Object.keys(content).join(', ')})`);
      const problems = schemaProblems(content[mediaType]!.schema, parsed, doc());
      assert.deepEqual(problems, [], `${method} ${path} ${res.status} differs from its documented schema`);
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
}

function findOperation(doc: Document, method: string, path: string): [string, Operation] {
  const bare = path.split('?')[0] ?? path;
  for (const [template, methods] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const operation = methods[method.toLowerCase()];
    if (pattern.test(bare) && operation) return [template, operation];
  }
  throw new Error(`/docs/json has no operation for ${method} ${bare}`);
}

/** A one-line `{ error }` body with this status and message. */
function assertError(answer: Answer, status: number, message: RegExp, what = ''): void {
  assert.equal(answer.status, status, `${what} ${JSON.stringify(answer.body)}`);
  assert.deepEqual(Object.keys(answer.body), ['error'], what);
  assert.match(answer.body.error, message, what);
  assert.doesNotMatch(answer.body.error, /\n/, what);
}

/** Without the token, with a wrong one, or sent as Basic: 401, asking for the bearer token. */
async function assertRefused(call: ReturnType<typeof caller>, method: string, path: string, init: CallInit = {}): Promise<void> {
  for (const headers of WRONG_TOKENS) {
    const answer = await call(method, path, { ...init, headers });
    assertError(answer, 401, MISSING_TOKEN, `${method} ${path} ${JSON.stringify(headers)}`);
    assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer realm=/);
  }
}

let doc: Document;

describe('every endpoint, with the token set', () => {
  let fx: ApiFixture;
  const call = caller(() => fx, () => doc);

  before(async () => {
    fx = await startApiFixture();
    await seedStore(fx.store);
    await seedFullHome(fx.store);
    doc = (await (await fx.fetch('/docs/json')).json()) as Document;
  });
  after(() => fx?.close());

  it('GET /health answers 200 with redis and db ok and every job scheduler in place', async () => {
    const answer = await call('GET', '/health');
    assert.equal(answer.status, 200);
    assert.deepEqual([answer.body.redis, answer.body.db, answer.body.sweep.status], ['ok', 'ok', 'ok']);
    assert.deepEqual(Object.values(answer.body.schedulers), ['ok', 'ok', 'ok', 'ok']);
  });

  it('GET /metrics answers Prometheus text', async () => {
    const answer = await call('GET', '/metrics');
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(answer.body, /^# HELP ofsted_monitor_/m);
  });

  it('GET /api/providers answers every stored provider, every field as stored', async () => {
    const answer = await call('GET', '/api/providers');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, JSON.parse(JSON.stringify(await fx.store.listProviders())));
    assert.equal(answer.body.length, 3);
    assert.equal(answer.headers.get('link'), null, 'one page holds them all');
    const first = await call('GET', '/api/providers?limit=2');
    assert.equal(first.body.length, 2);
    const next = first.headers.get('x-next-cursor');
    assert.equal(first.headers.get('link'), `</api/providers?limit=2&cursor=${next}>; rel="next"`);
    const rest = await call('GET', `/api/providers?limit=2&cursor=${next}`);
    assert.deepEqual([...first.body, ...rest.body], answer.body);
    assert.equal(rest.headers.get('x-next-cursor'), null);

    assertError(await call('GET', '/api/providers?limit=0'), 400, /^limit: a whole number of items from 1 to 1000, not "0"$/);
    assertError(await call('GET', '/api/providers?cursor=bm9wZQ'), 400, /^cursor: not a cursor this list gave out; start again without it$/);
  });

  it('GET /api/providers/<URN> answers the provider with its newest inspection; 400 for a malformed URN, 404 for one never scraped', async () => {
    const answer = await call('GET', `/api/providers/${HOME.toLowerCase()}`);
    assert.equal(answer.status, 200);
    const history = JSON.parse(JSON.stringify(await fx.store.history(HOME)));
    assert.deepEqual(answer.body, { ...JSON.parse(JSON.stringify(await fx.store.getProvider(HOME))), latestInspection: history.at(-1) });
    // Nulls stay nulls: nothing is coerced on the way out.
    assert.equal(answer.body.closedAt, null);
    assert.equal(answer.body.latestInspection.interimOutcome, null);

    assertError(await call('GET', '/api/providers/NOTAURN'), 400, NOT_A_URN);
    assertError(await call('GET', '/api/providers/SC999999'), 404, /^nothing stored for SC999999 yet: POST \/api\/providers\/SC999999\/scrape to fetch it$/);
  });

  it('GET /api/providers/<URN>/history answers every inspection oldest first, [] when none; 400 for a malformed URN', async () => {
    const answer = await call('GET', `/api/providers/${HOME}/history`);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, JSON.parse(JSON.stringify(await fx.store.history(HOME))));
    assert.equal(answer.body.length, 2);
    const full = await call('GET', `/api/providers/${FULL_HOME}/history`);
    assert.deepEqual(full.body, JSON.parse(JSON.stringify(await fx.store.history(FULL_HOME))));
    assert.deepEqual(full.body.map((h: { interimOutcome: string | null }) => h.interimOutcome), [null, 'declined']);
    assert.equal(full.body[0].requirements[0].dueDate, '2023-05-01');
    assert.deepEqual((await call('GET', '/api/providers/123456/history')).body, []);
    assertError(await call('GET', '/api/providers/SC12/history'), 400, NOT_A_URN);
  });

  it('GET /api/events answers events oldest first, filtered by since and urn; 400 for a bad date, a malformed URN or a repeated parameter', async () => {
    const all = await call('GET', '/api/events');
    assert.equal(all.status, 200);
    assert.deepEqual(all.body, JSON.parse(JSON.stringify(await fx.store.listEvents())));
    const filtered = await call('GET', `/api/events?since=2019-06-01&urn=${HOME.toLowerCase()}`);
    assert.deepEqual(filtered.body.map((e: { id: string }) => e.id), ['e-home-2']);

    assertError(await call('GET', '/api/events?since=yesterday'), 400, /^since: needs an ISO date such as 2019-10-01$/);
    assertError(await call('GET', '/api/events?urn=12'), 400, NOT_A_URN);
    assertError(await call('GET', `/api/events?urn=${HOME}&urn=${SCHOOL}`), 400, /^urn: give it once, as text$/);
  });

  it('GET /api/watchlist answers the watched URNs without a token', async () => {
    await fx.store.watchAdd([SCHOOL]);
    const answer = await call('GET', '/api/watchlist');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, JSON.parse(JSON.stringify(await fx.store.watchList())));
    assert.deepEqual(answer.body.map((w: { urn: string }) => w.urn), [SCHOOL]);
    const events = await call('GET', '/api/events?limit=1');
    assertError(await call('GET', `/api/watchlist?cursor=${events.headers.get('x-next-cursor')}`), 400, /^cursor: not a cursor this list gave out/);
    assertError(await call('GET', '/api/watchlist?limit=1&limit=2'), 400, /^limit: give it once, as text$/);
  });

  it('POST /api/watchlist/<URN> answers 201 then 200 with the token; 401 without it; 400 for a malformed URN or a body that is not JSON', async () => {
    await assertRefused(call, 'POST', `/api/watchlist/${HOME}`);
    await assertRefused(call, 'POST', '/api/watchlist/NOTAURN');
    assert.deepEqual((await fx.store.watchList()).map((w) => w.urn), [SCHOOL], 'nothing added without the token');

    const added = await call('POST', `/api/watchlist/${HOME}`, { token: TOKEN });
    assert.equal(added.status, 201);
    assert.deepEqual(added.body, { added: 1, alreadyWatched: 0 });
    const again = await call('POST', `/api/watchlist/${HOME}`, { token: TOKEN });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { added: 0, alreadyWatched: 1 });

    assertError(await call('POST', '/api/watchlist/XX1', { token: TOKEN }), 400, NOT_A_URN);
    assertError(await call('POST', `/api/watchlist/${HOME}`, { token: TOKEN, rawJson: '{nope' }), 400, BAD_JSON);
  });

  it('DELETE /api/watchlist/<URN> answers 200 with counts with the token; 401 without it; 400 for a malformed URN or a body that is not JSON', async () => {
    await assertRefused(call, 'DELETE', `/api/watchlist/${HOME}`);
    assert.ok((await fx.store.watchList()).some((w) => w.urn === HOME), 'nothing removed without the token');

    const removed = await call('DELETE', `/api/watchlist/${HOME}`, { token: TOKEN });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body, { removed: 1, notWatched: 0 });
    assert.deepEqual((await call('DELETE', `/api/watchlist/${HOME}`, { token: TOKEN })).body, { removed: 0, notWatched: 1 });

    assertError(await call('DELETE', '/api/watchlist/EY', { token: TOKEN }), 400, NOT_A_URN);
    assertError(await call('DELETE', `/api/watchlist/${HOME}`, { token: TOKEN, rawJson: '[' }), 400, BAD_JSON);
  });

  it('POST /api/providers/<URN>/scrape answers 202 with the job id and its location; 401 without the token; 400 for a malformed URN or bad JSON', async () => {
    await assertRefused(call, 'POST', `/api/providers/${HOME}/scrape`);
    assert.equal(await fx.queues.provider.getJob(manualProviderJobId(HOME)), undefined, 'nothing queued without the token');

    const queued = await call('POST', `/api/providers/${HOME}/scrape`, { token: TOKEN });
    assert.equal(queued.status, 202);
    assert.deepEqual(queued.body, { jobId: manualProviderJobId(HOME), deduplicated: false, state: 'prioritized' });
    assert.equal(queued.headers.get('location'), `/api/jobs/${queued.body.jobId}`);

    assertError(await call('POST', '/api/providers/SC12345/scrape', { token: TOKEN }), 400, NOT_A_URN);
    assertError(await call('POST', `/api/providers/${HOME}/scrape`, { token: TOKEN, rawJson: '{"urn":' }), 400, BAD_JSON);
  });

  it('POST /api/sweeps answers 202 with a discovery job (?full=1: a full sweep), the pending one when asked twice; 401 without the token; 400 for a bad full', async () => {
    await assertRefused(call, 'POST', '/api/sweeps');
    const manual = async () => (await fx.queues.sweep.getJobs(['waiting', 'prioritized', 'delayed'])).filter((j) => j.id?.startsWith('manual-'));
    assert.equal((await manual()).length, 0, 'nothing queued without the token');

    const discovery = await call('POST', '/api/sweeps', { token: TOKEN });
    assert.equal(discovery.status, 202);
    assert.match(discovery.body.jobId, /^manual-discovery-\d+$/);
    assert.equal(discovery.headers.get('location'), `/api/jobs/${discovery.body.jobId}`);
    assert.equal((await fx.queues.sweep.getJob(discovery.body.jobId))?.name, 'discovery');
    assert.equal((await call('POST', '/api/sweeps?full=0', { token: TOKEN })).body.jobId, discovery.body.jobId, 'one pending at a time');

    const full = await call('POST', '/api/sweeps?full=1', { token: TOKEN });
    assert.equal(full.status, 202);
    assert.match(full.body.jobId, /^manual-full-sweep-\d+$/);
    assert.equal((await fx.queues.sweep.getJob(full.body.jobId))?.name, 'sweep');

    assertError(await call('POST', '/api/sweeps?full=yes', { token: TOKEN }), 400, /^full: use full=1 for the per-URN sweep, or leave it out$/);
    assertError(await call('POST', '/api/sweeps', { token: TOKEN, rawJson: '{' }), 400, BAD_JSON);
    for (const job of await manual()) await job.remove();
  });

  it('POST /api/scopes answers 201 with the scope, 200 with the same scope again; 401 without the token; 400 for an unknown category, field or bad JSON', async () => {
    const derbyHomes = { category: 'childrens-homes', la: '  Derby ', owner: 'Derby  City Council' };
    await assertRefused(call, 'POST', '/api/scopes', { json: derbyHomes });
    assert.deepEqual(await fx.store.listWatchScopes(), [], 'nothing added without the token');

    const added = await call('POST', '/api/scopes', { token: TOKEN, json: derbyHomes });
    assert.equal(added.status, 201);
    assert.equal(typeof added.body.addedAt, 'string');
    assert.deepEqual(added.body, { category: 'childrens-homes', localAuthority: 'Derby', owner: 'Derby City Council', addedAt: added.body.addedAt, baselinedAt: null });
    const again = await call('POST', '/api/scopes', { token: TOKEN, json: { category: 'childrens-homes', la: 'Derby', owner: 'Derby City Council' } });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, added.body);
    assert.equal((await call('POST', '/api/scopes', { token: TOKEN, json: { category: 'schools' } })).status, 201);

    assertError(await call('POST', '/api/scopes', { token: TOKEN, json: { category: 'zoos' } }), 400, /^unknown category "zoos": use one of childrens-homes, la-childrens-services, schools, early-years$/);
    assertError(await call('POST', '/api/scopes', { token: TOKEN, json: { category: 'schools', town: 'Derby' } }), 400, /^unknown field "town": use category, la and owner$/);
    assertError(await call('POST', '/api/scopes', { token: TOKEN, json: { category: 'schools', la: 'Darby' } }), 400, /^no local authority called 'Darby'; did you mean 'Derby'\?$/);
    assertError(await call('POST', '/api/scopes', { token: TOKEN }), 400, /^send \{ "category"/);
    assertError(await call('POST', '/api/scopes', { token: TOKEN, rawJson: '{"category":' }), 400, BAD_JSON);
    assert.equal((await fx.store.listWatchScopes()).length, 2);
  });

  it('GET /api/scopes lists the watched scopes in the order they were added', async () => {
    const listed = await call('GET', '/api/scopes');
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.map((s: { category: string; localAuthority: string | null; owner: string | null }) => [s.category, s.localAuthority, s.owner]),
      [['childrens-homes', 'Derby', 'Derby City Council'], ['schools', null, null]],
    );
  });

  it('DELETE /api/scopes answers 204 for a watched scope (body or query), 404 for one not watched; 401 without the token; 400 for an unknown category', async () => {
    await assertRefused(call, 'DELETE', '/api/scopes?category=schools');
    assert.equal((await fx.store.listWatchScopes()).length, 2, 'nothing removed without the token');

    const byBody = await call('DELETE', '/api/scopes', { token: TOKEN, json: { category: 'childrens-homes', la: 'Derby', owner: 'Derby City Council' } });
    assert.equal(byBody.status, 204);
    assert.equal((await call('DELETE', '/api/scopes?category=schools', { token: TOKEN })).status, 204);
    assert.deepEqual(await fx.store.listWatchScopes(), []);
    assertError(await call('DELETE', '/api/scopes?category=schools', { token: TOKEN }), 404, /^that scope is not watched$/);
    assertError(await call('DELETE', '/api/scopes?category=zoos', { token: TOKEN }), 400, /^unknown category "zoos"/);
    assertError(await call('DELETE', '/api/scopes', { token: TOKEN, rawJson: '[' }), 400, BAD_JSON);
  });

  it('GET /api/jobs/<id> answers the queued job; 400 for an id no job could have; 404 for an unknown one', async () => {
    const job = await call('GET', `/api/jobs/${manualProviderJobId(HOME)}`);
    assert.equal(job.status, 200);
    assert.equal(job.body.id, manualProviderJobId(HOME));
    assert.deepEqual(job.body.data, { urn: HOME, reason: 'manual' });
    assert.equal(job.body.returnvalue, null);
    assert.equal(job.body.finishedAt, null);

    assertError(await call('GET', `/api/jobs/${encodeURIComponent('a:b')}`), 400, /^not a job id: expected letters, digits, "\.", "_" or "-"$/);
    assertError(await call('GET', '/api/jobs/provider_SC000000_never'), 404, /^no job provider_SC000000_never \(finished jobs are kept only for a while\)$/);
  });

  let subscriptionId: string;

  it('POST /api/subscriptions answers 201, then 200 for the same scope; 401 without the token; 400 for a bad body or bad JSON', async () => {
    const body = { target: 'Carer@Example.org', urn: HOME, owner: 'Derby City Council' };
    await assertRefused(call, 'POST', '/api/subscriptions', { json: body });
    assert.deepEqual(await fx.store.listSubscriptions(), [], 'nothing stored without the token');

    const created = await call('POST', '/api/subscriptions', { token: TOKEN, json: body });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body.watched, [HOME]);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    assert.deepEqual([...created.body.subscriptions].sort(byId), JSON.parse(JSON.stringify(await fx.store.listSubscriptions())).sort(byId));
    assert.deepEqual(created.body.subscriptions.map((s: { scope: string }) => s.scope), ['urn', 'owner']);
    assert.deepEqual(created.body.subscriptions[0].events, [...DEFAULT_ALERT_EVENTS]);
    subscriptionId = created.body.subscriptions[0].id;
    const again = await call('POST', '/api/subscriptions', { token: TOKEN, json: { ...body, events: 'any', digest: true } });
    assert.equal(again.status, 200);
    assert.equal(again.body.subscriptions[0].id, subscriptionId);
    assert.equal(again.body.subscriptions[0].mode, 'digest');

    assertError(await call('POST', '/api/subscriptions', { token: TOKEN, json: { target: 'x@example.org', urn: 'SC1' } }), 400, NOT_A_URN);
    assertError(await call('POST', '/api/subscriptions', { token: TOKEN, json: { target: 'x@example.org', urns: [HOME] } }), 400, /^unknown field "urns": expected target, urn, owner, la, events, digest$/);
    assertError(await call('POST', '/api/subscriptions', { token: TOKEN, json: { target: 'x@example.org', digest: 'yes' } }), 400, /^digest: give it as true or false$/);
    assertError(await call('POST', '/api/subscriptions', { token: TOKEN }), 400, /^send a JSON body: /);
    assertError(await call('POST', '/api/subscriptions', { token: TOKEN, rawJson: '{"target":' }), 400, BAD_JSON);
    assert.equal((await fx.store.listSubscriptions()).length, 2, 'no bad request stored anything');
  });

  it('GET /api/subscriptions answers { subscriptions }, of one target when asked; 401 without the token; 400 for a bad target or parameter', async () => {
    await assertRefused(call, 'GET', '/api/subscriptions');
    const all = await call('GET', '/api/subscriptions', { token: TOKEN });
    assert.equal(all.status, 200);
    assert.deepEqual(all.body, { subscriptions: JSON.parse(JSON.stringify(await fx.store.listSubscriptions())) });
    const none = await call('GET', '/api/subscriptions?target=other@example.org', { token: TOKEN });
    assert.deepEqual(none.body, { subscriptions: [] });

    assertError(await call('GET', '/api/subscriptions?target=nope', { token: TOKEN }), 400, /^not an email address or http\(s\) webhook URL: "nope"/);
    assertError(await call('GET', '/api/subscriptions?urn=SC036243', { token: TOKEN }), 400, /^unknown query parameter "urn": expected target$/);
    assertError(await call('GET', '/api/subscriptions?target=a@example.org&target=b@example.org', { token: TOKEN }), 400, /^target: give it once, as text$/);
  });

  it('DELETE /api/subscriptions/<id> answers 204 with no body, then 404; 401 without the token; 400 for bad JSON', async () => {
    await assertRefused(call, 'DELETE', `/api/subscriptions/${subscriptionId}`);
    assert.ok(await fx.store.getSubscription(subscriptionId), 'still there without the token');
    assertError(await call('DELETE', `/api/subscriptions/${subscriptionId}`, { token: TOKEN, rawJson: '{' }), 400, BAD_JSON);

    const removed = await call('DELETE', `/api/subscriptions/${subscriptionId}`, { token: TOKEN });
    assert.equal(removed.status, 204);
    assert.equal(await fx.store.getSubscription(subscriptionId), null);
    assertError(await call('DELETE', `/api/subscriptions/${subscriptionId}`, { token: TOKEN }), 404, /^no subscription "/);
  });

  it('DELETE /api/subscriptions?target= answers how many it removed; 401 without the token; 400 without a target or with a bad one', async () => {
    await assertRefused(call, 'DELETE', '/api/subscriptions?target=carer@example.org');
    assert.equal((await fx.store.listSubscriptions()).length, 1, 'nothing removed without the token');

    assertError(await call('DELETE', '/api/subscriptions', { token: TOKEN }), 400, /^say whose subscriptions to remove: DELETE \/api\/subscriptions\?target=/);
    assertError(await call('DELETE', '/api/subscriptions?target=nope', { token: TOKEN }), 400, /^not an email address/);
    assertError(await call('DELETE', '/api/subscriptions?target=carer@example.org&urn=SC1', { token: TOKEN }), 400, NOT_A_URN);

    const removed = await call('DELETE', '/api/subscriptions?target=CARER@example.org', { token: TOKEN });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body, { removed: 1 });
    assert.deepEqual(await fx.store.listSubscriptions(), []);
  });
});

describe('every state-changing endpoint, with API_TOKEN unset', () => {
  let fx: ApiFixture;
  const call = caller(() => fx, () => doc);
  before(async () => {
    fx = await startApiFixture({ apiToken: undefined });
  });
  after(() => fx?.close());

  it('answers 503 saying to set API_TOKEN, whatever token is sent, and changes nothing', async () => {
    const calls: Array<[string, string, CallInit]> = [
      ['POST', `/api/providers/${HOME}/scrape`, {}],
      ['POST', '/api/sweeps', {}],
      ['POST', '/api/scopes', { json: { category: 'schools' } }],
      ['DELETE', '/api/scopes?category=schools', {}],
      ['POST', `/api/watchlist/${HOME}`, {}],
      ['DELETE', `/api/watchlist/${HOME}`, {}],
      ['GET', '/api/subscriptions', {}],
      ['POST', '/api/subscriptions', { json: { target: 'carer@example.org' } }],
      ['DELETE', '/api/subscriptions/some-id', {}],
      ['DELETE', '/api/subscriptions?target=carer@example.org', {}],
    ];
    for (const [method, path, init] of calls) {
      for (const token of [undefined, '', TOKEN]) {
        const answer = await call(method, path, { ...init, token });
        assertError(answer, 503, /^API_TOKEN is not set: set it in the daemon's environment to enable state-changing calls$/, `${method} ${path}`);
      }
    }
    assert.deepEqual(await fx.store.watchList(), []);
    assert.deepEqual(await fx.store.listSubscriptions(), []);
    assert.deepEqual(await fx.store.listWatchScopes(), []);
  });

  it('GET /health answers 503 naming the database when it does not answer', async () => {
    await fx.store.close();
    const answer = await call('GET', '/health');
    assert.equal(answer.status, 503);
    assert.deepEqual([answer.body.redis, answer.body.db], ['ok', 'unreachable']);
  });
});

describe('every token-checked endpoint, for a client that kept guessing the token', () => {
  let fx: ApiFixture;
  const call = caller(() => fx, () => doc);
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  it('answers 429 with Retry-After, even to the right token, and changes nothing', async () => {
    for (let i = 0; i < 10; i++) await call('POST', '/api/sweeps', { headers: { authorization: `Bearer ${TOKEN}x` } });
    const calls: Array<[string, string, CallInit]> = [
      ['POST', `/api/providers/${HOME}/scrape`, {}],
      ['POST', '/api/sweeps', {}],
      ['POST', '/api/scopes', { json: { category: 'schools' } }],
      ['DELETE', '/api/scopes?category=schools', {}],
      ['POST', `/api/watchlist/${HOME}`, {}],
      ['DELETE', `/api/watchlist/${HOME}`, {}],
      ['GET', '/api/subscriptions', {}],
      ['POST', '/api/subscriptions', { json: { target: 'carer@example.org' } }],
      ['DELETE', '/api/subscriptions/some-id', {}],
      ['DELETE', '/api/subscriptions?target=carer@example.org', {}],
    ];
    for (const [method, path, init] of calls) {
      const answer = await call(method, path, { ...init, token: TOKEN });
      assertError(answer, 429, /^too many wrong tokens from this address: try again in \d+ s$/, `${method} ${path}`);
      assert.match(answer.headers.get('retry-after') ?? '', /^\d+$/);
    }
    assert.deepEqual(await fx.store.watchList(), []);
    assert.deepEqual(await fx.store.listSubscriptions(), []);
  });
});

describe('what these tests cover', () => {
  it('every status /docs/json documents for every operation was answered above', () => {
    const documented: string[] = [];
    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const status of Object.keys(operation.responses)) documented.push(`${method.toUpperCase()} ${template} ${status}`);
      }
    }
    assert.ok(documented.length > 40, `a full document, got ${documented.length} answers`);
    assert.deepEqual(documented.filter((d) => !seen.has(d)).sort(), []);
  });

  it('the schema check catches an undocumented field, a wrong type and a missing field', () => {
    const event = { $ref: '#/components/schemas/ChangeEvent' };
    const good = {
      id: 'e1',
      urn: HOME,
      type: 'rating-declined',
      at: '2019-12-01T06:00:00.000Z',
      inspectionDate: '2019-10-29',
      from: 'good',
      to: 'inadequate',
      fileId: null,
      summary: 's',
      backfill: false,
    };
    assert.deepEqual(schemaProblems(event, good, doc), []);
    assert.deepEqual(schemaProblems(event, { ...good, extra: 1 }, doc), ['$: undocumented field extra']);
    assert.deepEqual(schemaProblems(event, { ...good, backfill: 'false' }, doc), ['$.backfill: "false" is not boolean']);
    const { summary: _summary, ...missing } = good;
    assert.deepEqual(schemaProblems(event, missing, doc), ['$: missing summary']);
  });
});
