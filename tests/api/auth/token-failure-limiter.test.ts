import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { clientKey } from '../../../src/api/auth/client-key.js';
import { trustProxySetting } from '../../../src/config.js';
import { TOKEN_FAILURES_ALLOWED, TokenFailureLimiter } from '../../../src/api/auth/token-failure-limiter.js';
import { startApiFixture, TOKEN, type ApiFixture } from '../support/api-fixture.js';
import { HOME } from '../support/seed.js';

describe('TokenFailureLimiter', () => {
  it('refuses a client after its allowed failures until its window ends, and no one else', () => {
    let now = 1_000_000;
    const limiter = new TokenFailureLimiter({ allowed: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      assert.equal(limiter.retryAfterSeconds('10.0.0.1'), 0);
      limiter.recordFailure('10.0.0.1');
    }
    assert.equal(limiter.retryAfterSeconds('10.0.0.1'), 60);
    assert.equal(limiter.retryAfterSeconds('10.0.0.2'), 0);
    now += 59_500;
    assert.equal(limiter.retryAfterSeconds('10.0.0.1'), 1);
    now += 500;
    assert.equal(limiter.retryAfterSeconds('10.0.0.1'), 0);
  });

  it('forgives earlier failures once the client sends the right token', () => {
    const limiter = new TokenFailureLimiter({ allowed: 2 });
    limiter.recordFailure('c');
    limiter.recordSuccess('c');
    limiter.recordFailure('c');
    assert.equal(limiter.retryAfterSeconds('c'), 0);
  });
});

describe('trustProxySetting', () => {
  it('takes hops or a list of proxy addresses and networks, and refuses anything else', () => {
    assert.equal(trustProxySetting(undefined), undefined);
    assert.equal(trustProxySetting(' '), undefined);
    assert.deepEqual(trustProxySetting('10.0.0.0/8, 127.0.0.1,::1'), ['10.0.0.0/8', '127.0.0.1', '::1']);
    const hops = trustProxySetting('1') as (address: string, hop: number) => boolean;
    assert.equal(hops('10.0.0.1', 0), true);
    assert.equal(hops('10.0.0.1', 1), false);
    assert.throws(() => trustProxySetting('true'), /not a number of hops, an IP address or a CIDR network: "true"/);
    assert.throws(() => trustProxySetting('10.0.0.0/33'), /CIDR/);
  });
});

describe('clientKey', () => {
  it('counts an IPv6 client by its /64 (it holds them all) and an IPv4-mapped one as IPv4', () => {
    assert.equal(clientKey('2001:db8:1:2:3:4:5:6'), clientKey('2001:db8:1:2::9'));
    assert.notEqual(clientKey('2001:db8:1:2::9'), clientKey('2001:db8:1:3::9'));
    assert.equal(clientKey('::ffff:10.0.0.1'), '10.0.0.1');
    assert.equal(clientKey('10.0.0.1'), '10.0.0.1');
  });
});

/** A request from a chosen loopback address, so the API sees different clients. */
function call(
  baseUrl: string,
  from: string,
  path: string,
  token: string | null,
  options: { method?: string; form?: string; forwardedFor?: string } = {},
): Promise<{ status: number; retryAfter: string | undefined }> {
  const url = new URL(path, baseUrl);
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  if (options.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (options.forwardedFor !== undefined) headers['x-forwarded-for'] = options.forwardedFor;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'POST', localAddress: from, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
    });
    req.on('error', reject);
    req.end(options.form);
  });
}

describe('wrong tokens over HTTP', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  const path = `/api/providers/${HOME}/scrape`;

  it('answers 429 with Retry-After to a client that keeps guessing, while the right token from elsewhere still works', async () => {
    for (let i = 0; i < TOKEN_FAILURES_ALLOWED; i++) {
      assert.equal((await call(fx.url, '127.0.0.3', path, 'guess')).status, 401);
    }
    const refused = await call(fx.url, '127.0.0.3', path, 'guess');
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.retryAfter) >= 1 && Number(refused.retryAfter) <= 60, refused.retryAfter);
    // Refused even with the right token: otherwise the 429 would not slow a guesser down.
    assert.equal((await call(fx.url, '127.0.0.3', path, TOKEN)).status, 429);
    // Another client is not held back by those failures.
    assert.equal((await call(fx.url, '127.0.0.4', path, TOKEN)).status, 202);
  });

  it('counts wrong tokens in the dashboard\'s forms and on the queue board too, but not calls without one', async () => {
    for (let i = 0; i < 3 * TOKEN_FAILURES_ALLOWED; i++) {
      assert.equal((await call(fx.url, '127.0.0.5', path, null)).status, 401, 'no token offered');
    }
    for (let i = 0; i < TOKEN_FAILURES_ALLOWED / 2; i++) {
      assert.equal((await call(fx.url, '127.0.0.5', '/sweep', null, { form: 'token=guess' })).status, 401);
      assert.equal((await call(fx.url, '127.0.0.5', '/admin/queues?token=guess', null, { method: 'GET' })).status, 401);
    }
    assert.equal((await call(fx.url, '127.0.0.5', '/sweep', null, { form: `token=${TOKEN}` })).status, 429);
    assert.equal((await call(fx.url, '127.0.0.5', '/admin/queues?token=guess', null, { method: 'GET' })).status, 429);
    // Reading the dashboard stays open.
    assert.equal((await call(fx.url, '127.0.0.5', '/', null, { method: 'GET' })).status, 200);
  });

  it('counts a token parameter however its name is escaped (the board decodes %74oken as token)', async () => {
    for (let i = 0; i < TOKEN_FAILURES_ALLOWED; i++) {
      assert.equal((await call(fx.url, '127.0.0.6', '/admin/queues?%74oken=guess', null, { method: 'GET' })).status, 401);
    }
    assert.equal((await call(fx.url, '127.0.0.6', '/admin/queues?%74oken=guess', null, { method: 'GET' })).status, 429);
  });
});

describe('wrong tokens behind a reverse proxy (TRUST_PROXY)', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture({ env: { TRUST_PROXY: '127.0.0.0/8' } });
  });
  after(() => fx?.close());

  it('counts the forwarded client, so one guesser behind the proxy does not hold back the operator', async () => {
    const path = `/api/providers/${HOME}/scrape`;
    for (let i = 0; i < TOKEN_FAILURES_ALLOWED; i++) {
      assert.equal((await call(fx.url, '127.0.0.7', path, 'guess', { forwardedFor: '203.0.113.5' })).status, 401);
    }
    assert.equal((await call(fx.url, '127.0.0.7', path, 'guess', { forwardedFor: '203.0.113.5' })).status, 429);
    assert.equal((await call(fx.url, '127.0.0.7', path, TOKEN, { forwardedFor: '198.51.100.9' })).status, 202);
  });
});
