import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { after, before, describe, it } from 'node:test';
import { PARSER_VERSION } from '../../src/ofsted/reports/parser-version.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { runCli, tempDir } from '../helpers/cli.js';

describe('reparse', () => {
  let site: FakeOfsted;
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  let dbPath: string;

  before(async () => {
    site = await startFakeOfsted({ now: '2019-12-31', bulk: false });
    tmp = tempDir();
    dbPath = `${tmp.dir}/monitor.db`;
    env = { DATABASE_URL: `sqlite:${dbPath}`, OFSTED_REPORTS_URL: site.reportsUrl, OFSTED_FILES_URL: site.filesUrl };
    const scrape = await runCli(['scrape', 'SC036243', '--json'], env);
    assert.equal(scrape.code, 0, scrape.stderr);
  });
  after(async () => {
    await site.close();
    tmp.cleanup();
  });

  it('re-derives reports an older parser read badly, from stored text, and raises no events', async () => {
    // Pretend an older parser version missed every grade.
    const db = new Database(dbPath);
    const rows = db.prepare("select file_id, parsed_json from reports where kind = 'childrens-home-full'").all() as {
      file_id: string;
      parsed_json: string;
    }[];
    for (const row of rows) {
      const old = { ...JSON.parse(row.parsed_json), overall: null, judgements: [], parserVersion: '0' };
      db.prepare("update reports set parsed_json = ?, overall = null, parser_version = '0' where file_id = ?").run(JSON.stringify(old), row.file_id);
    }
    db.close();
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
