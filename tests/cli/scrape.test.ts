import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { runCli } from '../helpers/cli.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

// End to end: the compiled CLI against the local Ofsted site, as a user runs it.

describe('scrape against the local Ofsted site', () => {
  let site: FakeOfsted;
  let database: TestDatabase;
  let env: Record<string, string>;

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    database = await testDatabaseUrl();
    env = {
      DATABASE_URL: database.url,
      OFSTED_REPORTS_URL: site.reportsUrl,
      OFSTED_FILES_URL: site.filesUrl,
      FETCH_ATTEMPTS: '3',
      FETCH_BACKOFF_MS: '20',
    };
  });
  after(async () => {
    await site.close();
    await database.cleanup();
  });

  const published = (urn: string) =>
    site.scenario.provider(urn)!.reports.filter((r) => r.publishedAt <= site.now());

  it('stores every published inspection of SC036243 with its dates and grades, as a baseline', async () => {
    const run = await runCli(['scrape', 'SC036243', '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    const out = run.json();
    assert.equal(out.urn, 'SC036243');
    assert.equal(out.provider.owner, 'Derby City Council');
    const expected = published('SC036243');
    assert.equal(out.inspections.length, expected.length);
    for (const [i, want] of expected.entries()) {
      const got = out.inspections[i];
      assert.equal(got.fileId, want.fileId);
      assert.equal(got.inspectionStart, want.inspectionStart, `inspection ${i} start`);
      assert.equal(got.inspectionEnd, want.inspectionEnd, `inspection ${i} end`);
      const wantOverall = want.grades?.experiences ?? want.grades?.overall ?? null;
      assert.equal(got.overall, wantOverall, `inspection ${i} overall`);
    }
    assert.equal(out.inspections.at(-1).overall, 'good');
    assert.ok(out.events.length > 0);
    assert.ok(out.events.every((e: { backfill: boolean }) => e.backfill), 'a first scrape only records history');
  });

  it('raises exactly one rating-declined when the site publishes the Inadequate report, then nothing', async () => {
    site.advance('SC036243');
    assert.ok(site.now() >= '2019-11-27', `site moved to ${site.now()}`);
    const second = await runCli(['scrape', 'SC036243', '--json'], env);
    assert.equal(second.code, 0, second.stderr);
    const events = second.json().events;
    const declines = events.filter((e: { type: string }) => e.type === 'rating-declined');
    assert.equal(declines.length, 1);
    assert.equal(declines[0].from, 'good');
    assert.equal(declines[0].to, 'inadequate');
    assert.equal(declines[0].inspectionDate, '2019-10-29');
    assert.equal(declines[0].backfill, false);
    assert.deepEqual(events.map((e: { type: string }) => e.type).sort(), ['rating-declined', 'report-published']);

    const third = await runCli(['scrape', 'SC036243', '--json'], env);
    assert.equal(third.code, 0, third.stderr);
    assert.deepEqual(third.json().events, []);
  });

  it('keeps the history and events it stored: history and events --json', async () => {
    const history = await runCli(['history', 'SC036243', '--json'], env);
    assert.equal(history.code, 0, history.stderr);
    const entries = history.json();
    assert.equal(entries.at(-1).overall, 'inadequate');
    assert.ok(entries.at(-1).keyFindings.includes('Risks are not clearly identified, understood or managed.'));
    const events = await runCli(['events', '--json', '--urn', 'SC036243'], env);
    assert.equal(events.code, 0, events.stderr);
    assert.equal(events.json().filter((e: { type: string }) => e.type === 'rating-declined' && !(e as any).backfill).length, 1);
  });

  it("raises interim-declined for SC488596's interim, and only report-published for its monitoring visit", async () => {
    site.setNow('2019-09-30');
    const baseline = await runCli(['scrape', 'SC488596', '--json'], env);
    assert.equal(baseline.code, 0, baseline.stderr);

    site.setNow('2020-01-31');
    const interim = await runCli(['scrape', 'SC488596', '--json'], env);
    assert.equal(interim.code, 0, interim.stderr);
    assert.deepEqual(interim.json().events.map((e: { type: string }) => e.type).sort(), ['interim-declined', 'report-published']);

    site.setNow('2020-03-31');
    const monitoring = await runCli(['scrape', 'SC488596', '--json'], env);
    assert.equal(monitoring.code, 0, monitoring.stderr);
    assert.deepEqual(monitoring.json().events.map((e: { type: string }) => e.type), ['report-published']);
  });

  it('exits 3 with one line for a URN Ofsted does not know', async () => {
    const run = await runCli(['scrape', 'SC999999', '--json'], env);
    assert.equal(run.code, 3);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /SC999999/);
  });

  for (const bad of ['SC03624', "'; DROP TABLE providers; --", '']) {
    it(`exits 2 for the malformed URN ${JSON.stringify(bad)} without sending a request`, async () => {
      const before = site.requests.length;
      const run = await runCli(['scrape', bad, '--json'], env);
      assert.equal(run.code, 2);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.equal(site.requests.length, before, 'no request reached the site');
    });
  }

  it('retries upstream 500s, then exits 4', async () => {
    site.setFault({ urn: 'SC065730' }, { kind: 'status', status: 500 });
    try {
      const before = site.requests.length;
      const run = await runCli(['scrape', 'SC065730', '--json'], env);
      assert.equal(run.code, 4, run.stderr);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      const hits = site.requests.slice(before).filter((r) => r.path.includes('SC065730'));
      assert.ok(hits.length >= 3, `expected 3 attempts, saw ${hits.length}`);
    } finally {
      site.clearFaults();
    }
  });

  it('refuses a redirect to another host and never contacts it', async () => {
    site.setFault({ urn: 'SC036019' }, { kind: 'redirect-offsite' });
    try {
      const run = await runCli(['scrape', 'SC036019', '--json'], env);
      assert.notEqual(run.code, 0);
      assert.match(run.stderr, /host|origin|redirect/i);
      assert.equal(site.requests.filter((r) => r.origin === 'other').length, 0);
    } finally {
      site.clearFaults();
    }
  });

  it('reads a provider page that needs JavaScript through the browser fallback', async () => {
    site.setFault({ urn: 'SC036019' }, { kind: 'js-shell' });
    try {
      const run = await runCli(['scrape', 'SC036019', '--json'], env, 120_000);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.json().urn, 'SC036019');
      assert.ok(run.json().inspections.length > 0);
    } finally {
      site.clearFaults();
    }
  });

  it('stores a report that arrived damaged to be tried again: exit 0, one line saying so, and the next scrape reads it', async () => {
    site.setNow('2019-09-30');
    assert.equal((await runCli(['scrape', 'SC036240', '--json'], env)).code, 0, 'baseline');
    site.advance('SC036240');
    const fresh = published('SC036240').at(-1)!;
    site.setFault({ fileId: fresh.fileId }, { kind: 'html-as-pdf' });
    try {
      const damaged = await runCli(['scrape', 'SC036240', '--json'], env);
      assert.equal(damaged.code, 0, damaged.stderr);
      assert.deepEqual(Object.keys(damaged.json()), ['urn', 'provider', 'inspections', 'events'], 'the JSON CONTRACT shapes');
      assert.deepEqual(damaged.json().events, []);
      assert.match(damaged.stderr.trim(), new RegExp(`^SC036240: report ${fresh.fileId} could not be read \\(.*not a PDF.*\\); it is tried again on the next scrape$`));
    } finally {
      site.clearFaults();
    }
    const whole = await runCli(['scrape', 'SC036240', '--json'], env);
    assert.equal(whole.code, 0, whole.stderr);
    const events = whole.json().events.map((e: { type: string; fileId: string; backfill: boolean }) => [e.type, e.fileId, e.backfill]);
    assert.ok(events.some(([type, fileId, backfill]: [string, string, boolean]) => type === 'report-published' && fileId === fresh.fileId && !backfill), JSON.stringify(events));
    assert.equal(whole.stderr, '');
  });

  it('stores an unreadable report as scrape-failed, never a grade', async () => {
    site.setNow('2019-09-30');
    const provider = site.scenario.provider('SC036109')!;
    const latest = provider.reports.filter((r) => r.publishedAt <= '2019-12-31').at(-1)!;
    // A scan: the same bytes no reader can read; given up (and told) at the first reading here.
    site.setFault({ fileId: latest.fileId }, { kind: 'scanned-pdf' });
    try {
      await runCli(['scrape', 'SC036109', '--json'], env);
      site.setNow('2019-12-31');
      const run = await runCli(['scrape', 'SC036109', '--json'], { ...env, REPORT_RETRY_LIMIT: '1' });
      assert.equal(run.code, 0, run.stderr);
      const types = run.json().events.map((e: { type: string }) => e.type);
      assert.ok(types.includes('scrape-failed'), JSON.stringify(types));
      assert.ok(!types.some((t: string) => t.startsWith('rating-')), JSON.stringify(types));
    } finally {
      site.clearFaults();
    }
  });
});
