import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { BadInputError } from '../../../src/errors.js';
import { readCsvRows, streamCsvRows } from '../../../src/ofsted/csv/csv-rows.js';

const CSC = new URL('../../../fixtures/real/csv/childrens_social_care/', import.meta.url);

/** `text` in pieces of `size` characters, as a file arrives. */
async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function streamed(text: string, size: number): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const batch of streamCsvRows(pieces(text, size))) rows.push(...batch);
  return rows;
}

describe('streamCsvRows', () => {
  for (const file of ['provider_level_at_31_Mar_2025.csv', 'provider_level_at_31_Mar_2015.csv', 'provider_level_in_year_2024-25.csv']) {
    it(`reads ${file} row for row as readCsvRows does, whatever the pieces`, async () => {
      const text = readFileSync(new URL(file, CSC), 'utf8');
      const whole = readCsvRows(text);
      // Pieces that cut header cells with line breaks, quoted cells and the byte-order mark's line.
      assert.deepEqual(await streamed(text, 65_536), whole);
      assert.deepEqual(await streamed(text, 97), whole);
    });
  }

  it('keeps rows of every width, as Ofsted preambles and padded rows have', async () => {
    const text = '\uFEFFTitle of the file\n\nURN,Name,Town\nSC036243,"A home,\nwith a line break",Derby\n,,\n2590934,B\n';
    assert.deepEqual(await streamed(text, 5), [['Title of the file'], ['URN', 'Name', 'Town'], ['SC036243', 'A home,\nwith a line break', 'Derby'], ['', '', ''], ['2590934', 'B']]);
  });

  it('rejects what readCsvRows rejects, with the same one line', async () => {
    const text = 'URN,Name\nSC036243,"never closed\n';
    const sync = (() => {
      try {
        readCsvRows(text);
      } catch (err) {
        return err;
      }
    })();
    const err = await streamed(text, 4).then(() => assert.fail('expected bad input'), (e: unknown) => e);
    assert.ok(err instanceof BadInputError && sync instanceof BadInputError);
    assert.equal(err.message, sync.message);
    assert.match(err.message, /^not a readable CSV: Quote Not Closed/);
  });
});
