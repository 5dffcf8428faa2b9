import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { pino } from 'pino';
import { buildApp } from '../../src/api/build-app.js';
import { loadConfig } from '../../src/config.js';
import { startApiFixture, TOKEN, type ApiFixture } from './support/api-fixture.js';
import { HOME, seedStore } from './support/seed.js';

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ in: string; name: string; required?: boolean }>;
  responses: Record<string, { description?: string }>;
}
type Document = {
  openapi: string;
  info: { title: string; version: string };
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme?: string }> };
};

const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'artifacts', 'screenshots');

/** `METHOD /path/{param}` of every route the app registers, read from fastify's own route tree. */
function registeredRoutes(tree: string): Set<string> {
  const routes = new Set<string>();
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const path = `${stack.at(-1) ?? ''}${match[2]}`;
    stack.push(path);
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD')) {
      routes.add(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return routes;
}

function operations(doc: Document): Array<[string, string, Operation]> {
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => [m.toUpperCase(), path, op] as [string, string, Operation]));
}

describe('the OpenAPI document at /docs/json', () => {
  let fx: ApiFixture;
  let doc: Document;
  before(async () => {
    fx = await startApiFixture();
    const res = await fx.fetch('/docs/json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    doc = (await res.json()) as Document;
  });
  after(() => fx?.close());

  it('is an OpenAPI 3.1 document: info, declared tags, and every operation named, summarised and tagged, every response described', () => {
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    assert.equal(doc.info.title, 'ofsted-monitor');
    assert.match(doc.info.version, /^\d+\.\d+\.\d+$/);
    const tags = new Set(doc.tags.map((t) => t.name));
    const ids = new Set<string>();
    for (const [method, path, op] of operations(doc)) {
      const what = `${method} ${path}`;
      assert.ok(op.operationId && !ids.has(op.operationId), `${what} has a unique operationId`);
      ids.add(op.operationId);
      assert.ok(op.summary, `${what} has a summary`);
      assert.ok(op.tags?.length && op.tags.every((t) => tags.has(t)), `${what} has declared tags`);
      assert.ok(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${what} documents its success`);
      for (const [status, response] of Object.entries(op.responses)) {
        assert.ok(response.description && response.description !== 'Default Response', `${what} ${status} is described`);
      }
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        const param = op.parameters?.find((p) => p.in === 'path' && `{${p.name}}` === name);
        assert.ok(param?.required, `${what} declares the path parameter ${name}`);
      }
    }
  });

  it('resolves every $ref to a schema under components.schemas', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]*"/g) ?? [];
    assert.ok(refs.length > 20, `the shared schemas are referenced, ${refs.length} refs`);
    for (const ref of refs) {
      const name = /"#\/components\/schemas\/([^"]+)"$/.exec(ref)?.[1];
      assert.ok(name && name in doc.components.schemas, ref);
    }
    for (const name of ['ChangeEvent', 'HistoryEntry', 'Provider', 'Subscription', 'WatchScope', 'ScopeRequest', 'Error']) assert.ok(name in doc.components.schemas, name);
  });

  it('lists every /api route the app registers with its methods, /health and /metrics, and no page, feed, board or docs route', async () => {
    const app = await buildApp({
      config: loadConfig({ API_TOKEN: TOKEN }),
      logger: pino({ level: 'silent' }),
      store: fx.store,
      queues: fx.queues,
      redis: fx.bull.connection,
    });
    let registered: Set<string>;
    try {
      await app.ready();
      registered = registeredRoutes(app.printRoutes({ commonPrefix: false }));
    } finally {
      await app.close();
    }
    assert.ok(registered.has('POST /api/providers/{urn}/scrape') && registered.has('GET /admin/queues'), 'the route tree was read');
    const api = [...registered].filter((r) => /^\w+ \/(api\/|health$|metrics$)/.test(r)).sort();
    const documented = operations(doc).map(([method, path]) => `${method} ${path}`).sort();
    assert.deepEqual(documented, api);
    assert.ok(api.length >= 15, `every endpoint, got ${api.length}`);
  });

  it('asks for the bearer token on every POST and DELETE and on listing subscriptions, and on nothing else', () => {
    assert.deepEqual(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer', description: "The daemon's API_TOKEN" });
    for (const [method, path, op] of operations(doc)) {
      const needsToken = method === 'POST' || method === 'DELETE' || path === '/api/subscriptions';
      if (needsToken) {
        assert.deepEqual(op.security, [{ bearerAuth: [] }], `${method} ${path}`);
        assert.ok(op.responses['401'] && op.responses['503'], `${method} ${path} documents 401 and 503`);
      } else {
        assert.equal(op.security, undefined, `${method} ${path}`);
        assert.equal(op.responses['401'], undefined, `${method} ${path}`);
      }
    }
  });

  it('documents a 400 for every operation that takes a URN', () => {
    for (const [method, path, op] of operations(doc)) {
      if (path.includes('{urn}') || path === '/api/events') assert.ok(op.responses['400'], `${method} ${path}`);
    }
  });

  it('serves the same document as YAML at /docs/yaml', async () => {
    const res = await fx.fetch('/docs/yaml');
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.match(text, /^openapi: 3\.1\.\d+$/m);
    assert.match(text, /^ {2}\/api\/providers\/\{urn\}\/scrape:$/m);
  });
});

describe('Swagger UI at /docs', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
    await seedStore(fx.store);
  });
  after(() => fx?.close());

  it('serves its page at /docs and /docs/ with a CSP that allows scripts and styles from this origin only', async () => {
    for (const path of ['/docs', '/docs/']) {
      const res = await fx.fetch(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self';/);
      assert.match(csp, /style-src 'self' 'unsafe-inline';/);
      assert.match(csp, /connect-src 'self';/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-eval|\*|https?:/);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      const html = await res.text();
      assert.match(html, /<title>ofsted-monitor API<\/title>/);
      assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'nothing from another origin');
    }
  });

  it('serves every script, stylesheet and icon the page loads, from node_modules, with their content types', async () => {
    const html = await (await fx.fetch('/docs')).text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(assets.filter((a) => a.endsWith('.js')).length >= 3 && assets.some((a) => a.endsWith('.css')), assets.join(' '));
    for (const asset of assets) {
      const res = await fx.fetch(asset);
      assert.equal(res.status, 200, asset);
      const type = res.headers.get('content-type') ?? '';
      const expected = asset.endsWith('.js') ? /javascript/ : asset.endsWith('.css') ? /^text\/css/ : /^image\//;
      assert.match(type, expected, asset);
      assert.ok((await res.arrayBuffer()).byteLength > 0, asset);
    }
    const bundle = await (await fx.fetch('/docs/static/swagger-ui-bundle.js')).text();
    assert.ok(bundle.length > 500_000, 'the real Swagger UI bundle');
  });

  it('keeps the strict CSP everywhere outside /docs', async () => {
    for (const path of ['/api/providers', '/docsx', '/documentation']) {
      const res = await fx.fetch(path);
      await res.arrayBuffer();
      assert.equal(res.headers.get('content-security-policy'), STRICT_CSP, path);
      assert.equal(res.headers.get('cache-control'), 'no-store', path);
    }
  });

  it('renders every operation in Chromium and runs "Try it out" against this API, with no CSP violation and nothing fetched from elsewhere', async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      const elsewhere: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith(`${fx.url}/`) && !r.url().startsWith('data:')) elsewhere.push(r.url());
      });
      await page.goto(`${fx.url}/docs`);
      await page.locator('.opblock').first().waitFor({ timeout: 10_000 });
      const paths = await page.locator('.opblock-summary-path').allTextContents();
      assert.equal(paths.length, 19);
      assert.ok(paths.includes('/api/providers/{urn}/scrape') && paths.includes('/metrics') && paths.includes('/api/scopes'));
      // State-changing operations show the padlock of the bearer scheme.
      assert.equal(await page.locator('.opblock-post .authorization__btn, .opblock-delete .authorization__btn').count(), 9);

      const list = page.locator('#operations-providers-listProviders');
      await list.locator('.opblock-summary').click();
      await list.locator('.try-out__btn').click();
      await list.locator('.execute').click();
      const status = list.locator('.live-responses-table tr.response .response-col_status').first();
      await status.waitFor({ timeout: 10_000 });
      assert.equal((await status.textContent())?.trim(), '200');
      assert.match((await list.locator('.live-responses-table .microlight').first().textContent()) ?? '', new RegExp(HOME));

      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'api-docs.png'), fullPage: true });
      assert.deepEqual(problems, []);
      assert.deepEqual(elsewhere, []);
    } finally {
      await browser.close();
    }
  });
});
