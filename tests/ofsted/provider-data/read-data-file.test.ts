import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BadInputError } from '../../../src/errors.js';
import { readProviderLevelTables } from '../../../src/ofsted/provider-data/provider-level-rows.js';
import { MAX_SPREADSHEET_BYTES, decodeText, openDataFile, readDataFile, type DataSource } from '../../../src/ofsted/provider-data/read-data-file.js';
import { REPO_ROOT, tempDir } from '../../helpers/cli.js';
import { ofstedWorkbook } from '../../helpers/ofsted-workbook.js';

const tmp = tempDir();
after(() => tmp.cleanup());

describe('readDataFile', () => {
  it("reads an ODS workbook made like Ofsted's: every sheet, dates as ISO, numeric URNs as text, formula cells by their value", async () => {
    const path = join(tmp.dir, 'csc.ods');
    writeFileSync(path, ofstedWorkbook([{ name: 'Provider_level_at_31_Mar_2025', csv: 'derby_extracts/provider_level_at_31_Mar_2025_derby.csv' }]));
    const file = await readDataFile(path);
    assert.equal(file.format, 'spreadsheet');
    assert.deepEqual(file.tables.map((t) => t.name), ['Cover', 'Guidance', 'Provider_level_at_31_Mar_2025']);
    const sheet = file.tables[2]!;
    const header = sheet.rows.findIndex((r) => r.includes('URN'));
    const first = sheet.rows[header + 1]!;
    assert.equal(first[0], 'Ofsted Social Care Provider Webpage');
    const data = readProviderLevelTables(file.tables);
    assert.deepEqual(data.tables, ['Provider_level_at_31_Mar_2025']);
    const sc036243 = data.inspections.find((i) => i.urn === 'SC036243');
    assert.deepEqual([sc036243?.inspectionDate, sc036243?.publishedAt, sc036243?.overall], ['2024-12-10', '2025-01-24', 'requires-improvement']);
    // 7-digit URNs are numbers in the sheet.
    assert.ok(data.urns.some((u) => /^\d{7}$/.test(u)));
  });

  it('reads a CSV saved in Windows-1252 (en dashes, curly apostrophes) as well as one in UTF-8', async () => {
    const latin = Buffer.concat([
      Buffer.from("Children's social care data in England 2024 "),
      Buffer.from([0x96]),
      Buffer.from(' Provider level\nURN,Provision type,Inspection date,Overall effectiveness\nSC036243,Children'),
      Buffer.from([0x92]),
      Buffer.from('s home,13/05/2015,Good\n'),
    ]);
    assert.equal(decodeText(latin).split('\n')[0], "Children's social care data in England 2024 \u2013 Provider level");
    const path = join(tmp.dir, 'latin.csv');
    writeFileSync(path, latin);
    const file = await readDataFile(path);
    assert.equal(file.format, 'csv');
    assert.equal(file.tables[0]?.rows[2]?.[1], 'Children\u2019s home');
    assert.equal(decodeText(Buffer.from('\uFEFFURN,caf\u00e9\n')), 'URN,caf\u00e9\n', 'UTF-8 wins, its byte-order mark dropped');
  });

  it('turns away what is no table with one line of bad input', async () => {
    const zip = join(tmp.dir, 'not-a-sheet.ods');
    writeFileSync(zip, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]));
    await assert.rejects(readDataFile(zip), (e: unknown) => e instanceof BadInputError && /not a readable spreadsheet/.test(e.message) && !e.message.includes('\n'));
    await assert.rejects(readDataFile(tmp.dir), (e: unknown) => e instanceof BadInputError && /is not a file/.test(e.message));
    await assert.rejects(readDataFile(join(tmp.dir, 'missing.csv')), (e: unknown) => e instanceof BadInputError && /no such file/.test(e.message));
  });
});

describe('openDataFile', () => {
  const rowsOf = async (source: DataSource) => {
    assert.equal(source.format, 'csv');
    const rows: string[][] = [];
    if (source.format === 'csv') for await (const batch of source.rows()) rows.push(...batch);
    return rows;
  };

  it('streams the rows readDataFile reads, each time it is asked', async () => {
    const path = join(REPO_ROOT, 'fixtures/real/csv/childrens_social_care/provider_level_at_31_Mar_2025.csv');
    const whole = (await readDataFile(path)).tables[0]!.rows;
    const source = await openDataFile(path);
    assert.deepEqual(await rowsOf(source), whole);
    assert.deepEqual(await rowsOf(source), whole);
  });

  it('decides UTF-8 or Windows-1252 over the whole file, even when the first byte of Windows-1252 comes late', async () => {
    // 200 KB of ASCII first: more than one read of the file stream.
    const latin = Buffer.concat([Buffer.from(`URN,Name\n${'SC036243,A home\n'.repeat(13_000)}`), Buffer.from('SC036244,Children'), Buffer.from([0x92]), Buffer.from('s home\n')]);
    const path = join(tmp.dir, 'late-latin.csv');
    writeFileSync(path, latin);
    const rows = await rowsOf(await openDataFile(path));
    assert.equal(rows.at(-1)?.[1], 'Children\u2019s home');
    assert.deepEqual(rows, (await readDataFile(path)).tables[0]!.rows);
  });

  it('turns away a file with a NUL byte anywhere, and a spreadsheet too large to read whole, with one line', async () => {
    const nul = join(tmp.dir, 'nul.csv');
    writeFileSync(nul, Buffer.concat([Buffer.from(`URN\n${'SC036243\n'.repeat(20_000)}`), Buffer.from([0])]));
    await assert.rejects(openDataFile(nul), (e: unknown) => e instanceof BadInputError && e.message === `${nul} is neither a CSV nor a spreadsheet (ODS)`);
    const big = join(tmp.dir, 'big.ods');
    writeFileSync(big, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(MAX_SPREADSHEET_BYTES)]));
    await assert.rejects(
      openDataFile(big),
      (e: unknown) => e instanceof BadInputError && e.message === `${big} is 11 MB: a spreadsheet is read whole, so at most 10 MB; save its provider-level sheet as CSV`,
    );
    await assert.rejects(openDataFile(join(tmp.dir, 'missing.csv')), (e: unknown) => e instanceof BadInputError && /no such file/.test(e.message));
  });
});
