import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { chromium, type Browser } from 'playwright-core';
import { signUnsubscribe, unsubscribeSecret } from '../../src/alerts/unsubscribe-token.js';
import type { NewSubscription, Subscription } from '../../src/alerts/types.js';
import { DEFAULT_ALERT_EVENTS } from '../../src/alerts/types.js';
import { startApiFixture, TOKEN, type ApiFixture } from './support/api-fixture.js';
import { HOME, seedStore } from './support/seed.js';

const json = (body: unknown): RequestInit => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('/api/subscriptions', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());
  beforeEach(async () => {
    for (const s of await fx.store.listSubscriptions()) await fx.store.removeSubscriptions({ id: s.id });
  });

  it('refuses every call with 401 without the token (listing too: it holds addresses), and changes nothing', async () => {
    await fx.store.addSubscription(subscription(), '2025-01-01T00:00:00.000Z');
    const [existing] = await fx.store.listSubscriptions();
    for (const [method, path, init] of [
      ['GET', '/api/subscriptions', {}],
      ['POST', '/api/subscriptions', json({ target: 'x@example.org' })],
      ['DELETE', `/api/subscriptions/${existing?.id}`, {}],
      ['DELETE', '/api/subscriptions?target=carer@example.org', {}],
    ] as const) {
      const res = await fx.fetch(path, { method, ...init });
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.match((await res.json()).error, /Authorization: Bearer <API_TOKEN>/);
    }
    assert.deepEqual(await fx.store.listSubscriptions(), [existing]);
  });

  it('POST subscribes with the CLI\'s rules: 201, one subscription per scope, the URNs put on the watchlist', async () => {
    const res = await fx.fetch('/api/subscriptions', {
      method: 'POST',
      token: TOKEN,
      ...json({ target: 'Carer@Example.org', urn: ['sc036243'], owner: 'Derby City Council', events: 'decline,report-published', digest: true }),
    });
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.deepEqual(Object.keys(body).sort(), ['subscriptions', 'watched']);
    assert.deepEqual(body.watched, [HOME]);
    assert.deepEqual(
      body.subscriptions.map((s: Subscription) => [s.target, s.scope, s.value, s.mode]),
      [['carer@example.org', 'urn', HOME, 'digest'], ['carer@example.org', 'owner', 'Derby City Council', 'digest']],
    );
    assert.deepEqual(body.subscriptions[0].events, ['report-published', ...DEFAULT_ALERT_EVENTS]);
    assert.deepEqual((await fx.store.listSubscriptions({ target: 'carer@example.org' })).sort(byId), body.subscriptions.sort(byId));
    assert.ok((await fx.store.watchList()).some((w) => w.urn === HOME));
  });

  it('POST again updates the same subscription and answers 200, still one row', async () => {
    const first = await (await fx.fetch('/api/subscriptions', { method: 'POST', token: TOKEN, ...json({ target: 'a@example.org', urn: HOME }) })).json();
    const again = await fx.fetch('/api/subscriptions', { method: 'POST', token: TOKEN, ...json({ target: 'a@example.org', urn: HOME, events: ['any'] }) });
    assert.equal(again.status, 200);
    const body = await again.json();
    assert.equal(body.subscriptions[0].id, first.subscriptions[0].id);
    assert.equal(body.subscriptions[0].events.length, 10);
    assert.equal((await fx.store.listSubscriptions({ target: 'a@example.org' })).length, 1);
  });

  it('POST answers bad input with 400 and a one-line message, storing nothing', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ target: 'carer@example.org', urn: 'SC03624' }, /^not a URN: "SC03624"/],
      [{ target: 'carer.example.org' }, /^not an email address or http\(s\) webhook URL/],
      [{ target: 'carer@example.org', events: ['decline', 'worse'] }, /^unknown event type "worse": use decline, any or report-published/],
      [{ target: 'carer@example.org', urns: [HOME] }, /^unknown field "urns"/],
      [{ target: 'carer@example.org', digest: 'yes' }, /^digest: give it as true or false$/],
      [{ urn: HOME }, /^target is required$/],
      [[], /^the body must be a JSON object$/],
      [{ target: 'carer@example.org', la: 'Darby' }, /^no local authority called 'Darby'; did you mean 'Derby'\?$/],
    ];
    for (const [body, message] of cases) {
      const res = await fx.fetch('/api/subscriptions', { method: 'POST', token: TOKEN, ...json(body) });
      assert.equal(res.status, 400, JSON.stringify(body));
      const error = (await res.json()).error as string;
      assert.match(error, message);
      assert.ok(!error.includes('\n'));
    }
    const empty = await fx.fetch('/api/subscriptions', { method: 'POST', token: TOKEN });
    assert.equal(empty.status, 400);
    assert.match((await empty.json()).error, /^send a JSON body/);
    assert.deepEqual(await fx.store.listSubscriptions(), []);
  });

  it('POST refuses a webhook on a loopback, private or metadata host with 400, storing nothing', async () => {
    for (const target of ['https://127.0.0.1:9/hook', 'http://10.0.0.1/hook', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/hook']) {
      const res = await fx.fetch('/api/subscriptions', { method: 'POST', token: TOKEN, ...json({ target, urn: HOME }) });
      assert.equal(res.status, 400, target);
      assert.match((await res.json()).error, /^webhook \S+ refused: .* is not a public address .*WEBHOOK_ALLOW_HOSTS$/);
    }
    assert.deepEqual(await fx.store.listSubscriptions(), []);
  });

  it('POST of a webhook the operator allows answers with its signing secret, once', async () => {
    const allowing = await startApiFixture({ env: { WEBHOOK_ALLOW_HOSTS: '10.0.0.0/8' } });
    try {
      const post = () => allowing.fetch('/api/subscriptions', { method: 'POST', token: TOKEN, ...json({ target: 'http://10.0.0.1/hook', urn: HOME }) });
      const first = await post();
      assert.equal(first.status, 201);
      assert.match((await first.json()).signingSecret, /^whsec_[A-Za-z0-9+/]{43}=$/);
      const again = await post();
      assert.equal(again.status, 200);
      assert.equal((await again.json()).signingSecret, undefined);
      const listed = await allowing.fetch('/api/subscriptions', { token: TOKEN });
      assert.ok(!(await listed.text()).includes('whsec_'));
    } finally {
      await allowing.close();
    }
  });

  it('GET lists subscriptions as { subscriptions }, optionally of one target', async () => {
    await fx.store.addSubscription(subscription(), '2025-01-01T00:00:00.000Z');
    await fx.store.addSubscription(subscription({ target: 'other@example.org' }), '2025-01-02T00:00:00.000Z');
    const all = await (await fx.fetch('/api/subscriptions', { token: TOKEN })).json();
    assert.deepEqual(all.subscriptions.map((s: Subscription) => s.target), ['carer@example.org', 'other@example.org']);
    const one = await (await fx.fetch('/api/subscriptions?target=Other@Example.org', { token: TOKEN })).json();
    assert.deepEqual(one, { subscriptions: await fx.store.listSubscriptions({ target: 'other@example.org' }) });
    const bad = await fx.fetch('/api/subscriptions?target=nope', { token: TOKEN });
    assert.equal(bad.status, 400);
  });

  it('DELETE /api/subscriptions/<id> answers 204, then 404 once it is gone', async () => {
    const { subscription: s } = await fx.store.addSubscription(subscription(), '2025-01-01T00:00:00.000Z');
    const first = await fx.fetch(`/api/subscriptions/${s.id}`, { method: 'DELETE', token: TOKEN });
    assert.equal(first.status, 204);
    assert.equal(await first.text(), '');
    assert.equal(await fx.store.getSubscription(s.id), null);
    const second = await fx.fetch(`/api/subscriptions/${s.id}`, { method: 'DELETE', token: TOKEN });
    assert.equal(second.status, 404);
    assert.match((await second.json()).error, /^no subscription/);
  });

  it('DELETE /api/subscriptions?target= removes every subscription of the target, or the scopes named', async () => {
    await fx.store.addSubscription(subscription(), '2025-01-01T00:00:00.000Z');
    await fx.store.addSubscription(subscription({ scope: 'la', value: 'Derby' }), '2025-01-01T00:00:00.000Z');
    await fx.store.addSubscription(subscription({ scope: 'all', value: null }), '2025-01-01T00:00:00.000Z');
    await fx.store.addSubscription(subscription({ target: 'other@example.org' }), '2025-01-01T00:00:00.000Z');
    const narrowed = await fx.fetch('/api/subscriptions?target=carer@example.org&la=derby', { method: 'DELETE', token: TOKEN });
    assert.equal(narrowed.status, 200);
    assert.deepEqual(await narrowed.json(), { removed: 1 });
    const all = await fx.fetch('/api/subscriptions?target=CARER@example.org', { method: 'DELETE', token: TOKEN });
    assert.deepEqual(await all.json(), { removed: 2 });
    assert.deepEqual((await fx.store.listSubscriptions()).map((s) => s.target), ['other@example.org']);
    const missing = await fx.fetch('/api/subscriptions', { method: 'DELETE', token: TOKEN });
    assert.equal(missing.status, 400);
    assert.match((await missing.json()).error, /^say whose subscriptions to remove/);
  });
});

describe('/unsubscribe?token=…', () => {
  let fx: ApiFixture;
  let secret: string;
  before(async () => {
    fx = await startApiFixture();
    await seedStore(fx.store);
    secret = await unsubscribeSecret(fx.store);
  });
  after(() => fx?.close());

  const link = (target: Parameters<typeof signUnsubscribe>[0]) => `/unsubscribe?token=${encodeURIComponent(signUnsubscribe(target, secret))}`;

  it('GET shows what the link stops and a POST form, escaped, and unsubscribes nothing (mail scanners follow links)', async () => {
    const { subscription: s } = await fx.store.addSubscription(subscription({ target: 'carer@example.org' }), '2025-01-01T00:00:00.000Z');
    const owner = await fx.store.addSubscription(subscription({ scope: 'owner', value: '<script>alert(1)</script> & Co' }), '2025-01-01T00:00:00.000Z');
    const res = await fx.fetch(link({ subscriptionId: s.id }));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    const html = await res.text();
    assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    assert.match(html, /carer@example\.org/);
    assert.match(html, /Derby Home \(SC036243\)/);
    assert.match(html, /<form method="post">/);
    assert.match(html, /<button type="submit">Unsubscribe<\/button>/);
    assert.doesNotMatch(html, /<script/);
    assert.ok(await fx.store.getSubscription(s.id), 'still subscribed after GET');

    const ownerPage = await (await fx.fetch(link({ subscriptionId: owner.subscription.id }))).text();
    // Read as a browser reads it (the html tag escapes '/' too).
    assert.match(cheerio.load(ownerPage)('li strong').text(), /every provider owned by <script>alert\(1\)<\/script> & Co/);
    assert.doesNotMatch(ownerPage, /<script/);
  });

  it('lets the page\'s form post back here under the API\'s strict CSP, with no script allowed', async () => {
    const { subscription: s } = await fx.store.addSubscription(subscription({ target: 'csp@example.org' }), '2025-01-01T00:00:00.000Z');
    const res = await fx.fetch(link({ subscriptionId: s.id }));
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /form-action 'self'/);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src/);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  });

  it('POST from the form unsubscribes without the API token and confirms; posting again gets the same confirmation', async () => {
    const { subscription: s } = await fx.store.addSubscription(subscription({ target: 'form@example.org' }), '2025-01-01T00:00:00.000Z');
    const post = () =>
      fx.fetch(link({ subscriptionId: s.id }), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
    const res = await post();
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<h1>You are unsubscribed<\/h1>.*form@example\.org/s);
    assert.equal(await fx.store.getSubscription(s.id), null);

    const again = await post();
    assert.equal(again.status, 200);
    assert.match(await again.text(), /<h1>You are unsubscribed<\/h1>/);
  });

  it('takes an RFC 8058 one-click POST as a mail client sends it (multipart, or no body at all)', async () => {
    const { subscription: a } = await fx.store.addSubscription(subscription({ target: 'oneclick@example.org' }), '2025-01-01T00:00:00.000Z');
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const multipart = await fx.fetch(link({ subscriptionId: a.id }), { method: 'POST', body: form });
    assert.equal(multipart.status, 200);
    assert.equal(await fx.store.getSubscription(a.id), null);

    const { subscription: b } = await fx.store.addSubscription(subscription({ target: 'bare@example.org' }), '2025-01-01T00:00:00.000Z');
    const bare = await fx.fetch(link({ subscriptionId: b.id }), { method: 'POST' });
    assert.equal(bare.status, 200);
    assert.equal(await fx.store.getSubscription(b.id), null);
  });

  it('a link to a subscription already deleted gets the confirmation on POST and "already unsubscribed" on GET', async () => {
    const { subscription: s } = await fx.store.addSubscription(subscription({ target: 'gone@example.org' }), '2025-01-01T00:00:00.000Z');
    await fx.store.removeSubscriptions({ id: s.id });
    const post = await fx.fetch(link({ subscriptionId: s.id }), { method: 'POST' });
    assert.equal(post.status, 200);
    assert.match(await post.text(), /<h1>You are unsubscribed<\/h1>/);
    const get = await fx.fetch(link({ subscriptionId: s.id }));
    assert.equal(get.status, 200);
    assert.match(await get.text(), /already unsubscribed/);
  });

  it('a digest link removes every digest subscription of the address and leaves its immediate ones', async () => {
    const target = 'digest@example.org';
    await fx.store.addSubscription(subscription({ target, mode: 'digest' }), '2025-01-01T00:00:00.000Z');
    await fx.store.addSubscription(subscription({ target, mode: 'digest', scope: 'la', value: 'Derby' }), '2025-01-01T00:00:00.000Z');
    const { subscription: immediate } = await fx.store.addSubscription(subscription({ target, scope: 'all', value: null }), '2025-01-01T00:00:00.000Z');
    const page = await (await fx.fetch(link({ digestRecipient: target }))).text();
    assert.match(page, /daily digest/);
    assert.match(page, /every provider in Derby/);
    assert.equal((await fx.store.listSubscriptions({ target })).length, 3);

    const res = await fx.fetch(link({ digestRecipient: target }), { method: 'POST' });
    assert.equal(res.status, 200);
    assert.deepEqual(await fx.store.listSubscriptions({ target }), [immediate]);
  });

  it('answers a forged, altered or missing token with a 400 page and removes nothing', async () => {
    const { subscription: s } = await fx.store.addSubscription(subscription({ target: 'forged@example.org' }), '2025-01-01T00:00:00.000Z');
    const real = signUnsubscribe({ subscriptionId: s.id }, secret);
    const [payload, mac] = real.split('.') as [string, string];
    const otherPayload = Buffer.from(JSON.stringify({ subscriptionId: s.id, x: 1 })).toString('base64url');
    const bad = [
      signUnsubscribe({ subscriptionId: s.id }, 'not-the-secret'),
      `${otherPayload}.${mac}`,
      `${payload}.${mac.slice(0, -2)}`,
      `${real}.extra`,
      'garbage',
    ];
    for (const token of bad) {
      for (const method of ['GET', 'POST']) {
        const res = await fx.fetch(`/unsubscribe?token=${encodeURIComponent(token)}`, { method });
        assert.equal(res.status, 400, `${method} ${token}`);
        assert.match(await res.text(), /This unsubscribe link is not valid/);
      }
    }
    for (const path of ['/unsubscribe', '/unsubscribe?token=', '/unsubscribe?token=a&token=b']) {
      assert.equal((await fx.fetch(path, { method: 'POST' })).status, 400, path);
    }
    assert.ok(await fx.store.getSubscription(s.id), 'still subscribed');
  });
});

function subscription(overrides: Partial<NewSubscription> = {}): NewSubscription {
  return {
    channel: 'email',
    target: 'carer@example.org',
    scope: 'urn',
    value: HOME,
    events: [...DEFAULT_ALERT_EVENTS],
    mode: 'immediate',
    ...overrides,
  };
}

function byId(a: Subscription, b: Subscription): number {
  return a.id.localeCompare(b.id);
}

describe('the unsubscribe page in a real browser', () => {
  let fx: ApiFixture;
  let browser: Browser;
  before(async () => {
    fx = await startApiFixture();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });
  after(async () => {
    await browser?.close();
    await fx?.close();
  });

  it('unsubscribes with one tap on a phone-sized screen: the CSP lets the form post and the style apply', async () => {
    const { subscription: s } = await fx.store.addSubscription(subscription({ target: 'phone@example.org' }), '2025-01-01T00:00:00.000Z');
    const token = signUnsubscribe({ subscriptionId: s.id }, await unsubscribeSecret(fx.store));
    const page = await browser.newPage({ viewport: { width: 375, height: 667 } });
    const blocked: string[] = [];
    page.on('console', (m) => blocked.push(m.text()));
    await page.goto(`${fx.url}/unsubscribe?token=${encodeURIComponent(token)}`);
    // The inline style is allowed by its hash: the button gets its colour.
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('button')!).backgroundColor), 'rgb(177, 14, 30)');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
    await page.click('button');
    await page.locator('h1', { hasText: 'You are unsubscribed' }).waitFor({ timeout: 5_000 });
    assert.deepEqual(blocked, []);
    assert.equal(await fx.store.getSubscription(s.id), null);
  });
});
