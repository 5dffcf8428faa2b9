import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { runCli } from '../helpers/cli.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

// A scope watched by local authority and owner: its first pass baselines what it holds without alerting
// its past; a home registered in it later is found by discovery, watched, and its first report alerts the
// LA's subscribers once. (Needs dist/: run `npx tsc -p tsconfig.json` first.)

const OWNER = 'Brookfield Homes for Children Ltd';

describe('discover and scopes from the command line', () => {
  let site: FakeOfsted;
  let db: TestDatabase;
  let sink: SmtpSink;
  let env: Record<string, string>;

  before(async () => {
    site = await startFakeOfsted({ now: '2025-03-05' });
    db = await testDatabaseUrl();
    sink = await SmtpSink.start();
    env = { DATABASE_URL: db.url, OFSTED_REPORTS_URL: site.reportsUrl, OFSTED_FILES_URL: site.filesUrl, SMTP_URL: sink.url(), FETCH_BACKOFF_MS: '10' };
  });
  after(async () => {
    await sink.close();
    await db.cleanup();
    await site.close();
  });

  it('baselines a scope quietly, then alerts the first report of a home registered in it later, once', async () => {
    const older = site.registerProvider({ localAuthority: 'Derby', owner: OWNER, registrationDate: '2024-06-01' });
    site.publishReport(older.urn, { publishedAt: '2025-03-04', inspectionStart: '2025-02-10' });
    assert.equal((await runCli(['watch', 'add', '--category', 'childrens-homes', '--la', 'Derby', '--owner', OWNER], env)).code, 0);
    assert.equal((await runCli(['subscribe', 'derby@example.org', '--la', 'Derby', '--events', 'any'], env)).code, 0);
    const bad = await runCli(['watch', 'add', '--category', 'prisons'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown category "prisons"/);

    const first = await runCli(['discover', '--json'], env, 120_000);
    assert.equal(first.code, 0, first.stderr);
    const baseline = first.json();
    assert.deepEqual(baseline.providers, [older.urn], 'the first pass watches the home of that owner in Derby only');
    assert.ok(baseline.events.length > 0 && baseline.events.every((e: { backfill: boolean }) => e.backfill), 'its past is a baseline');
    const list = (await runCli(['watch', 'list', '--json'], env)).json();
    assert.ok(list.some((w: { urn?: string }) => w.urn === older.urn));
    assert.ok(list.some((w: { category?: string; baselinedAt?: string }) => w.category === 'childrens-homes' && w.baselinedAt));
    assert.equal(sink.messages.length, 0);

    site.setNow('2025-03-13');
    const home = site.registerProvider({ localAuthority: 'Derby', owner: OWNER });
    site.publishReport(home.urn, { grades: { experiences: 'inadequate', protection: 'inadequate', leadership: 'inadequate' } });
    const found = await runCli(['discover', '--since', '2025-03-12', '--json'], env, 120_000);
    assert.equal(found.code, 0, found.stderr);
    const news = found.json();
    assert.deepEqual(news.added, [home.urn]);
    assert.deepEqual(news.providers, [home.urn]);
    const told = news.events.filter((e: { backfill: boolean }) => !e.backfill);
    assert.ok(told.some((e: { type: string; urn: string }) => e.type === 'report-published' && e.urn === home.urn), JSON.stringify(news.events));
    assert.equal(sink.messages.length, 1, 'the LA subscriber is told');
    assert.ok(sink.messages[0]!.to.includes('derby@example.org'));

    const again = await runCli(['discover', '--since', '2025-03-12', '--json'], env, 120_000);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(again.json().providers, [], 'nothing newer than the store holds');
    assert.equal(sink.messages.length, 1, 'told once');

    site.setSearchShape('renamed');
    const broken = await runCli(['discover', '--since', '2025-03-12', '--json'], env, 120_000);
    assert.equal(broken.code, 4);
    assert.match(broken.stderr, /no longer has the expected shape/);
    assert.equal(broken.stderr.trim().split('\n').length, 1, broken.stderr);
  });
});
