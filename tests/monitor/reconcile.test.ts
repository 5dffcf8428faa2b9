import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reconcile, type StoredInspection } from '../../src/monitor/reconcile.js';
import { disagreementText, fieldTable } from '../../src/monitor/reconcile-text.js';
import type { OfstedInspection } from '../../src/ofsted/provider-data/provider-level-rows.js';
import type { Grade, ReportKind } from '../../src/ofsted/vocabulary.js';

// Ofsted's rows and stored inspections as plain data: SC036243's real history (Derby extracts) unless a
// test says otherwise.

function row(urn: string, inspectionDate: string, o: Partial<OfstedInspection> & { grades?: Record<string, Grade> } = {}): OfstedInspection {
  const { grades, ...rest } = o;
  return {
    urn,
    inspectionDate,
    publishedAt: null,
    kind: 'childrens-home-full',
    overall: grades?.['experiences-and-progress'] ?? null,
    judgements: Object.entries(grades ?? {}).map(([key, grade]) => ({ keys: key.split('|'), grade })),
    ...rest,
  };
}

function held(start: string, end: string | null, o: { kind?: ReportKind; overall?: Grade | null; judgements?: Record<string, Grade> } = {}): StoredInspection {
  return {
    kind: o.kind ?? 'childrens-home-full',
    inspectionStart: start,
    inspectionEnd: end,
    overall: o.overall === undefined ? (o.judgements?.['experiences-and-progress'] ?? null) : o.overall,
    judgements: Object.entries(o.judgements ?? {}).map(([key, grade]) => ({ key, area: key, grade })),
  };
}

const RI3 = { 'experiences-and-progress': 'requires-improvement', 'help-and-protection': 'requires-improvement', 'leadership-and-management': 'requires-improvement' } as const;
const GOOD3 = { 'experiences-and-progress': 'good', 'help-and-protection': 'good', 'leadership-and-management': 'good' } as const;

const stored = (entries: Record<string, StoredInspection[]>) => new Map(Object.entries(entries));

describe('reconcile', () => {
  it('agrees field by field with the stored inspection of the same date, whatever the store holds after it', () => {
    const r = reconcile(
      { urns: ['SC036243'], inspections: [row('SC036243', '2024-12-10', { grades: RI3 })] },
      stored({ SC036243: [held('2024-12-10', '2024-12-11', { judgements: RI3 }), held('2025-06-01', '2025-06-02', { judgements: GOOD3 })] }),
    );
    assert.equal(r.compared, 1);
    assert.equal(r.agree, 1);
    assert.deepEqual(r.disagree, []);
    assert.deepEqual(Object.keys(r.fields), ['inspectionDate', 'kind', 'overall', 'experiences-and-progress', 'help-and-protection', 'leadership-and-management']);
    assert.ok(Object.values(r.fields).every((f) => f.compared === 1 && f.agree === 1));
  });

  it("matches Ofsted's date to any day of a stored inspection (files give the first day in one year, the last in another)", () => {
    const r = reconcile(
      { urns: ['SC036240'], inspections: [row('SC036240', '2014-10-16', { kind: 'childrens-home-full' })] },
      stored({ SC036240: [held('2014-10-15', '2014-10-16')] }),
    );
    assert.equal(r.agree, 1);
  });

  it('lists a misread grade with ours and Ofsted’s values, once per field', () => {
    const misread = { ...GOOD3, 'help-and-protection': 'requires-improvement' } as const;
    const r = reconcile(
      { urns: ['SC065730'], inspections: [row('SC065730', '2017-09-26', { grades: { ...GOOD3, 'help-and-protection': 'requires-improvement', 'leadership-and-management': 'requires-improvement' } })] },
      stored({ SC065730: [held('2017-09-26', '2017-09-27', { overall: 'requires-improvement', judgements: misread })] }),
    );
    assert.equal(r.compared, 1);
    assert.equal(r.agree, 0);
    assert.deepEqual(r.disagree, [
      { urn: 'SC065730', field: 'overall', ours: 'requires-improvement', ofsted: 'good', inspectionDate: '2017-09-26' },
      { urn: 'SC065730', field: 'leadership-and-management', ours: 'good', ofsted: 'requires-improvement', inspectionDate: '2017-09-26' },
    ]);
    assert.deepEqual(r.fields.overall, { compared: 1, agree: 0 });
    assert.deepEqual(r.fields['help-and-protection'], { compared: 1, agree: 1 });
  });

  it('counts a grade the parser could not read as a disagreement with nothing of ours', () => {
    const r = reconcile(
      { urns: ['SC036019'], inspections: [row('SC036019', '2023-07-06', { grades: RI3 })] },
      stored({ SC036019: [held('2023-07-06', '2023-07-07', { overall: null, judgements: { 'help-and-protection': 'requires-improvement', 'leadership-and-management': 'requires-improvement' } })] }),
    );
    assert.deepEqual(r.disagree.map((d) => [d.field, d.ours, d.ofsted]), [
      ['overall', null, 'requires-improvement'],
      ['experiences-and-progress', null, 'requires-improvement'],
    ]);
    assert.match(disagreementText(r.disagree[0]!), /^SC036019, inspected 2023-07-06: overall: ours not read, Ofsted Requires improvement to be good$/);
  });

  it('gives inspectionDate for a row the store does not hold, with the nearest stored date when one is close', () => {
    const r = reconcile(
      {
        urns: ['SC488596', 'SC036240'],
        inspections: [row('SC488596', '2019-07-16', { grades: GOOD3 }), row('SC036240', '2019-04-15', { grades: GOOD3 })],
      },
      stored({
        SC488596: [held('2018-04-10', '2018-04-11', { judgements: RI3 })],
        // Read as the publication date, three weeks after the inspection.
        SC036240: [held('2019-05-08', '2019-05-08', { judgements: GOOD3 })],
      }),
    );
    assert.equal(r.compared, 2);
    assert.equal(r.agree, 0);
    assert.deepEqual(r.disagree, [
      { urn: 'SC488596', field: 'inspectionDate', ours: null, ofsted: '2019-07-16', inspectionDate: '2019-07-16' },
      { urn: 'SC036240', field: 'inspectionDate', ours: '2019-05-08', ofsted: '2019-04-15', inspectionDate: '2019-04-15' },
    ]);
    assert.deepEqual(r.fields, { inspectionDate: { compared: 2, agree: 0 } }, 'nothing else is compared without the inspection');
    assert.match(disagreementText(r.disagree[1]!), /nearest: 2019-05-08/);
  });

  it('lists URNs the store never scraped as notStored and compares none of their rows', () => {
    const r = reconcile(
      { urns: ['SC036243', 'SC002015', '2781227'], inspections: [row('SC036243', '2024-12-10', { grades: RI3 }), row('SC002015', '2024-06-01', { grades: GOOD3 })] },
      stored({ SC036243: [held('2024-12-10', '2024-12-11', { judgements: RI3 })] }),
    );
    assert.deepEqual(r.notStored, ['SC002015', '2781227']);
    assert.equal(r.compared, 1);
  });

  it('never compares grades on a visit: a monitoring row restates the last full grade, the visit has none', () => {
    const r = reconcile(
      { urns: ['SC023745'], inspections: [row('SC023745', '2019-03-15', { kind: 'childrens-home-monitoring', grades: { 'experiences-and-progress': 'requires-improvement' } })] },
      stored({ SC023745: [held('2019-03-15', '2019-03-15', { kind: 'childrens-home-monitoring', overall: null })] }),
    );
    assert.equal(r.agree, 1);
    assert.deepEqual(Object.keys(r.fields), ['inspectionDate', 'kind']);
  });

  it('catches a visit read as a full inspection (or the reverse) in kind', () => {
    const r = reconcile(
      { urns: ['SC036243'], inspections: [row('SC036243', '2025-02-19', { kind: 'childrens-home-assurance' })] },
      stored({ SC036243: [held('2025-02-19', '2025-02-19', { kind: 'childrens-home-full', overall: 'good' })] }),
    );
    assert.deepEqual(r.disagree.map((d) => [d.field, d.ours, d.ofsted]), [['kind', 'childrens-home-full', 'childrens-home-assurance']]);
  });

  it('compares an old heading with the judgement the stored report has: legacy before the SCCIF, SCCIF after', () => {
    const legacyRow = row('SC036240', '2014-10-16', {
      overall: 'good',
      grades: { 'overall-effectiveness|experiences-and-progress': 'good', outcomes: 'good', 'quality-of-care': 'outstanding', 'safeguarding|help-and-protection': 'good' },
    });
    const sccifRow = row('SC036243', '2015-05-13', { overall: 'good', grades: { 'experiences-and-progress|overall-effectiveness': 'good', 'help-and-protection|safeguarding': 'good' } });
    const r = reconcile(
      { urns: ['SC036240', 'SC036243'], inspections: [legacyRow, sccifRow] },
      stored({
        SC036240: [held('2014-10-15', '2014-10-16', { overall: 'good', judgements: { 'overall-effectiveness': 'good', outcomes: 'good', 'quality-of-care': 'outstanding', safeguarding: 'good' } })],
        SC036243: [held('2015-05-13', '2015-05-14', { judgements: { 'experiences-and-progress': 'good', 'help-and-protection': 'good' } })],
      }),
    );
    assert.equal(r.agree, 2);
    assert.deepEqual(r.fields.safeguarding, { compared: 1, agree: 1 });
    assert.deepEqual(r.fields['help-and-protection'], { compared: 1, agree: 1 });
  });

  it("takes Ofsted's restated old grades as the same: a 2011 Satisfactory is 2019's Requires improvement, Not judged is no grade", () => {
    const r = reconcile(
      {
        urns: ['SC023644'],
        inspections: [row('SC023644', '2011-02-24', { grades: { 'experiences-and-progress': 'requires-improvement', 'help-and-protection': 'not-judged' } })],
      },
      stored({ SC023644: [held('2011-02-24', '2011-02-24', { overall: 'satisfactory', judgements: { 'overall-effectiveness': 'satisfactory' } })] }),
    );
    assert.deepEqual(r.disagree.map((d) => d.field), ['experiences-and-progress'], 'only the judgement the old report does not have');
    // After the SCCIF the same pair is a disagreement.
    const later = reconcile(
      { urns: ['SC000001'], inspections: [row('SC000001', '2016-01-01', { grades: { 'experiences-and-progress': 'requires-improvement' } })] },
      stored({ SC000001: [held('2016-01-01', null, { overall: 'adequate', judgements: { 'experiences-and-progress': 'adequate' } })] }),
    );
    assert.equal(later.disagree.length, 2);
  });

  it('prints per-field figures as an aligned table', () => {
    const lines = fieldTable({ inspectionDate: { compared: 14, agree: 13 }, overall: { compared: 13, agree: 13 } });
    assert.deepEqual(lines, [
      'field           compared   agree   share',
      'inspectionDate        14      13   92.8%',
      'overall               13      13  100.0%',
    ]);
  });
});
