import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeScenario } from '../../../../tools/fake-ofsted/scenario/fake-scenario.js';

const curated = new FakeScenario({ bulk: false });

describe('FakeScenario: curated providers', () => {
  it('tells the SC036243 story: Good in January 2019, Inadequate in October 2019, then the real reports', () => {
    const p = curated.provider('SC036243');
    assert.ok(p, 'SC036243 exists');
    assert.equal(p.category, 'CARE');
    assert.equal(p.name, null, 'an anonymised home has no name');
    assert.equal(p.owner, 'Derby City Council');
    const summary = p.reports.map((r) => `${r.kind} ${r.inspectionStart} ${r.publishedAt} ${r.grades?.experiences ?? r.grades?.overall ?? r.interimOutcome ?? '-'}`);
    assert.deepEqual(summary, [
      'legacy-full 2014-07-01 2014-07-22 adequate',
      'full 2015-05-13 2015-06-22 good',
      'interim 2016-05-17 2016-06-07 sustained',
      'interim 2017-05-23 2017-06-13 sustained',
      'interim 2018-06-12 2018-07-03 sustained',
      'full 2019-01-08 2019-01-30 good',
      'full 2019-10-29 2019-11-27 inadequate',
      'full 2019-12-10 2020-01-08 requires-improvement',
      'full 2021-10-19 2021-12-01 requires-improvement',
      'full 2022-09-05 2022-10-17 good',
      'full 2024-01-24 2024-03-12 good',
      'full 2024-12-10 2025-01-24 requires-improvement',
      'assurance 2025-02-19 2025-03-26 -',
    ]);
    const october = p.reports[6];
    assert.deepEqual(october?.grades, { experiences: 'inadequate', protection: 'inadequate', leadership: 'inadequate' });
    assert.equal(october?.inspectionEnd, '2019-10-30');
    assert.equal(october?.enforcement, 'none');
    assert.deepEqual(october?.keyFindings, ['Risks are not clearly identified, understood or managed.']);
    assert.match(october?.source ?? '', /^synthetic: /);
    assert.equal(p.reports[10]?.grades?.leadership, 'outstanding');
  });

  it('gives SC488596 a declined interim and an ungraded monitoring visit in 2020', () => {
    const p = curated.provider('SC488596');
    const interim = p?.reports.find((r) => r.kind === 'interim');
    const visit = p?.reports.find((r) => r.kind === 'monitoring');
    assert.equal(interim?.interimOutcome, 'declined');
    assert.equal(interim?.publishedAt, '2020-01-10');
    assert.equal(visit?.title, 'Monitoring visit');
    assert.equal(visit?.grades, null);
    assert.equal(visit?.publishedAt, '2020-03-05');
    // Publication date missing from the 2016 CSV: inspection end + 21 days.
    assert.equal(p?.reports[0]?.publishedAt, '2015-10-16');
  });

  it('marks every report of SC036109, absent from the CSVs, as synthetic', () => {
    const p = curated.provider('SC036109');
    assert.ok(p, 'SC036109 exists');
    assert.match(p.source, /^synthetic: /);
    assert.equal(p.reports.length, 2);
    for (const r of p.reports) assert.match(r.source, /^synthetic: /);
    assert.equal(p.reports[1]?.publishedAt, '2019-10-08');
  });

  it('serves the real PDFs of Derby (80459) and school 103980 as file reports', () => {
    const la = curated.provider('80459');
    assert.equal(la?.category, '44');
    assert.deepEqual(la?.reports.map((r) => [r.kind, r.title, r.inspectionStart]), [
      ['file', "Children's services inspection", '2017-03-06'],
      ['file', "Children's services inspection", '2022-03-21'],
      ['file', 'Focused visit', '2023-10-25'],
      ['file', "Children's services inspection", '2025-05-19'],
    ]);
    assert.equal(curated.provider('103980')?.reports[0]?.file, 'fixtures/real/pdf/school/school_103980_old_report.pdf');
  });

  it('holds a 7-digit-URN home whose latest report Ofsted withdrew', () => {
    const p = curated.provider('2999001');
    assert.ok(p, '2999001 exists');
    assert.equal(p.name, null);
    assert.equal(p.category, 'CARE');
    assert.deepEqual(p.reports.map((r) => [r.inspectionStart, r.publishedAt, r.withdrawn]), [
      ['2024-03-12', '2024-04-18', false],
      ['2025-02-04', '2025-03-20', true],
    ]);
    assert.match(p.source, /^synthetic: /);
    for (const r of p.reports) assert.match(r.source, /^synthetic: /);
  });

  it('holds a school in category 23, whose page only a browser can read, with a generated report it names as such', () => {
    const p = curated.provider('990012');
    assert.equal(p?.category, '23');
    assert.equal(p?.name, 'Marshside Academy');
    assert.deepEqual(p?.reports.map((r) => [r.kind, r.file, r.withdrawn]), [
      ['file', 'tests/fixtures/reports/school/eif-990012-marshside-academy.pdf', false],
    ]);
    assert.match(p?.reports[0]?.source ?? '', /^generated PDF /);
  });

  it('withdraws no report unless the data says so', () => {
    const withdrawn = curated.curated.flatMap((p) => p.reports.filter((r) => r.withdrawn).map((r) => p.urn));
    assert.deepEqual(withdrawn, ['2999001']);
  });

  it('gives every report a unique 8-digit file id, the same in every instance', () => {
    const ids = curated.curated.flatMap((p) => p.reports.map((r) => r.fileId));
    for (const id of ids) assert.match(id, /^\d{8}$/);
    assert.equal(new Set(ids).size, ids.length);
    const again = new FakeScenario({ bulk: false });
    assert.deepEqual(again.curated.flatMap((p) => p.reports.map((r) => r.fileId)), ids);
    assert.deepEqual(again.curated, curated.curated, 'synthetic details are deterministic too');
  });

  it('fills in manager, inspectors and findings where the data says nothing', () => {
    for (const p of curated.curated.filter((x) => x.category === 'CARE')) {
      for (const r of p.reports) {
        assert.ok(r.inspectors.length >= 1, `${r.fileId} has an inspector`);
        assert.ok(r.keyFindings.length >= 1, `${r.fileId} has key findings`);
        for (const q of r.requirements) assert.ok(q.dueDate > r.inspectionEnd, `${r.fileId} due date after the inspection`);
      }
    }
  });

  it('does not read the bulk CSVs when bulk is off', () => {
    assert.equal(curated.provider('2660783'), undefined);
    assert.equal(curated.bulkLoaded, false);
  });
});

describe('FakeScenario: bulk providers', () => {
  const bulk = new FakeScenario();

  it('indexes lazily and builds a provider from its CSV rows on first use', () => {
    assert.equal(bulk.bulkLoaded, false);
    const p = bulk.provider('2660783');
    assert.equal(bulk.bulkLoaded, true);
    assert.ok(p, '2660783 exists');
    assert.equal(p.name, null, 'REDACTED in the CSV: anonymised');
    assert.equal(p.localAuthority, 'Derby');
    assert.equal(p.registrationDate, '2022-01-18');
    assert.deepEqual(p.reports.map((r) => [r.kind, r.inspectionStart, r.publishedAt]), [
      ['full', '2024-10-21', '2025-01-24'],
      ['assurance', '2025-02-11', '2025-03-12'],
    ]);
    assert.deepEqual(p.reports[0]?.grades, { experiences: 'requires-improvement', protection: 'requires-improvement', leadership: 'inadequate' });
    assert.match(p.reports[0]?.source ?? '', /provider_level_in_year_2024-25\.csv, event 10328224/);
    assert.equal(bulk.provider('2660783'), p, 'built once');
  });

  it('finds a bulk report by file id before its provider page was ever asked for', () => {
    const fresh = new FakeScenario();
    const id = bulk.provider('2660783')?.reports[1]?.fileId ?? '';
    assert.equal(fresh.findReport(id)?.provider.urn, '2660783');
  });

  it('keeps providers that left during 2024-25 with their status', () => {
    const resigned = bulk.providers.filter((p) => p.source.includes('(not in provider_level'));
    assert.equal(resigned.length, 60);
    assert.ok(resigned.some((p) => p.status !== 'Active'), 'some are not active');
  });
});
