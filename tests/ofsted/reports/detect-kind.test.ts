import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { detectReportKind } from '../../../src/ofsted/reports/detect-kind.js';
import { buildReportText } from '../../../src/ofsted/reports/report-text.js';
import { renderReport } from '../../../tools/fake-ofsted/reports/render-report.js';
import { FakeScenario } from '../../../tools/fake-ofsted/scenario/fake-scenario.js';
import { REPO_ROOT } from '../../helpers/cli.js';

const detect = (pages: string[]) => detectReportKind(buildReportText(pages));
const pdftotext = (pdf: Buffer) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' }).split('\f');

describe('detectReportKind on every labelled report', () => {
  const corpus = join(REPO_ROOT, 'tests/fixtures/reports');
  const families = readdirSync(corpus).filter((f) => existsSync(join(corpus, f, 'labels.json')));
  it('has the local-authority and school corpora to check', () => {
    for (const f of ['local-authority', 'school']) assert.ok(families.includes(f), f);
  });
  for (const family of families) {
    const labels = JSON.parse(readFileSync(join(corpus, family, 'labels.json'), 'utf8')) as { file: string; expected: { kind?: string } }[];
    for (const label of labels.filter((l) => l.expected.kind)) {
      // pdftotext only, for speed: the family tests check the kind read through pdf-parse too.
      it(`reads ${family}/${label.file} as ${label.expected.kind}`, () => {
        assert.equal(detect(pdftotext(readFileSync(join(corpus, family, label.file)))), label.expected.kind);
      });
    }
  }
});

describe("detectReportKind never takes a children's home report for an LA or school one", () => {
  const scenario = new FakeScenario({ bulk: false });
  const reports = scenario.curated.flatMap((p) => p.reports.filter((r) => r.kind !== 'file').map((r) => ({ p, r })));
  it("renders every generated children's home report (they mention local authorities and schools)", async () => {
    assert.ok(reports.length > 10);
    for (const { p, r } of reports) {
      const pages = pdftotext(await renderReport(p, r));
      assert.equal(detect(pages), `childrens-home-${r.kind.replace('legacy-', '')}`, `${p.urn} ${r.kind} ${r.inspectionStart}`);
    }
  });

  it('keeps a children\'s home report whose opening lines talk of local authority children\'s services and schools', () => {
    const kind = detect([
      [
        "Children's home: SC036243",
        'Derby City Council',
        'Full inspection',
        'Inspection dates: 29 to 30 October 2019',
        "The home works with the inspection of local authority children's services team and the virtual school.",
        "Children's services in Derby are good at finding placements; children attend local schools.",
        'The quality of education children receive has improved. Behaviour and attitudes in school are positive.',
        'Overall experiences and progress of children and young people: inadequate',
      ].join('\n'),
    ]);
    assert.equal(kind, 'childrens-home-full');
  });

  it("keeps a children's home monitoring visit letter whose heading names a focused visit", () => {
    const kind = detect([
      [
        'Inspection report for children’s home: SC488596',
        'Monitoring visit',
        'This monitoring visit follows the focused visit to Derby City children’s services on 2 March 2020.',
      ].join('\n'),
    ]);
    assert.equal(kind, 'childrens-home-monitoring');
  });
});

describe('detectReportKind reads LA and school reports from their titles', () => {
  it("reads an ILACS report that mentions children's homes and schools as la-childrens-services", () => {
    const kind = detect([
      [
        'Inspection of Testshire local authority',
        'children’s services',
        'Inspection dates: 2 to 13 February 2026',
        'The local authority operates seven children’s homes and works closely with schools.',
        'The quality of education for children in care is monitored by the virtual school.',
      ].join('\n'),
    ]);
    assert.equal(kind, 'la-childrens-services');
  });

  it('reads a focused visit letter, which names the ILACS framework, as la-focused-visit', () => {
    const kind = detect([
      [
        'Ofsted',
        'Piccadilly Gate',
        '29 November 2023',
        'Dear Mr Smith',
        'Focused visit to Derby City children’s services',
        'This visit was carried out in line with the inspection of local authority children’s services (ILACS) framework.',
      ].join('\n'),
    ]);
    assert.equal(kind, 'la-focused-visit');
  });

  it('reads a report card for a school without "school" in its name, which lists its local authority, as school', () => {
    const kind = detect([
      [
        'Folkestone Primary',
        'Report card',
        'Inspection dates: 3 and 4 December 2025',
        'Inclusion Expected standard',
        'Curriculum and teaching Strong standard',
        'Local authority Kent',
      ].join('\n'),
    ]);
    assert.equal(kind, 'school');
  });

  it('reads an Ofsted document of no known family as other, and a non-report as nothing', () => {
    assert.equal(detect(['Ofsted annual report 2024\nThis report sets out the work of Ofsted over the year.']), 'other');
    assert.equal(detect(['Shopping list: milk, eggs, bread and some more groceries for the week.']), null);
  });
});
