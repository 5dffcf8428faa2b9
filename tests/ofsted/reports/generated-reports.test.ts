import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReportPdf } from '../../../src/ofsted/reports/parse-report.js';
import { renderReport } from '../../../tools/fake-ofsted/reports/render-report.js';
import { FakeScenario } from '../../../tools/fake-ofsted/scenario/fake-scenario.js';

// Every generated children's-home report of the curated scenario (real dates and grades, varied layouts)
// must read back as the scenario wrote it.

const scenario = new FakeScenario({ bulk: false });
const cases = scenario.curated.flatMap((provider) =>
  provider.reports.filter((r) => r.kind !== 'file').map((report) => ({ provider, report })),
);

describe("generated children's-home reports read back as written", () => {
  it('covers every kind of children\'s-home report', () => {
    const kinds = new Set(cases.map((c) => c.report.kind));
    for (const k of ['full', 'interim', 'monitoring', 'assurance', 'legacy-full']) assert.ok(kinds.has(k as never), k);
  });

  for (const { provider, report } of cases) {
    it(`${provider.urn} ${report.kind} of ${report.inspectionStart}`, async () => {
      const parsed = await parseReportPdf(await renderReport(provider, report));
      assert.equal(parsed.kind, `childrens-home-${report.kind.replace('legacy-', '')}`);
      assert.equal(parsed.urn, provider.urn);
      assert.equal(parsed.inspectionStart, report.inspectionStart);
      assert.equal(parsed.inspectionEnd, report.inspectionEnd);
      assert.equal(parsed.overall, report.grades?.experiences ?? report.grades?.overall ?? null);
      if (report.grades?.protection) {
        assert.equal(parsed.judgements.find((j) => j.key === 'help-and-protection')?.grade, report.grades.protection);
        assert.equal(parsed.judgements.find((j) => j.key === 'leadership-and-management')?.grade, report.grades.leadership);
      }
      assert.equal(parsed.interimOutcome, report.interimOutcome);
      assert.deepEqual(
        parsed.requirements.map((r) => [r.regulation, r.dueDate]),
        report.requirements.map((r) => [r.regulation, r.dueDate]),
      );
      for (const [i, r] of report.requirements.entries()) {
        assert.ok(parsed.requirements[i]!.text.startsWith(r.text.slice(0, 40).replace(/[’‘]/g, "'")), parsed.requirements[i]!.text);
      }
      // Visit reports sign off straight after the requirements table: no name may end up in a requirement.
      for (const r of [...parsed.requirements.map((q) => q.text), ...parsed.recommendations]) {
        for (const name of report.inspectors) assert.ok(!r.includes(name), `inspector ${name} inside: ${r}`);
      }
      assert.equal(parsed.recommendations.length, report.recommendations.length);
      assert.equal(parsed.registeredManager, report.registeredManager);
      assert.deepEqual(parsed.inspectors, report.inspectors);
      if (provider.owner && report.kind !== 'legacy-full') assert.equal(parsed.registeredProvider, provider.owner);
      assert.deepEqual(parsed.unreadable, []);
    });
  }

  it('quotes the Derby finding from the October 2019 inspection of SC036243', async () => {
    const provider = scenario.provider('SC036243')!;
    const report = provider.reports.find((r) => r.inspectionStart === '2019-10-29')!;
    const parsed = await parseReportPdf(await renderReport(provider, report));
    assert.ok(parsed.keyFindings.includes('Risks are not clearly identified, understood or managed.'), JSON.stringify(parsed.keyFindings));
    assert.equal(parsed.previous?.date, '2019-01-08');
    assert.equal(parsed.previous?.overall, 'good');
    assert.equal(parsed.enforcementSinceLast, 'none');
  });
});
