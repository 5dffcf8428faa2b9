import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { BadInputError, ForbiddenHostError, UpstreamUnavailableError } from '../../../src/errors.js';
import { OfstedHttpClient } from '../../../src/ofsted/site/http-client.js';
import type { HttpClientOptions } from '../../../src/ofsted/site/http-client-options.js';
import { ResponseTooLargeError } from '../../../src/ofsted/site/response-too-large-error.js';
import { closedOrigin, send, startServer, type CannedServer, type Handler } from './fixtures/canned-server.js';

const UA = 'ofsted-monitor/9.9 (+https://github.com/ofsted-monitor/ofsted-monitor; inspection-change alerts)';

const servers: CannedServer[] = [];
async function serve(handler: Handler): Promise<CannedServer> {
  const s = await startServer(handler);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A client whose reports origin is `reports` and files origin `files` (a refusing origin when omitted). */
async function client(reports: CannedServer, files?: CannedServer, extra: HttpClientOptions = {}) {
  const waits: number[] = [];
  const http = new OfstedHttpClient({
    reportsOrigin: reports.origin,
    filesOrigin: files?.origin ?? (await closedOrigin()),
    userAgent: UA,
    timeoutMs: 2_000,
    attempts: 3,
    backoffMs: 50,
    maxBytes: 1024 * 1024,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { http, waits };
}

describe('OfstedHttpClient', () => {
  it('sends the honest User-Agent and the Accept asked for, and returns status, headers and body', async () => {
    const s = await serve((_req, res) => send(res, 200, '<h1>hello</h1>'));
    const { http } = await client(s);
    const res = await http.get(`${s.origin}/provider/CARE/SC036243`, { accept: 'text/html' });
    assert.equal(res.status, 200);
    assert.equal(res.url, `${s.origin}/provider/CARE/SC036243`);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.body.toString('utf8'), '<h1>hello</h1>');
    assert.equal(s.requests[0]?.headers['user-agent'], UA);
    assert.equal(s.requests[0]?.headers.accept, 'text/html');
  });

  it('retries 500s and succeeds when the server recovers, waiting with backoff between attempts', async () => {
    const s = await serve((_req, res, srv) => {
      if (srv.requests.length < 3) send(res, 500, 'oops');
      else send(res, 200, 'ok');
    });
    const { http, waits } = await client(s);
    const res = await http.get(`${s.origin}/x`, { accept: 'text/html' });
    assert.equal(res.status, 200);
    assert.equal(s.requests.length, 3);
    assert.equal(waits.length, 2);
    assert.ok(waits[0]! >= 0 && waits[0]! < 50, `first wait ${waits[0]} within [0, 50)`);
    assert.ok(waits[1]! >= 0 && waits[1]! < 100, `second wait ${waits[1]} within [0, 100)`);
  });

  it('gives up with UpstreamUnavailableError naming the URL and last status once attempts are spent', async () => {
    const s = await serve((_req, res) => send(res, 503, 'down'));
    const { http } = await client(s, undefined, { attempts: 4 });
    await assert.rejects(http.get(`${s.origin}/provider/CARE/SC036243`, { accept: 'text/html' }), (err: unknown) => {
      assert.ok(err instanceof UpstreamUnavailableError);
      assert.match(err.message, /\/provider\/CARE\/SC036243 unavailable after 4 attempts \(last: HTTP 503\)/);
      assert.doesNotMatch(err.message, /\n/);
      return true;
    });
    assert.equal(s.requests.length, 4);
  });

  it('returns 404, 410, 403 and 501 to the caller without retrying', async () => {
    for (const status of [404, 410, 403, 501]) {
      const s = await serve((_req, res) => send(res, status, 'no'));
      const { http } = await client(s);
      const res = await http.get(`${s.origin}/gone`, { accept: 'text/html' });
      assert.equal(res.status, status);
      assert.equal(s.requests.length, 1, `HTTP ${status} requested once`);
    }
  });

  it('honours Retry-After: 1 on 429, waiting about a second before the next attempt', async () => {
    const s = await serve((_req, res, srv) => {
      if (srv.requests.length === 1) {
        res.writeHead(429, { 'retry-after': '1' });
        res.end();
      } else send(res, 200, 'ok');
    });
    const { http } = await client(s, undefined, { sleep: undefined });
    const res = await http.get(`${s.origin}/x`, { accept: 'text/html' });
    assert.equal(res.status, 200);
    const gap = s.requests[1]!.at - s.requests[0]!.at;
    assert.ok(gap >= 950, `gap between attempts was ${Math.round(gap)} ms`);
    assert.ok(gap < 3000, `gap between attempts was ${Math.round(gap)} ms`);
  });

  it('gives up at once when Retry-After asks for more than five minutes', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(503, { 'retry-after': '600' });
      res.end();
    });
    const { http, waits } = await client(s);
    await assert.rejects(http.get(`${s.origin}/x`, { accept: 'text/html' }), (err: unknown) => {
      assert.ok(err instanceof UpstreamUnavailableError);
      assert.match(err.message, /wait 600 s/);
      return true;
    });
    assert.equal(s.requests.length, 1);
    assert.deepEqual(waits, []);
  });

  it('follows a redirect from the reports origin to the files origin and reports the final URL', async () => {
    const files = await serve((_req, res) => send(res, 200, '%PDF-1.4', 'application/pdf'));
    const reports = await serve((_req, res) => {
      res.writeHead(302, { location: `${files.origin}/v1/file/123` });
      res.end();
    });
    const { http } = await client(reports, files);
    const res = await http.get(`${reports.origin}/report/123`, { accept: 'application/pdf' });
    assert.equal(res.status, 200);
    assert.equal(res.url, `${files.origin}/v1/file/123`);
    assert.equal(files.requests.length, 1);
    assert.equal(files.requests[0]?.headers['user-agent'], UA);
  });

  it('refuses a redirect to another host with ForbiddenHostError, and the other host receives nothing', async () => {
    const elsewhere = await serve((_req, res) => send(res, 200, 'you should not be here'));
    const reports = await serve((_req, res) => {
      res.writeHead(301, { location: `${elsewhere.origin}/steal` });
      res.end();
    });
    const { http } = await client(reports);
    await assert.rejects(http.get(`${reports.origin}/provider/CARE/SC036243`, { accept: 'text/html' }), ForbiddenHostError);
    assert.equal(reports.requests.length, 1, 'not retried');
    assert.equal(elsewhere.requests.length, 0);
  });

  it('fetches a URL on the files service’s former host (files.api.ofsted.gov.uk) from the configured files origin', async () => {
    const files = await serve((_req, res) => send(res, 200, '%PDF-1.4', 'application/pdf'));
    const reports = await serve((_req, res) => send(res, 200, 'ok'));
    const { http } = await client(reports, files);
    assert.equal(http.isAllowed('https://files.api.ofsted.gov.uk/v1/file/1944123'), true);
    const res = await http.get('https://files.api.ofsted.gov.uk/v1/file/1944123', { accept: 'application/pdf' });
    assert.equal(res.status, 200);
    assert.equal(res.url, `${files.origin}/v1/file/1944123`);
    assert.deepEqual(files.requests.map((r) => r.url), ['/v1/file/1944123']);
  });

  it('follows a redirect to the former files host onto the files origin, and still refuses every other host', async () => {
    const files = await serve((_req, res) => send(res, 200, '%PDF-1.4', 'application/pdf'));
    const reports = await serve((req, res) => {
      const to = req.url === '/old' ? 'https://files.api.ofsted.gov.uk/v1/file/77' : 'https://files.api.ofsted.gov.uk.evil.example/v1/file/77';
      res.writeHead(302, { location: to });
      res.end();
    });
    const { http } = await client(reports, files);
    const res = await http.get(`${reports.origin}/old`, { accept: 'application/pdf' });
    assert.equal(res.url, `${files.origin}/v1/file/77`);
    await assert.rejects(http.get(`${reports.origin}/lookalike`, { accept: 'application/pdf' }), ForbiddenHostError);
    for (const url of ['https://files.api.ofsted.gov.uk:8443/v1/file/1', 'https://api.ofsted.gov.uk/v1/file/1', 'https://evil.example/v1/file/1']) {
      assert.equal(http.isAllowed(url), false, url);
    }
    assert.equal(files.requests.length, 1);
  });

  it('stops after five redirect hops', async () => {
    const s = await serve((req, res) => {
      const n = Number(req.url?.slice(1) ?? '0');
      res.writeHead(302, { location: `/${n + 1}` });
      res.end();
    });
    const { http } = await client(s);
    await assert.rejects(http.get(`${s.origin}/0`, { accept: 'text/html' }), /redirected more than 5 times/);
    assert.equal(s.requests.length, 6);
  });

  it('refuses a URL on a host that is not allowed before sending anything', async () => {
    const reports = await serve((_req, res) => send(res, 200, 'ok'));
    const other = await serve((_req, res) => send(res, 200, 'ok'));
    const { http } = await client(reports);
    await assert.rejects(http.get(`${other.origin}/provider/CARE/SC036243`, { accept: 'text/html' }), ForbiddenHostError);
    // Same host, same scheme, different port: still another origin.
    const otherPort = reports.origin.replace(/:(\d+)$/, (_m, p: string) => `:${Number(p) === 65535 ? 1 : Number(p) + 1}`);
    await assert.rejects(http.get(`${otherPort}/x`, { accept: 'text/html' }), ForbiddenHostError);
    await assert.rejects(http.get('not a url', { accept: 'text/html' }), BadInputError);
    assert.equal(other.requests.length, 0);
    assert.equal(reports.requests.length, 0);
  });

  it('rejects a body whose Content-Length is over the cap without reading it', async () => {
    const s = await serve((_req, res) => send(res, 200, Buffer.alloc(4096, 'a')));
    const { http } = await client(s, undefined, { maxBytes: 1000 });
    await assert.rejects(http.get(`${s.origin}/big`, { accept: 'text/html' }), (err: unknown) => {
      assert.ok(err instanceof ResponseTooLargeError);
      assert.equal(err.exitCode, 2);
      assert.match(err.message, /too large \(over 1000 bytes\)/);
      return true;
    });
    assert.equal(s.requests.length, 1, 'a too-large body is not retried');
  });

  it('aborts a streamed body with no Content-Length once it passes the per-call cap', async () => {
    let closedEarly: Promise<boolean> = Promise.resolve(false);
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      closedEarly = new Promise((resolve) => res.on('close', () => resolve(sent < 200)));
      const pump = () => {
        while (sent < 200 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const { http } = await client(s, undefined, { maxBytes: 50 * 1024 * 1024 });
    await assert.rejects(http.get(`${s.origin}/v1/file/1`, { accept: 'application/pdf', maxBytes: 200_000 }), ResponseTooLargeError);
    assert.equal(await closedEarly, true, 'the server saw the connection dropped before the 12.8 MB body was sent');
  });

  it('times out a slow response per attempt and reports the timeout after the last attempt', async () => {
    const s = await serve((_req, res) => {
      const timer = setTimeout(() => send(res, 200, 'late'), 3_000);
      res.on('close', () => clearTimeout(timer));
    });
    const { http } = await client(s, undefined, { timeoutMs: 200, attempts: 2 });
    const started = performance.now();
    await assert.rejects(http.get(`${s.origin}/slow`, { accept: 'text/html' }), (err: unknown) => {
      assert.ok(err instanceof UpstreamUnavailableError);
      assert.match(err.message, /timed out after 200 ms/);
      return true;
    });
    assert.equal(s.requests.length, 2);
    assert.ok(performance.now() - started < 2_000);
  });

  it('retries network faults and names the fault when they persist', async () => {
    const refused = await closedOrigin();
    const http = new OfstedHttpClient({ reportsOrigin: refused, attempts: 2, backoffMs: 1, timeoutMs: 1000 });
    await assert.rejects(http.get(`${refused}/x`, { accept: 'text/html' }), /unavailable after 2 attempts \(last: network error ECONNREFUSED\)/);
  });

  it('logs one debug line per request with url, status and ms, and never the headers', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'set-cookie': 'session=secret-cookie', 'content-type': 'text/html' });
      res.end('ok');
    });
    const { http } = await client(s, undefined, { logger: pino({ level: 'debug' }, sink) });
    await http.get(`${s.origin}/logged`, { accept: 'text/html' });
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.equal(entry.url, `${s.origin}/logged`);
    assert.equal(entry.status, 200);
    assert.equal(typeof entry.ms, 'number');
    assert.doesNotMatch(lines[0]!, /secret-cookie|user-agent|ofsted-monitor\/9\.9/i);
  });
});
