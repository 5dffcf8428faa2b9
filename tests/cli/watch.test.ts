import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, runCli, tempDir } from '../helpers/cli.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

const CSV_2025 = join(REPO_ROOT, 'fixtures/real/csv/childrens_social_care/provider_level_at_31_Mar_2025.csv');

describe('watch', () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  let database: TestDatabase;
  before(async () => {
    tmp = tempDir();
    database = await testDatabaseUrl();
    env = { DATABASE_URL: database.url };
  });
  after(async () => {
    tmp.cleanup();
    await database.cleanup();
  });

  it('imports all 5,600 URNs of the real 2025 provider-level CSV and reports the count', async () => {
    const run = await runCli(['watch', 'import', CSV_2025, '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.json().found, 5600);
    assert.equal(run.json().added, 5600);
    const list = await runCli(['watch', 'list', '--json'], env);
    assert.equal(list.json().length, 5600);
  });

  it('says how many it imported in plain output, and counts re-imports as already watched', async () => {
    const run = await runCli(['watch', 'import', CSV_2025], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /imported 5600 URNs .*0 added, 5600 already watched/);
  });

  it('adds and removes URNs, normalising case and whitespace', async () => {
    // SC036109 is not in the 2025 file imported above; SC488596 is.
    const add = await runCli(['watch', 'add', ' sc036109 ', 'SC488596', '--json'], env);
    assert.equal(add.code, 0, add.stderr);
    assert.deepEqual(add.json(), { added: 1, alreadyWatched: 1 });
    const list = await runCli(['watch', 'list', '--json'], env);
    assert.ok(list.json().some((w: { urn: string }) => w.urn === 'SC036109'));
    const remove = await runCli(['watch', 'remove', 'SC036109', '--json'], env);
    assert.deepEqual(remove.json(), { removed: 1, notWatched: 0 });
  });

  it('rejects a malformed URN with exit 2 and changes nothing', async () => {
    const run = await runCli(['watch', 'add', 'SC999998', 'SC03624'], env);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    const list = await runCli(['watch', 'list', '--json'], env);
    assert.ok(!list.json().some((w: { urn: string }) => w.urn === 'SC999998'));
  });

  it('exits 2 with one line for a missing file and for a CSV with no URNs', async () => {
    const missing = await runCli(['watch', 'import', join(tmp.dir, 'nope.csv')], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file/);
    const empty = join(tmp.dir, 'empty.csv');
    writeFileSync(empty, 'name,town\nA home,Derby\n');
    const none = await runCli(['watch', 'import', empty], env);
    assert.equal(none.code, 2);
    assert.equal(none.stderr.trim().split('\n').length, 1, none.stderr);
  });

  it('exits 2 with one line, and adds nothing, for a CSV that stops being readable part way', async () => {
    const broken = join(tmp.dir, 'broken.csv');
    writeFileSync(broken, 'URN,Name\nSC000001,A\nSC000002,"never closed\n');
    const run = await runCli(['watch', 'import', broken], env);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim(), 'ofsted-monitor: not a readable CSV: Quote Not Closed: the parsing is finished with an opening quote at line 3');
    const list = await runCli(['watch', 'list', '--json'], env);
    assert.ok(!list.json().some((w: { urn: string }) => w.urn === 'SC000001'));
  });

  it('exits 2 with one line for a spreadsheet too large to read whole, naming the way out', async () => {
    const big = join(tmp.dir, 'big.ods');
    writeFileSync(big, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(12 * 1024 * 1024)]));
    const run = await runCli(['watch', 'import', big], env);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim(), `ofsted-monitor: ${big} is 13 MB: a spreadsheet is read whole, so at most 10 MB; save its provider-level sheet as CSV`);
  });
});
