import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, runCli, tempDir } from '../helpers/cli.js';
import { ofstedWorkbook } from '../helpers/ofsted-workbook.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

// `watch import --la / --owner / --type` on Ofsted's real 2025 provider-level data, as CSV and as the ODS
// workbook it is published in. Expected counts were taken from the CSV with a separate script (Python's
// csv module): Derby has 46 providers, Derby City Council owns 7, 5 of them children's homes in Derby.

const CSV_2025 = join(REPO_ROOT, 'fixtures/real/csv/childrens_social_care/provider_level_at_31_Mar_2025.csv');
const CSV_2015 = join(REPO_ROOT, 'fixtures/real/csv/childrens_social_care/provider_level_at_31_Mar_2015.csv');

describe('watch import filters', () => {
  let tmp: ReturnType<typeof tempDir>;
  let ods: string;
  const databases: TestDatabase[] = [];

  before(() => {
    tmp = tempDir();
    ods = join(tmp.dir, 'childrens-social-care-2025.ods');
    writeFileSync(
      ods,
      ofstedWorkbook([
        { name: 'Provider_level_at_31_Mar_2025', csv: 'provider_level_at_31_Mar_2025.csv' },
        { name: 'Provider_level_in_year_2024-25', csv: 'provider_level_in_year_2024-25.csv' },
      ]),
    );
  });
  after(async () => {
    tmp.cleanup();
    for (const d of databases) await d.cleanup();
  });

  /** A fresh, empty store's environment. */
  async function freshEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const database = await testDatabaseUrl();
    databases.push(database);
    return { DATABASE_URL: database.url, ...extra };
  }

  async function watched(env: Record<string, string>): Promise<number> {
    const list = await runCli(['watch', 'list', '--json'], env);
    assert.equal(list.code, 0, list.stderr);
    return list.json().length;
  }

  it('csv: --la keeps only that local authority\'s providers, whatever the case', async () => {
    const run = await runCli(['watch', 'import', CSV_2025, '--la', 'DERBY', '--json'], await freshEnv());
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.json().found, 46);
  });

  it('csv: --owner, repeated --type, and all three filters combined', async () => {
    const env = await freshEnv();
    const owner = await runCli(['watch', 'import', CSV_2025, '--owner', 'derby city council', '--json'], env);
    assert.equal(owner.code, 0, owner.stderr);
    assert.equal(owner.json().found, 7);
    const types = await runCli(['watch', 'import', CSV_2025, '--type', "Secure children's home", '--type', 'Secure Training Centre', '--json'], env);
    assert.equal(types.code, 0, types.stderr);
    assert.equal(types.json().found, 15);
    const all = await runCli(['watch', 'import', CSV_2025, '--la', 'Derby', '--owner', 'Derby City Council', '--type', 'children’s home', '--json'], env);
    assert.equal(all.code, 0, all.stderr);
    assert.deepEqual([all.json().found, all.json().added, all.json().alreadyWatched], [5, 0, 5]);
  });

  // The workbook is read whole by SheetJS (seconds each run): two runs cover its filter columns and errors.
  it('ods: all three filters combined, read from both provider-level sheets', async () => {
    const run = await runCli(['watch', 'import', ods, '--la', 'derby', '--owner', 'Derby City Council', '--type', "Children's home", '--json'], await freshEnv());
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.json().found, 5);
    assert.match(run.stderr, /^watch import: 5 URNs \(5 new\); the first sweep reads at least 5 pages and \d+ reports: ~\d+ s at 1 request\/s\n$/);
  });

  for (const format of ['csv', 'ods'] as const) {
    it(`${format}: a typo'd local authority exits 2 with one line naming Derby, and adds nothing`, async () => {
      const env = await freshEnv();
      const run = await runCli(['watch', 'import', format === 'csv' ? CSV_2025 : ods, '--la', 'Dreby'], env);
      assert.equal(run.code, 2);
      const lines = run.stderr.trim().split('\n');
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0]!, /local authority "Dreby" \(--la\): near names: Derby(;|$)/);
      assert.equal(await watched(env), 0);
    });
  }

  it('folds "&" and "and", punctuation and spacing in names ("Bournemouth, Christchurch & Poole")', async () => {
    const run = await runCli(['watch', 'import', CSV_2025, '--la', ' bournemouth  christchurch and poole', '--json'], await freshEnv());
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.json().found, 18);
  });

  it('refuses filters that each match but never in one row, and adds nothing', async () => {
    const env = await freshEnv();
    const run = await runCli(['watch', 'import', CSV_2025, '--la', 'Kent', '--owner', 'Derby City Council'], env);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim(), `ofsted-monitor: no row of ${CSV_2025} matches --la "Kent" and --owner "Derby City Council" together: each is in the file, but not in one row`);
    assert.equal(await watched(env), 0);
  });

  it('refuses --owner on a file without an owner column (the 2015 file), and a bare URN list', async () => {
    const env = await freshEnv();
    const old = await runCli(['watch', 'import', CSV_2015, '--owner', 'Derby City Council'], env);
    assert.equal(old.code, 2);
    assert.match(old.stderr.trim(), /^ofsted-monitor: .*provider_level_at_31_Mar_2015\.csv has no owner column .*--owner cannot be applied$/);
    const bare = join(tmp.dir, 'bare.csv');
    writeFileSync(bare, 'SC036243\nSC488596\n');
    const list = await runCli(['watch', 'import', bare, '--la', 'Derby'], env);
    assert.equal(list.code, 2);
    assert.match(list.stderr.trim(), /has no local authority column .*--la cannot be applied$/);
    assert.equal(await watched(env), 0);
  });

  it('tells on stderr, before adding, how many URNs are new and how long the first sweep takes at REQUESTS_PER_SECOND', async () => {
    const env = await freshEnv();
    // 46 pages and Derby's 37 dated inspections (the file's latest full inspections): 83 requests.
    const first = await runCli(['watch', 'import', CSV_2025, '--la', 'Derby', '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stderr.trim(), 'watch import: 46 URNs (46 new); the first sweep reads at least 46 pages and 37 reports: ~83 s at 1 request/s');
    assert.equal(first.json().found, 46, 'stdout stays one JSON document');
    // Already watched: their pages are still read, their reports are stored already.
    const again = await runCli(['watch', 'import', CSV_2025, '--owner', 'Derby City Council'], { ...env, REQUESTS_PER_SECOND: '2' });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stderr.trim(), 'watch import: 7 URNs (0 new); the first sweep reads at least 7 pages: ~4 s at 2 requests/s');
  });

  it('estimates the whole 2025 list in hours', async () => {
    const run = await runCli(['watch', 'import', CSV_2025], await freshEnv());
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr.trim(), /^watch import: 5,600 URNs \(5,600 new\); the first sweep reads at least 5,600 pages and \d,\d{3} reports: ~\d h( \d+ min)? at 1 request\/s$/);
  });
});
