import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { testDatabaseUrl } from '../helpers/test-database.js';
import { startApiFixture, TOKEN, type ApiFixture } from './support/api-fixture.js';
import { startTestRedis } from '../helpers/test-redis.js';

/** Requests that carry the token every way a caller might send it, right and wrong. */
async function sendTokenEverywhere(base: string, token: string): Promise<void> {
  const auth = { authorization: `Bearer ${token}` };
  const calls: Array<[string, RequestInit]> = [
    ['/api/providers', { headers: auth }],
    ['/api/watchlist/SC036243', { method: 'POST', headers: auth }],
    ['/api/watchlist/NOTAURN', { method: 'POST', headers: auth }],
    ['/api/watchlist/SC036243', { method: 'DELETE', headers: { authorization: `Bearer ${token}-wrong` } }],
    [`/admin/queues?token=${encodeURIComponent(token)}`, {}],
    [`/admin/queues?x=1&token=${encodeURIComponent(token)}-wrong`, {}],
    ['/admin/queues', { headers: auth }],
    ['/api/providers/SC999999', { headers: { ...auth, cookie: `ofsted_monitor_admin=${token}` } }],
    [`/api/nowhere?token=${encodeURIComponent(token)}`, { headers: auth }],
  ];
  for (const [path, init] of calls) {
    const res = await fetch(`${base}${path}`, { ...init, redirect: 'manual' });
    await res.arrayBuffer();
  }
}

describe('what the API writes to its log', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  it('never hands the token to the logger, whichever way it was sent (this logger redacts nothing)', async () => {
    await sendTokenEverywhere(fx.url, TOKEN);
    const text = fx.logs.join('\n');
    assert.ok(fx.logs.length >= 18, `one line in and one out per request, got ${fx.logs.length}`);
    assert.ok(!text.includes(TOKEN), 'the token appears in no log line');
    assert.ok(!/authorization/i.test(text), 'no header is logged');
    assert.match(text, /"url":"\/admin\/queues\?token=\[redacted\]"/);
    assert.match(text, /"url":"\/admin\/queues\?x=1&token=\[redacted\]"/);
  });

  it('tags every request line with component api and the request id it answers in X-Request-Id', async () => {
    const res = await fx.fetch('/api/events');
    const id = res.headers.get('x-request-id');
    assert.ok(id && /^[0-9a-f-]{36}$/.test(id), `a fresh UUID, got ${id}`);
    const lines = fx.logs.map((l) => JSON.parse(l)).filter((l) => l.reqId === id);
    assert.equal(lines.length, 2, 'incoming request and request completed');
    for (const line of lines) assert.equal(line.component, 'api');
    assert.equal(lines[1].res.statusCode, 200);
  });

  it('does not log the frequent /health and /metrics probes while they succeed', async () => {
    const before = fx.logs.length;
    for (let i = 0; i < 3; i++) {
      await (await fx.fetch('/health')).arrayBuffer();
      await (await fx.fetch('/metrics')).arrayBuffer();
    }
    assert.deepEqual(fx.logs.slice(before), []);
  });

  it('keeps a plain X-Request-Id from the caller and replaces one that could forge log content', async () => {
    const kept = await fx.fetch('/health', { headers: { 'x-request-id': 'lb-1234.abc_D' } });
    assert.equal(kept.headers.get('x-request-id'), 'lb-1234.abc_D');
    const replaced = await fx.fetch('/health', { headers: { 'x-request-id': 'x", "level":60, "y":"' } });
    assert.match(replaced.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });
});

describe('security headers', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  it('sends nosniff, DENY framing, no referrer and a CSP that allows nothing on JSON, text and errors', async () => {
    for (const [path, init, status] of [
      ['/api/providers', {}, 200],
      ['/health', {}, 200],
      ['/metrics', {}, 200],
      ['/api/providers/nope', {}, 400],
      ['/api/nowhere', {}, 404],
      ['/api/watchlist/SC036243', { method: 'POST' }, 401],
    ] as const) {
      const res = await fx.fetch(path, init);
      assert.equal(res.status, status, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
      assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'", path);
      assert.equal(res.headers.get('cache-control'), 'no-store', path);
    }
  });

  it('gives the board a CSP that allows only its own scripts, and no framing', async () => {
    const res = await fx.fetch('/admin/queues', { token: TOKEN });
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-eval|\*/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
  });
});

describe('with the product logger (createLogger, as the daemon runs it)', () => {
  it('writes request lines to stderr with the token nowhere in them', async () => {
    const redis = await startTestRedis();
    const db = await testDatabaseUrl();
    const token = `child-${randomBytes(12).toString('hex')}`;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'support', 'serve-api.ts'), `apilog-${randomBytes(4).toString('hex')}`],
      {
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, REDIS_URL: redis.url, API_TOKEN: token },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`the API did not start: ${stderr}`)), 60_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) {
            clearTimeout(timer);
            resolve(JSON.parse(line).url);
          }
        });
        child.once('exit', () => reject(new Error(`the API exited: ${stderr}`)));
      });
      await sendTokenEverywhere(url, token);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      const lines = stderr.split('\n').filter((l) => l.startsWith('{'));
      assert.ok(lines.length >= 18, `request lines on stderr, got ${lines.length}: ${stderr.slice(0, 500)}`);
      assert.ok(lines.every((l) => JSON.parse(l).component === 'api'));
      assert.ok(!stderr.includes(token), 'the token appears nowhere on stderr');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      await db.cleanup();
      await redis.stop();
    }
  });
});
