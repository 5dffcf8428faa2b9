import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { startApi } from '../../../src/api/index.js';
import { PAGE_CSP } from '../../../src/api/pages/layout.js';
import { JOB_REFRESH_SECONDS, renderProviderNotFound, renderProviderPage, type ProviderPageView } from '../../../src/api/pages/provider-page.js';
import { ADMIN_COOKIE } from '../../../src/api/auth/admin-session.js';
import { ApiToken } from '../../../src/api/auth/api-token.js';
import type { JobView } from '../../../src/api/job-view.js';
import { loadConfig } from '../../../src/config.js';
import { openStore } from '../../../src/store/open-store.js';
import type { ProviderRecord, Store } from '../../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../../tools/fake-ofsted/index.js';
import { startDaemon, type RunningDaemon } from '../../../workers/daemon.js';
import { manualProviderJobId } from '../../../workers/queues.js';
import { testDatabaseUrl, type TestDatabase } from '../../helpers/test-database.js';
import { startTestRedis, type TestRedis } from '../../helpers/test-redis.js';
import { inspectQueues, uniquePrefix } from '../../workers/support/queue-fixture.js';
import { waitFor } from '../../workers/support/wait-for.js';
import { startApiFixture, TOKEN, type ApiFixture } from '../support/api-fixture.js';
import { entry, interim } from './support/history-builders.js';
import { DERBY_HOMES, scrapeFromLocalSite } from './support/scrape-local-site.js';

const URN = 'SC036243';

function record(overrides: Partial<ProviderRecord> = {}): ProviderRecord {
  return {
    urn: URN,
    name: 'Oak House',
    category: 'CARE',
    providerType: "Children's home",
    localAuthority: 'Derby',
    owner: "Derby City Council's Homes",
    url: 'http://127.0.0.1/provider/CARE/SC036243',
    firstScrapedAt: '2019-02-01T06:00:00.000Z',
    lastScrapedAt: '2019-12-01T06:00:00.000Z',
    closedAt: null,
    ...overrides,
  };
}

function view(overrides: Partial<ProviderPageView> = {}): ProviderPageView {
  return {
    urn: URN,
    provider: record(),
    watched: true,
    history: [
      entry('2019-01-08', { fileId: '50000001', overall: 'good', registeredManager: 'Jane Smith' }),
      interim('2019-06-04', 'sustained'),
      entry('2019-10-29', {
        fileId: '50000002',
        inspectionEnd: '2019-10-30',
        overall: 'inadequate',
        publishedAt: '2019-11-27',
        registeredManager: 'JANE  SMITH',
        judgements: [{ area: 'How well children and young people are helped and protected', key: 'help-and-protection', grade: 'inadequate' }],
        requirements: [{ regulation: '12(2)(a)', text: 'Children must be <protected> & safe.', dueDate: '2019-11-29' }],
        recommendations: ['Review the "missing from care" protocol.'],
        keyFindings: ['<script>alert(1)</script>'],
        inspectors: ['Ann Inspector', 'Bob Inspector'],
        enforcementSinceLast: 'none',
        previous: { date: '2019-01-08', overall: 'good' },
      }),
      entry('2020-03-02', { fileId: '50000003', overall: 'requires-improvement', registeredManager: 'Tom Brown', url: 'javascript:alert(1)' }),
    ],
    unreadable: [],
    job: null,
    form: { tokenConfigured: true, hasSession: false },
    events: [],
    ...overrides,
  };
}

function jobView(state: string, extra: Partial<JobView> = {}): JobView {
  return {
    id: manualProviderJobId(URN),
    queue: 'ofsted-provider',
    name: 'provider',
    state,
    progress: 0,
    data: { urn: URN, reason: 'manual' },
    attemptsMade: 0,
    returnvalue: null,
    failedReason: null,
    createdAt: '2019-12-01T06:00:00.000Z',
    processedAt: null,
    finishedAt: null,
    ...extra,
  };
}

describe('renderProviderPage', () => {
  const html = renderProviderPage(view());
  const $ = cheerio.load(html);
  /** The text of the <dd> after a <dt>, spaces collapsed. */
  const fact = (scope: cheerio.Cheerio<any>, label: string) =>
    scope.find('dt').filter((_, dt) => $(dt).text() === label).next('dd').text().replace(/\s+/g, ' ').trim();

  it('renders report text as text: a key finding of <script>alert(1)</script> is escaped, never a script', () => {
    assert.doesNotMatch(html, /<script/i);
    assert.ok($('li').filter((_, li) => $(li).text() === '<script>alert(1)</script>').length === 1, 'the finding, as text');
    assert.match(html, /Children must be &lt;protected&gt; &amp; safe\./);
    assert.match(html, /Review the &quot;missing from care&quot; protocol\./);
  });

  it('heads the page with name, URN, type, local authority, owner link, latest grade badge and last scrape', () => {
    assert.equal($('h1').text(), 'Oak House SC036243');
    const head = $('dl.facts').first();
    assert.equal(fact(head, 'Type'), "Children's home");
    assert.equal(fact(head, 'Local authority'), 'Derby');
    assert.equal(head.find('a[href="/owners/Derby%20City%20Council\'s%20Homes"]').text(), "Derby City Council's Homes");
    assert.equal(head.find('dd .badge.requires-improvement').text(), 'Requires improvement to be good');
    assert.equal(fact(head, 'Last scraped'), '1 Dec 2019, 06:00 UTC');
  });

  it('shows the timeline chart with its summary and a table of the same data', () => {
    assert.match(html, /<svg class="chart timeline"/);
    assert.match(html, /<figcaption class="small">3 graded inspections from 8 Jan 2019 to 2 Mar 2020: Good, then Inadequate, then Requires improvement to be good\. 1 interim inspection \(sustained\)\.<\/figcaption>/);
    assert.match(html, /<details class="chart-data"><summary>The timeline as a table<\/summary>/);
    assert.match(html, /<td>29–30 Oct 2019<\/td><td><a href="#report-50000002">Full inspection<\/a><\/td><td>Inadequate<\/td>/);
  });

  it('lists every report newest first with kind, dates, badge, judgements, requirements, recommendations, findings and inspectors', () => {
    const order = [...html.matchAll(/<section class="card report" id="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(order.length, 4);
    assert.equal(order[0], 'report-50000003');
    assert.equal(order[1], 'report-50000002');
    const report = $('#report-50000002');
    assert.equal(report.find('h3').text(), 'Full inspection, 29–30 Oct 2019 Inadequate');
    assert.equal(report.find('h3 .badge.inadequate').length, 1);
    assert.equal(report.find('p.small').first().text(), 'Published 27 Nov 2019 · Report PDF');
    assert.equal(report.find('a').filter((_, a) => $(a).text() === 'Report PDF').attr('href'), 'http://127.0.0.1/v1/file/50000002');
    assert.equal(report.find('table.judgements td').first().text(), 'How well children and young people are helped and protected');
    assert.deepEqual(report.find('table.requirements tbody td').map((_, td) => $(td).text()).get(), ['12(2)(a)', 'Children must be <protected> & safe.', '29 Nov 2019']);
    assert.equal(fact(report, 'Inspectors'), 'Ann Inspector, Bob Inspector');
    assert.equal(fact(report, 'Previous inspection'), 'Good 8 Jan 2019');
    assert.deepEqual(report.find('h4').map((_, h) => $(h).text()).get(), ['Judgements', 'Key findings', 'Requirements', 'Recommendations']);
    assert.match(html, /<span class="badge interim-sustained">Sustained effectiveness<\/span>/);
  });

  it('never makes a clickable link of a PDF address that is not http(s)', () => {
    assert.doesNotMatch(html, /href="javascript:/i);
    assert.match(html, /PDF at javascript:alert\(1\)/);
  });

  it('lists registered managers over time, one spelling of a name counting as the same person', () => {
    assert.match(html, /<ul class="plain managers"><li><strong>Tom Brown<\/strong>, 2 Mar 2020 <span class="small muted">\(named in 1 report\)<\/span><\/li><li><strong>Jane Smith<\/strong>, 8 Jan 2019 – 29 Oct 2019 <span class="small muted">\(named in 2 reports\)<\/span><\/li><\/ul>/);
  });

  it('offers the re-scrape form with a password field, or no field when the admin session cookie is there', () => {
    assert.match(html, /<form class="filters rescrape" method="post" action="\/providers\/SC036243\/scrape"><label for="scrape-token">API token<input type="password" id="scrape-token" name="token" autocomplete="current-password" required><\/label><button type="submit">Re-scrape now<\/button><\/form>/);
    const session = renderProviderPage(view({ form: { tokenConfigured: true, hasSession: true } }));
    assert.doesNotMatch(session, /type="password"/);
    assert.match(session, /<button type="submit">Re-scrape now<\/button>/);
    const off = renderProviderPage(view({ form: { tokenConfigured: false, hasSession: false } }));
    assert.doesNotMatch(off, /<form class="filters rescrape"/);
    assert.match(off, /needs API_TOKEN set/);
  });

  it('reloads itself every 2 seconds while the re-scrape job waits or runs, and stops once it is done', () => {
    assert.equal(JOB_REFRESH_SECONDS, 2);
    for (const state of ['prioritized', 'waiting', 'active', 'waiting-children', 'delayed']) {
      const pending = renderProviderPage(view({ job: { id: manualProviderJobId(URN), found: jobView(state) } }));
      assert.match(pending, /<meta http-equiv="refresh" content="2">/, state);
      assert.match(pending, new RegExp(`Re-scrape <code>manual_SC036243</code>: <strong data-state="${state}">`));
    }
    const done = renderProviderPage(
      view({
        job: {
          id: manualProviderJobId(URN),
          found: jobView('completed', { finishedAt: '2019-12-01T06:00:05.000Z', returnvalue: { urn: URN, fresh: 1, stored: 1, unfetched: 0, events: [{ id: 'a', type: 'report-published', backfill: false }, { id: 'b', type: 'rating-declined', backfill: false }] } }),
        },
      }),
    );
    assert.doesNotMatch(done, /http-equiv="refresh"/);
    assert.match(done, /<strong data-state="completed">done<\/strong> at 06:00:05 UTC — 1 new report stored, 2 new events\./);
    const failed = renderProviderPage(view({ job: { id: 'manual_SC036243', found: jobView('failed', { failedReason: 'provider <SC036243> not found' }) } }));
    assert.match(failed, /<strong data-state="failed">failed<\/strong>: provider &lt;SC036243&gt; not found\./);
    assert.doesNotMatch(failed, /http-equiv="refresh"/);
  });

  it('says when the job cannot be found or its state cannot be read', () => {
    assert.match(renderProviderPage(view({ job: { id: 'nope', missing: true } })), /no such job for this provider/);
    assert.match(renderProviderPage(view({ job: { id: 'x', unavailable: 'the job queue did not answer within 3000 ms' } })), /cannot be read right now \(the job queue did not answer within 3000 ms\)/);
  });

  it('advertises the provider\'s Atom and RSS feeds', () => {
    const link = cheerio.load(html)('link[rel="alternate"][type="application/atom+xml"]');
    assert.equal(link.attr('title'), 'Events for Oak House');
    assert.equal(link.attr('href'), '/providers/SC036243/events.atom');
  });

  it('for an unknown URN, says nothing is stored and offers to fetch it', () => {
    const notFound = renderProviderNotFound('SC999999', { tokenConfigured: true, hasSession: false });
    assert.match(notFound, /<h1>Nothing stored for SC999999<\/h1>/);
    assert.match(notFound, /action="\/providers\/SC999999\/scrape"/);
  });
});

describe('the provider page and the re-scrape form, served with the local Ofsted site\'s Derby homes', () => {
  let fx: ApiFixture;
  let site: FakeOfsted;

  before(async () => {
    fx = await startApiFixture();
    site = await startFakeOfsted({ now: '2019-11-30', bulk: false });
    await scrapeFromLocalSite(fx.store, site, DERBY_HOMES);
  });
  after(async () => {
    await fx?.close();
    await site?.close();
  });

  async function get(path: string, headers: Record<string, string> = {}) {
    const res = await fx.fetch(path, { headers });
    return { res, html: await res.text() };
  }

  function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return fx.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  }

  it('serves SC036243 as HTML under the page CSP: its header, the timeline and every stored report, newest first', async () => {
    const { res, html } = await get(`/providers/${URN}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.equal(res.headers.get('content-security-policy'), PAGE_CSP);
    const $ = cheerio.load(html);
    assert.equal($('a[href="/owners/Derby%20City%20Council"]').text(), 'Derby City Council');
    const latest = $('dt').filter((_, dt) => $(dt).text() === 'Latest overall grade').next('dd');
    assert.equal(latest.text(), 'Inadequate full inspection, 29 Oct 2019');
    const history = await fx.store.history(URN);
    const sections = $('section.card.report').map((_, el) => $(el).attr('id')!.replace('report-', '')).get();
    assert.deepEqual(sections, history.map((h) => h.fileId).reverse());
    assert.equal((html.match(/<circle class="point grade-/g) ?? []).length, history.filter((h) => h.overall).length);
    assert.match(html, /<polygon class="interim interim-sustained"/, 'the 2016-2018 interims as markers');
    assert.equal($(`#report-${sections[0]} a`).filter((_, a) => $(a).text() === 'Report PDF').attr('href'), `${site.filesUrl}/v1/file/${sections[0]}`, 'the PDF link of the newest report');
  });

  it('names the registered managers the reports name', async () => {
    const { html } = await get(`/providers/${URN}`);
    const names = new Set((await fx.store.history(URN)).map((h) => h.registeredManager).filter((n): n is string => !!n));
    assert.ok(names.size > 0, 'the local site names managers');
    for (const name of names) assert.ok(html.includes(`<strong>${name}</strong>`), name);
  });

  it('answers a malformed URN with a 400 HTML page saying why', async () => {
    const { res, html } = await get('/providers/NOTAURN');
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(res.headers.get('content-security-policy'), PAGE_CSP);
    assert.match(html, /not a URN: &quot;NOTAURN&quot;/);
  });

  it('answers a URN never scraped nor watched with a 404 HTML page that offers to fetch it', async () => {
    const { res, html } = await get('/providers/sc999999');
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(res.headers.get('content-security-policy'), PAGE_CSP);
    assert.match(html, /<form class="filters rescrape" method="post" action="\/providers\/SC999999\/scrape">/);
  });

  it('serves a watched URN not scraped yet, saying nothing is stored', async () => {
    await fx.store.watchAdd(['SC111111']);
    const { res, html } = await get('/providers/SC111111');
    assert.equal(res.status, 200);
    assert.match(html, /Nothing is stored for this provider yet/);
    assert.match(html, /<dt>Watched<\/dt><dd>yes/);
  });

  it('queues a manual re-scrape for the form with the right token and answers 303 to the page with the job', async () => {
    const res = await post(`/providers/${URN.toLowerCase()}/scrape`, { token: TOKEN });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `/providers/${URN}?job=${manualProviderJobId(URN)}`);
    const job = await fx.queues.provider.getJob(manualProviderJobId(URN));
    assert.deepEqual(job?.data, { urn: URN, reason: 'manual' });
    // The token typed once is remembered for the browser session (the queue board's cookie).
    assert.match(res.headers.get('set-cookie') ?? '', new RegExp(`^${ADMIN_COOKIE}=${new ApiToken(TOKEN).cookieValue}; Path=/; HttpOnly; SameSite=Strict`));
  });

  it('shows the job\'s state on the page it redirected to, reloading every 2 seconds while it waits', async () => {
    const { res, html } = await get(`/providers/${URN}?job=${manualProviderJobId(URN)}`);
    assert.equal(res.status, 200);
    assert.match(html, /<meta http-equiv="refresh" content="2">/);
    assert.match(html, /Re-scrape <code>manual_SC036243<\/code>: <strong data-state="prioritized">waiting in the queue<\/strong>/);
    const plain = await get(`/providers/${URN}`);
    assert.doesNotMatch(plain.html, /http-equiv="refresh"/, 'no reload without a job to follow');
  });

  it('says so for a job id that is unknown, malformed, or another provider\'s', async () => {
    for (const id of ['provider_SC000000_never', 'a:b', manualProviderJobId(URN)]) {
      const path = id === manualProviderJobId(URN) ? `/providers/SC488596?job=${id}` : `/providers/${URN}?job=${encodeURIComponent(id)}`;
      const { res, html } = await get(path);
      assert.equal(res.status, 200, id);
      assert.match(html, /no such job for this provider/, id);
      assert.doesNotMatch(html, /http-equiv="refresh"/, id);
    }
  });

  it('refuses the form without the token, or with a wrong one, with a 401 page showing the form again, and queues nothing', async () => {
    for (const form of [{}, { token: '' }, { token: `${TOKEN}x` }] as Record<string, string>[]) {
      const res = await post('/providers/SC488596/scrape', form);
      assert.equal(res.status, 401, JSON.stringify(form));
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(res.headers.get('content-security-policy'), PAGE_CSP);
      const html = await res.text();
      assert.match(html, /action="\/providers\/SC488596\/scrape"/);
      assert.match(html, /type="password"/);
      assert.ok(!html.includes(TOKEN), 'no token echoed back');
    }
    assert.equal(await fx.queues.provider.getJob(manualProviderJobId('SC488596')), undefined);
  });

  it('checks the token before the URN, and rejects a malformed URN with 400 once the token is right', async () => {
    assert.equal((await post('/providers/NOTAURN/scrape', {})).status, 401);
    const bad = await post('/providers/NOTAURN/scrape', { token: TOKEN });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /not a URN/);
  });

  it('accepts the token as a Bearer header, or the admin session cookie instead of the field', async () => {
    const bearer = await post('/providers/SC036109/scrape', {}, { authorization: `Bearer ${TOKEN}` });
    assert.equal(bearer.status, 303);
    const cookie = `${ADMIN_COOKIE}=${new ApiToken(TOKEN).cookieValue}`;
    const byCookie = await post('/providers/SC488596/scrape', {}, { cookie });
    assert.equal(byCookie.status, 303);
    assert.ok(await fx.queues.provider.getJob(manualProviderJobId('SC488596')));
    const wrongCookie = await post('/providers/SC488596/scrape', {}, { cookie: `${ADMIN_COOKIE}=${TOKEN}` });
    assert.equal(wrongCookie.status, 401, 'the cookie holds a value derived from the token, not the token');
    const { html } = await get('/providers/SC488596', { cookie });
    assert.match(html, /<form class="filters rescrape"[^>]*><button type="submit">Re-scrape now<\/button><\/form>/, 'no token field with the session');
  });

  it('fetches a new URN from the 404 page\'s form: the page then follows the job instead of answering 404', async () => {
    const res = await post('/providers/SC222222/scrape', { token: TOKEN });
    assert.equal(res.status, 303);
    const { res: page, html } = await get(res.headers.get('location')!);
    assert.equal(page.status, 200);
    assert.match(html, /Nothing is stored for this provider yet/);
    assert.match(html, /<meta http-equiv="refresh" content="2">/);
  });

  it('escapes what a stored report says, on the served page too', async () => {
    const urn = 'SC900001';
    const [first] = await fx.store.history(URN);
    await fx.store.recordScrape({
      provider: { urn, name: '<img src=x onerror=alert(1)>', category: 'CARE', providerType: null, localAuthority: null, owner: '<b>Owner</b>', url: 'javascript:alert(1)' },
      reports: [
        {
          fileId: '90000001',
          urn,
          url: 'http://127.0.0.1/v1/file/90000001',
          title: 'Full inspection',
          publishedAt: '2019-11-01',
          sha256: 'ab'.repeat(32),
          parserVersion: first!.parserVersion,
          parsed: { ...first!, urn, inspectionStart: '2019-10-01', keyFindings: ['<script>alert(1)</script>'], registeredManager: '<i>Manager</i>' },
          error: null,
          fetchedAt: '2019-11-02T06:00:00.000Z',
        },
      ],
      events: [],
      at: '2019-11-02T06:00:00.000Z',
    });
    const { res, html } = await get(`/providers/${urn}`);
    assert.equal(res.status, 200);
    assert.doesNotMatch(html, /<script|<img|<b>Owner|<i>Manager|href="javascript/i);
    const $ = cheerio.load(html);
    assert.ok($('*').filter((_, el) => $(el).children().length === 0 && $(el).text() === '<script>alert(1)</script>').length > 0, 'the script as text');
    assert.match($('h1').text(), /^<img src=x onerror=alert\(1\)>/);
  });
});

describe('the provider page with API_TOKEN unset', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture({ apiToken: undefined });
  });
  after(() => fx?.close());

  it('shows no form, and answers the form post with a 503 page saying API_TOKEN is not set', async () => {
    const page = await fx.fetch('/providers/SC999999');
    assert.equal(page.status, 404);
    const html = await page.text();
    assert.doesNotMatch(html, /<form class="filters rescrape"/);
    assert.match(html, /needs API_TOKEN set/);
    const res = await fx.fetch('/providers/SC999999/scrape', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=anything' });
    assert.equal(res.status, 503);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await res.text(), /API_TOKEN is not set/);
    assert.equal(await fx.queues.provider.getJob(manualProviderJobId('SC999999')), undefined);
  });

  it('answers a store that cannot be read with a plain 500 page, its details only in the log', async () => {
    await fx.store.close();
    const res = await fx.fetch('/providers/SC036243');
    assert.equal(res.status, 500);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const html = await res.text();
    assert.match(html, /This page could not be built; the daemon log has the details\./);
    assert.doesNotMatch(html, /at .*\.ts:\d+|Error:/);
    assert.ok(fx.logs.some((l) => l.includes('page failed')));
  });
});

describe('pressing "Re-scrape now" in Chromium against a running daemon and the local Ofsted site', () => {
  let site: FakeOfsted;
  let redis: TestRedis;
  let db: TestDatabase;
  let store: Store;
  let daemon: RunningDaemon | undefined;
  let queues: ReturnType<typeof inspectQueues>;
  let browser: Browser | undefined;

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    redis = await startTestRedis();
    db = await testDatabaseUrl();
    store = await openStore(db.url);
    const prefix = uniquePrefix('pages');
    queues = inspectQueues(redis.url, prefix);
    // The baseline: SC036243 as of 30 Sep 2019, Good.
    await scrapeFromLocalSite(store, site, [URN]);
    const config = loadConfig({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      OFSTED_REPORTS_URL: site.reportsUrl,
      OFSTED_FILES_URL: site.filesUrl,
      REQUESTS_PER_SECOND: '50',
      FETCH_BACKOFF_MS: '50',
      SHUTDOWN_GRACE_MS: '2000',
      API_TOKEN: TOKEN,
      PORT: '0',
    });
    daemon = await startDaemon(config, pino({ level: 'silent' }), {
      scheduler: false,
      startApi: (deps) => startApi({ ...deps, listen: { host: '127.0.0.1', port: 0 } }),
    });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });
  after(async () => {
    await browser?.close();
    await daemon?.stop('test over');
    await queues?.close();
    await store?.close();
    await db?.cleanup();
    await redis?.stop();
    await site?.close();
  });

  it('queues the job, follows it on a page that reloads itself, and shows the new Inadequate grade once it is done', async () => {
    const page = await browser!.newPage();
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    await page.goto(`${daemon!.apiUrl}/providers/${URN}`);
    assert.equal(await page.locator('dd .badge').first().textContent(), 'Good');

    site.advance(URN); // Ofsted publishes the October 2019 inspection: Inadequate.
    await page.fill('#scrape-token', TOKEN);
    await page.click('text=Re-scrape now');
    await page.waitForURL(/\?job=manual_SC036243$/);

    // No script on the page: only its own <meta refresh> can bring the finished state in.
    await page.locator('[data-state="completed"]').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('dd .badge').first().textContent(), 'Inadequate');
    assert.match((await page.locator('.notice.job').textContent()) ?? '', /done .*1 new report stored/);
    assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 0, 'stops reloading once done');
    assert.ok(await page.locator('svg.timeline circle.grade-inadequate').isVisible());
    await waitFor('the decline event', async () => (await store.listEvents({ urn: URN })).some((e) => e.type === 'rating-declined'), 5_000);
    assert.deepEqual(blocked, [], 'nothing on the page breaks the CSP');
  });
});
