import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PARSER_VERSION } from '../../src/ofsted/reports/parser-version.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { openStore } from '../../src/store/open-store.js';
import { runCli } from '../helpers/cli.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

describe('reparse', () => {
  let site: FakeOfsted;
  let database: TestDatabase;
  let env: Record<string, string>;

  before(async () => {
    site = await startFakeOfsted({ now: '2019-12-31', bulk: false });
    database = await testDatabaseUrl();
    env = { DATABASE_URL: database.url, OFSTED_REPORTS_URL: site.reportsUrl, OFSTED_FILES_URL: site.filesUrl };
    const scrape = await runCli(['scrape', 'SC036243', '--json'], env);
    assert.equal(scrape.code, 0, scrape.stderr);
  });
  after(async () => {
    await site.close();
    await database.cleanup();
  });

  it('re-derives reports an older parser read badly, from stored text, and raises no events', async () => {
    // Pretend an older parser version missed every grade.
    const store = await openStore(database.url);
    const rows = (await store.listReports('SC036243')).filter((r) => r.parsed?.kind === 'childrens-home-full');
    assert.ok(rows.length > 0, 'the scrape stored full inspections');
    await store.updateReports(
      rows.map((r) => ({ ...r, parserVersion: '0', parsed: { ...r.parsed!, overall: null, judgements: [], parserVersion: '0' } })),
    );
    await store.close();
    const eventsBefore = (await runCli(['events', '--json'], env)).json().length;

    const run = await runCli(['reparse', 'SC036243', '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    const result = run.json();
    assert.equal(result.parserVersion, PARSER_VERSION);
    assert.equal(result.changed, rows.length);
    assert.equal(result.reparsed, result.reports);
    assert.equal(result.noText, 0);

    const history = (await runCli(['history', 'SC036243', '--json'], env)).json();
    assert.equal(history.at(-1).overall, 'inadequate');
    assert.ok(history.every((h: { parserVersion: string }) => h.parserVersion === PARSER_VERSION), 'every report restamped');
    assert.equal((await runCli(['events', '--json'], env)).json().length, eventsBefore, 'no events raised');

    const again = await runCli(['reparse', '--all', '--json'], env);
    assert.equal(again.json().changed, 0);
  });

  it('needs either a URN or --all', async () => {
    for (const args of [['reparse'], ['reparse', 'SC036243', '--all']]) {
      const run = await runCli(args, env);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stderr.trim().split('\n').length, 1);
    }
  });
});
