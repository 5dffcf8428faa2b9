import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readCsvRows } from '../../../src/ofsted/csv/csv-rows.js';
import { columnRole, eventKind, gradeColumnKeys } from '../../../src/ofsted/provider-data/provider-level-columns.js';
import { ProviderLevelReader, readProviderLevelTables, type OfstedInspection } from '../../../src/ofsted/provider-data/provider-level-rows.js';
import { ALL_JUDGEMENT_AREAS } from '../../../src/ofsted/vocabulary.js';
import { CSC_DIR } from '../../helpers/ofsted-workbook.js';

function read(...files: string[]) {
  return readProviderLevelTables(files.map((f) => ({ name: f, rows: readCsvRows(readFileSync(join(CSC_DIR, f), 'utf8')) })));
}

const of = (data: { inspections: OfstedInspection[] }, urn: string) => data.inspections.filter((i) => i.urn === urn);
const grades = (i: OfstedInspection | undefined) => Object.fromEntries((i?.judgements ?? []).map((j) => [j.keys.join('|'), j.grade]));

// Expected counts were taken independently with Python's csv module (header = first row with a cell
// "URN"; an inspection = a data row with an inspection date).
describe("readProviderLevelTables on Ofsted's real provider-level files", () => {
  it('reads the 2025 file: 5,600 providers, 4,343 with a latest full inspection, grades on the SCCIF scale', () => {
    const data = read('provider_level_at_31_Mar_2025.csv');
    assert.equal(data.urns.length, 5600);
    assert.equal(data.inspections.length, 4343);
    assert.equal(data.skipped, 0);
    assert.deepEqual(data.inspections[0], {
      urn: '2590934',
      inspectionDate: '2024-11-05',
      publishedAt: '2025-01-14',
      kind: 'childrens-home-full',
      overall: 'requires-improvement',
      judgements: [
        { keys: ['experiences-and-progress'], grade: 'requires-improvement' },
        { keys: ['help-and-protection'], grade: 'requires-improvement' },
        { keys: ['leadership-and-management'], grade: 'requires-improvement' },
      ],
    });
    const overall = (g: string) => data.inspections.filter((i) => i.overall === g).length;
    // Python: 522 RI, 3,059 Good, 658 Outstanding, 54 Inadequate; 50 supported accommodation rows have no grade.
    assert.deepEqual([overall('requires-improvement'), overall('good'), overall('outstanding'), overall('inadequate')], [522, 3059, 658, 54]);
    assert.equal(data.inspections.filter((i) => i.overall === null).length, 50);
  });

  it('reads every event of the in-year file, full inspections, monitoring inspections and assurance visits', () => {
    const data = read('provider_level_in_year_2024-25.csv');
    assert.equal(data.urns.length, 3991);
    assert.equal(data.inspections.length, 4921);
    const kinds = (k: string) => data.inspections.filter((i) => i.kind === k).length;
    // "Full Inspection" and "Monitoring Inspection" (capitalised) are the same events.
    assert.deepEqual([kinds('childrens-home-full'), kinds('childrens-home-monitoring'), kinds('childrens-home-assurance')], [3994, 470, 457]);
    assert.deepEqual(of(data, 'SC036243').map((i) => [i.inspectionDate, i.kind, i.overall]), [
      ['2025-02-19', 'childrens-home-assurance', null],
      ['2024-12-10', 'childrens-home-full', 'requires-improvement'],
    ]);
  });

  it('reads the 2019 file: "Requires Improvement to be good" casing, 7-digit URNs, monitoring inspections', () => {
    const data = read('provider_level_at_31_Mar_2019.csv');
    assert.equal(data.inspections.length, 2864);
    assert.deepEqual(of(data, '1027076')[0], {
      urn: '1027076',
      inspectionDate: '2018-12-03',
      publishedAt: '2018-12-07',
      kind: 'childrens-home-full',
      overall: 'requires-improvement',
      judgements: [
        { keys: ['experiences-and-progress'], grade: 'requires-improvement' },
        { keys: ['help-and-protection'], grade: 'requires-improvement' },
        { keys: ['leadership-and-management'], grade: 'requires-improvement' },
      ],
    });
    assert.equal(data.inspections.filter((i) => i.kind === 'childrens-home-monitoring').length, 4);
    // A 2011 inspection restated on the SCCIF columns, with "Not judged" where the old framework had no such judgement.
    assert.deepEqual(grades(of(data, 'SC023644')[0]), {
      'experiences-and-progress': 'requires-improvement',
      'help-and-protection': 'not-judged',
      'leadership-and-management': 'not-judged',
    });
  });

  it('reads the 2015 file in the pre-SCCIF vocabulary (Adequate, Satisfactory, five judgements)', () => {
    const data = read('provider_level_at_31_Mar_2015.csv');
    assert.equal(data.inspections.length, 2605);
    const headline = (g: string) => data.inspections.filter((i) => i.overall === g).length;
    assert.deepEqual([headline('adequate'), headline('satisfactory'), headline('outstanding')], [610, 16, 442]);
    // SC466378 (Havering, 26/03/2015): Adequate overall, Good outcomes and care.
    assert.deepEqual(grades(of(data, 'SC466378')[0]), {
      'overall-effectiveness|experiences-and-progress': 'adequate',
      outcomes: 'good',
      'quality-of-care': 'good',
      'safeguarding|help-and-protection': 'adequate',
      'leadership-and-management': 'adequate',
    });
    assert.equal(of(data, 'SC466378')[0]?.inspectionDate, '2015-03-26');
  });

  it('reads the SCCIF inspections the 2016 file lists under the old headings as SCCIF judgements', () => {
    const data = read('derby_extracts/provider_level_at_31_Mar_2016_derby.csv');
    // SC036243, 13/05/2015: an SCCIF full inspection, headed "Overall effectiveness" and "Safeguarding…".
    const sccif = of(data, 'SC036243')[0];
    assert.equal(sccif?.overall, 'good');
    assert.deepEqual(grades(sccif), {
      'experiences-and-progress|overall-effectiveness': 'good',
      'help-and-protection|safeguarding': 'good',
      'leadership-and-management': 'good',
    });
    // SC036240, 16/10/2014: before the SCCIF, so the same headings are the old judgements.
    const legacy = of(data, 'SC036240')[0];
    assert.equal(legacy?.inspectionDate, '2014-10-16');
    assert.deepEqual(Object.keys(grades(legacy)), [
      'overall-effectiveness|experiences-and-progress',
      'outcomes',
      'quality-of-care',
      'safeguarding|help-and-protection',
      'leadership-and-management',
    ]);
  });

  it('reads the 2022 file (a blank line in its preamble, "Latest full inspectio…" headings)', () => {
    const data = read('derby_extracts/provider_level_at_31_Mar_2022_derby.csv');
    assert.equal(data.urns.length, 22);
    assert.equal(data.inspections.length, 20);
    assert.deepEqual(of(data, '1247144')[0]?.overall, 'requires-improvement');
    assert.equal(of(data, '1247144')[0]?.publishedAt, '2021-07-09');
  });

  it("takes the latest inspection of the 2024 file, never the previous one's columns beside it", () => {
    const data = read('derby_extracts/provider_level_at_31_Mar_2024_derby.csv');
    const sc036243 = of(data, 'SC036243');
    assert.equal(sc036243.length, 1);
    assert.equal(sc036243[0]?.inspectionDate, '2024-01-24');
    assert.equal(grades(sc036243[0])['leadership-and-management'], 'outstanding');
  });

  it('counts a row repeated in two tables once (the in-year sheet repeats the latest full inspection)', () => {
    const both = read('derby_extracts/provider_level_at_31_Mar_2025_derby.csv', 'derby_extracts/provider_level_in_year_2024-25_derby.csv');
    assert.equal(of(both, 'SC036243').filter((i) => i.inspectionDate === '2024-12-10').length, 1);
    assert.deepEqual(both.tables, ['derby_extracts/provider_level_at_31_Mar_2025_derby.csv', 'derby_extracts/provider_level_in_year_2024-25_derby.csv']);
  });

  it('passes over tables that are not provider-level data (the guidance sheet, national counts)', () => {
    const data = read('guidance_sheet_2025.csv', 'in_year_time_series_2007-2025.csv');
    assert.deepEqual(data, { urns: [], inspections: [], skipped: 0, tables: [] });
  });
});

describe('provider-level columns', () => {
  it('maps every graded column to judgement keys the vocabulary knows', () => {
    const known = new Set(ALL_JUDGEMENT_AREAS.map((a) => a.key));
    for (const key of gradeColumnKeys()) assert.ok(known.has(key), `${key} is not a judgement key of vocabulary.ts`);
  });

  it('reads headings whatever their line breaks and case, and ignores the previous inspection and unparsed judgements', () => {
    assert.equal(columnRole('\nLatest full inspection date'), 'inspectionDate');
    assert.equal(columnRole('Inspection Date'), 'inspectionDate');
    assert.equal(columnRole('Registration date'), null);
    assert.equal(columnRole('Previous full inspection event date'), null);
    assert.equal(columnRole('Previous overall experiences and progress of children and young people'), null);
    assert.equal(columnRole('Latest full inspectio health services'), null);
    assert.equal(columnRole('Supported Accommodation outcome'), null);
    assert.deepEqual(columnRole('Latest full inspection the effectiveness of leaders and managers'), {
      headline: false,
      legacyKey: null,
      sccifKey: 'leadership-and-management',
    });
  });

  it('names the report kind of each event type', () => {
    assert.equal(eventKind('Full Inspection'), 'childrens-home-full');
    assert.equal(eventKind('Monitoring inspection'), 'childrens-home-monitoring');
    assert.equal(eventKind('Assurance visit'), 'childrens-home-assurance');
    assert.equal(eventKind('Interim inspection'), 'childrens-home-interim');
    assert.equal(eventKind(''), null);
    assert.equal(eventKind('Registration visit'), null);
  });
});

describe('ProviderLevelReader', () => {
  const rows = readCsvRows(readFileSync(join(CSC_DIR, 'provider_level_at_31_Mar_2025.csv'), 'utf8'));
  const headerAt = rows.findIndex((r) => r.some((c) => c.trim() === 'URN'));

  it('reads row by row what readProviderLevelTables reads whole', () => {
    const reader = new ProviderLevelReader();
    assert.equal(reader.startTable('2025', rows[headerAt]!), true);
    for (const row of rows.slice(headerAt + 1)) reader.push(row);
    assert.equal(reader.overflowed, false);
    assert.deepEqual(reader.data, readProviderLevelTables([{ name: '2025', rows }]));
  });

  it('keeps nothing past maxKept, only counting, so a file of any length costs bounded memory', () => {
    const reader = new ProviderLevelReader(1_000);
    reader.startTable('2025', rows[headerAt]!);
    for (const row of rows.slice(headerAt + 1)) reader.push(row);
    assert.equal(reader.overflowed, true);
    assert.deepEqual(reader.data, { urns: [], inspections: [], skipped: 0, tables: ['2025'] });
  });

  it('passes over a table without an inspection date column', () => {
    const reader = new ProviderLevelReader();
    assert.equal(reader.startTable('list', ['URN', 'Name']), false);
    reader.push(['SC036243', 'A home']);
    assert.deepEqual(reader.data, { urns: [], inspections: [], skipped: 0, tables: [] });
  });
});
