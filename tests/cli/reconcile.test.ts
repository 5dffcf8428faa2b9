import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Disagreement, Reconciliation } from '../../src/monitor/reconcile.js';
import { reconcileWithStore } from '../../src/monitor/reconcile-with-store.js';
import { readCsvRows } from '../../src/ofsted/csv/csv-rows.js';
import { readProviderLevelTables } from '../../src/ofsted/provider-data/provider-level-rows.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store, StoredReport } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { scrapeFromLocalSite } from '../api/pages/support/scrape-local-site.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { CSC_DIR, ofstedWorkbook } from '../helpers/ofsted-workbook.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

// End to end: real providers scraped from the local Ofsted site (built from Ofsted's own 2025 data and the
// Derby extracts), then the compiled CLI reconciles Ofsted's real provider-level files with the store.

const csv = (name: string) => join(CSC_DIR, name);
const CSV_2025 = csv('provider_level_at_31_Mar_2025.csv');
const tableOf = (name: string) => ({ name, rows: readCsvRows(readFileSync(csv(name), 'utf8')) });

// Curated Derby homes with their whole history (pre-2015, SCCIF, visits) on the local site.
const DERBY = ['SC065730', 'SC036240', 'SC036243'];

/** A spread of the 2025 file's providers: each grade, a 7-digit URN, an ungraded supported accommodation, an SC URN. */
function bulkUrns(): string[] {
  const data = readProviderLevelTables([tableOf('provider_level_at_31_Mar_2025.csv')]);
  const pick = (test: (i: (typeof data.inspections)[number]) => boolean) => data.inspections.find(test)!.urn;
  return [
    pick((i) => i.overall === 'inadequate'),
    pick((i) => i.overall === 'outstanding'),
    pick((i) => i.overall === 'requires-improvement' && /^\d{7}$/.test(i.urn)),
    pick((i) => i.overall === 'good' && i.urn.startsWith('SC')),
    pick((i) => i.kind === 'childrens-home-full' && i.overall === null),
    // Also in the 2019 file, with an inspection of 2018 the local site does not list.
    'SC036026',
  ];
}

describe("reconcile: the store against Ofsted's own provider-level data", () => {
  let site: FakeOfsted;
  let database: TestDatabase;
  let store: Store;
  let env: Record<string, string>;
  let tmp: ReturnType<typeof tempDir>;
  const bulk = bulkUrns();

  before(async () => {
    site = await startFakeOfsted({ now: '2025-06-30', bulk: true });
    database = await testDatabaseUrl();
    store = await openStore(database.url);
    tmp = tempDir();
    await scrapeFromLocalSite(store, site, [...DERBY, ...bulk]);
    env = { DATABASE_URL: database.url };
  });
  after(async () => {
    await store.close();
    await database.cleanup();
    await site.close();
    tmp.cleanup();
  });

  const reconcileJson = async (file: string, extra: Record<string, string> = {}): Promise<Reconciliation> => {
    const run = await runCli(['reconcile', file, '--json'], { ...env, ...extra });
    assert.equal(run.code, 0, run.stderr);
    return run.json<Reconciliation>();
  };

  /** Rewrite a stored report as a parser with a bug would have read it (the way `reparse` writes). */
  async function misread(urn: string, inspectionStart: string, change: (r: NonNullable<StoredReport['parsed']>) => void): Promise<() => Promise<void>> {
    const original = (await store.listReports(urn)).find((r) => r.parsed?.inspectionStart === inspectionStart);
    assert.ok(original?.parsed, `${urn} has a stored report of ${inspectionStart}`);
    const wrong = structuredClone(original);
    change(wrong.parsed!);
    await store.updateReports([wrong]);
    return () => store.updateReports([original]);
  }

  it('agrees on every inspection of the real 2025 file that it scraped, and prints the figures', async () => {
    const inFile = readProviderLevelTables([tableOf('provider_level_at_31_Mar_2025.csv')]);
    const scrapedWithInspection = [...DERBY, ...bulk].filter((u) => inFile.inspections.some((i) => i.urn === u));
    const r = await reconcileJson(CSV_2025);
    assert.equal(r.compared, scrapedWithInspection.length);
    assert.equal(r.agree, r.compared);
    assert.deepEqual(r.disagree, []);
    assert.equal(r.notStored.length, 5600 - [...DERBY, ...bulk].filter((u) => inFile.urns.includes(u)).length);
    assert.deepEqual(r.fields.overall, { compared: scrapedWithInspection.length - 1, agree: scrapedWithInspection.length - 1 }, 'supported accommodation has no grade');

    const human = await runCli(['reconcile', CSV_2025], env);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /5600 providers, 4343 inspections/);
    assert.match(human.stdout, new RegExp(`all fields agree on ${r.compared} of ${r.compared} inspections \\(100\\.0%\\)`));
    assert.match(human.stdout, /^overall\s+\d+\s+\d+\s+100\.0%$/m);
    assert.match(human.stdout, /never scraped \(\d+\): .*and \d+ more \(--json lists them all\)/);
    console.log(`# reconcile ${CSV_2025.replace(/.*fixtures/, 'fixtures')}: compared ${r.compared}, agree ${r.agree}, disagree ${r.disagree.length}, notStored ${r.notStored.length}`);
  });

  it('catches a mis-parsed report: the overall grade taken from the row below, a judgement left unread', async () => {
    const file = csv('derby_extracts/provider_level_at_31_Mar_2018_derby.csv');
    const before = await reconcileJson(file);
    assert.deepEqual(before.disagree, [], 'the parser reads the local site right');
    const eventsBefore = (await store.listEvents()).length;

    // SC065730, 26–27 Sep 2017: Good overall, help and protection and leadership Requires improvement.
    const restore = await misread('SC065730', '2017-09-26', (p) => {
      p.overall = 'requires-improvement';
      p.judgements = p.judgements.filter((j) => j.key !== 'experiences-and-progress');
      p.unreadable = ['experiences-and-progress'];
    });
    try {
      const r = await reconcileJson(file);
      assert.deepEqual(r.disagree, [
        { urn: 'SC065730', field: 'overall', ours: 'requires-improvement', ofsted: 'good', inspectionDate: '2017-09-26' },
        { urn: 'SC065730', field: 'experiences-and-progress', ours: null, ofsted: 'good', inspectionDate: '2017-09-26' },
      ]);
      assert.equal(r.agree, r.compared - 1);
      const human = await runCli(['reconcile', file], env);
      assert.equal(human.code, 0, 'disagreements are findings, not failures');
      assert.match(human.stdout, /2 disagreements:\n {2}SC065730, inspected 2017-09-26: overall: ours Requires improvement to be good, Ofsted Good\n {2}SC065730, inspected 2017-09-26: experiences-and-progress: ours not read, Ofsted Good/);
      assert.equal((await store.listEvents()).length, eventsBefore, 'reconciling raises no event');
    } finally {
      await restore();
    }
  });

  it('gives inspectionDate for an inspection the store lacks, with the date it holds when one was misread', async () => {
    const national = await reconcileJson(csv('provider_level_at_31_Mar_2019.csv'));
    assert.ok(
      national.disagree.some((d: Disagreement) => d.urn === 'SC036026' && d.field === 'inspectionDate' && d.ours === null && d.ofsted === '2018-09-12'),
      JSON.stringify(national.disagree),
    );
    // SC036240's inspection of 1–2 May 2018 stored under its publication date (21 May), a misread REAL-EVIDENCE §1 warns of.
    const restore = await misread('SC036240', '2018-05-01', (p) => {
      p.inspectionStart = '2018-05-21';
      p.inspectionEnd = '2018-05-21';
    });
    try {
      const r = await reconcileJson(csv('derby_extracts/provider_level_at_31_Mar_2019_derby.csv'));
      assert.deepEqual(r.disagree.filter((d) => d.urn === 'SC036240'), [
        { urn: 'SC036240', field: 'inspectionDate', ours: '2018-05-21', ofsted: '2018-05-01', inspectionDate: '2018-05-01' },
      ]);
    } finally {
      await restore();
    }
  });

  it('lists the URNs it never scraped as notStored, and reads the pre-2015 vocabulary of the 2015 file', async () => {
    const r = await reconcileJson(csv('derby_extracts/provider_level_at_31_Mar_2015_derby.csv'));
    assert.ok(r.notStored.includes('SC002015'));
    assert.ok(!r.notStored.some((u) => DERBY.includes(u)));
    assert.equal(r.compared, 3);
    assert.equal(r.agree, 3);
    assert.deepEqual(Object.keys(r.fields), ['inspectionDate', 'kind', 'overall', 'overall-effectiveness', 'outcomes', 'quality-of-care', 'safeguarding', 'leadership-and-management']);
  });

  it('reads the ODS workbook as the CSVs, whatever the time zone, and watch import keeps it as a snapshot', async () => {
    const ods = join(tmp.dir, 'childrens_social_care_2025_derby.ods');
    writeFileSync(
      ods,
      ofstedWorkbook([
        { name: 'Provider_level_at_31_Mar_2025', csv: 'derby_extracts/provider_level_at_31_Mar_2025_derby.csv' },
        { name: 'Provider_level_in_year_2024-25', csv: 'derby_extracts/provider_level_in_year_2024-25_derby.csv' },
      ]),
    );
    const fromCsv = await reconcileWithStore(
      readProviderLevelTables([tableOf('derby_extracts/provider_level_at_31_Mar_2025_derby.csv'), tableOf('derby_extracts/provider_level_in_year_2024-25_derby.csv')]),
      store,
    );
    // A date cell taken at local midnight shifts a day east of UTC; read with local getters, west of it.
    for (const TZ of ['Pacific/Auckland', 'America/Los_Angeles']) {
      assert.deepEqual(await reconcileJson(ods, { TZ }), fromCsv, `ODS read in ${TZ}`);
    }
    // SC036243's assurance visit of 19 Feb 2025 (in-year sheet) matched as a visit, its full inspection of 10 Dec 2024 as one.
    assert.equal(fromCsv.compared, 4, JSON.stringify(fromCsv));
    assert.equal(fromCsv.agree, 4);
    assert.deepEqual(fromCsv.fields.kind, { compared: fromCsv.compared, agree: fromCsv.compared });

    const imported = await runCli(['watch', 'import', ods, '--json'], env);
    assert.equal(imported.code, 0, imported.stderr);
    const out = imported.json();
    assert.equal(out.found, readProviderLevelTables([tableOf('derby_extracts/provider_level_at_31_Mar_2025_derby.csv'), tableOf('derby_extracts/provider_level_in_year_2024-25_derby.csv')]).urns.length);
    assert.equal(out.snapshot.created, true);
    const again = await runCli(['watch', 'import', ods], env);
    assert.match(again.stdout, /imported before: kept once, compared once/);
    assert.deepEqual((await store.listReferenceSnapshots()).map((s) => s.fileName), ['childrens_social_care_2025_derby.ods']);
  });

  it('exits 2 with one line for a missing file, a file with no provider-level table, and a file that is no table', async () => {
    const cases: [string, RegExp][] = [
      [join(tmp.dir, 'nope.csv'), /no such file/],
      [csv('guidance_sheet_2025.csv'), /holds no provider-level data/],
      [join(import.meta.dirname, '..', 'fixtures', 'reports', 'childrens-home', 'full-2019-SC454266-good.pdf'), /neither a CSV nor a spreadsheet/],
    ];
    for (const [file, message] of cases) {
      const run = await runCli(['reconcile', file, '--json'], env);
      assert.equal(run.code, 2, `${file}: ${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, message);
    }
  });
});
