import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BadInputError } from '../../../src/errors.js';
import {
  HEADERLESS_COLUMN,
  NO_URN_COLUMN,
  assertHasUrnColumn,
  readUrnsFromCsv,
} from '../../../src/ofsted/csv/watchlist-csv.js';

const CSC = new URL('../../../fixtures/real/csv/childrens_social_care/', import.meta.url);

function fixture(name: string): string {
  return readFileSync(new URL(name, CSC), 'utf8');
}

// Expected counts were taken independently with Python's csv module (header = first row with a
// cell "URN", values matched against the URN pattern, distinct in order).
describe('readUrnsFromCsv on Ofsted provider-level files', () => {
  it('reads exactly 5,600 distinct URNs from the 2025 file (3-line preamble, multi-line header cells)', () => {
    const result = readUrnsFromCsv(fixture('provider_level_at_31_Mar_2025.csv'));
    assert.equal(result.column, 'URN');
    assert.equal(result.urns.length, 5600);
    assert.equal(result.skipped, 0);
    assert.equal(result.urns[0], '2590934');
    assert.equal(result.urns.at(-1), '2795256');
  });

  it('reads the 2019 file, whose single preamble line starts "Provider information"', () => {
    const result = readUrnsFromCsv(fixture('provider_level_at_31_Mar_2019.csv'));
    assert.equal(result.column, 'URN');
    assert.equal(result.urns.length, 2864);
    assert.equal(result.skipped, 0);
    assert.equal(result.urns[0], '1027076');
  });

  it('reads the 2015 file (header on the first line, SC URNs) and ignores its padding rows of empty cells', () => {
    const result = readUrnsFromCsv(fixture('provider_level_at_31_Mar_2015.csv'));
    assert.equal(result.urns.length, 2605);
    assert.equal(result.skipped, 0);
    assert.equal(result.urns[0], 'SC037454');
    assert.equal(result.urns.at(-1), 'SC800001');
    // All SC URNs except the four secure training centres, which have 6-digit URNs.
    assert.deepEqual(
      result.urns.filter((u) => !u.startsWith('SC')),
      ['128851', '128768', '128932', '129050'],
    );
  });

  it('dedupes the in-year file, where a provider appears once per inspection, keeping first-seen order', () => {
    const result = readUrnsFromCsv(fixture('provider_level_in_year_2024-25.csv'));
    assert.equal(result.urns.length, 3991);
    assert.equal(new Set(result.urns).size, 3991);
    assert.deepEqual(result.urns.slice(0, 3), ['1027164', '1159903', '1183479']);
  });

  it('reads a Derby extract with a 4-line preamble including a blank row', () => {
    const result = readUrnsFromCsv(fixture('derby_extracts/provider_level_at_31_Mar_2022_derby.csv'));
    assert.equal(result.urns.length, 22);
    assert.ok(result.urns.includes('SC488596'));
  });

  it('reads a CRLF Derby extract and takes URN rather than "Linked education URN"', () => {
    const result = readUrnsFromCsv(fixture('derby_extracts/provider_level_at_31_Mar_2017_derby.csv'));
    assert.equal(result.urns.length, 16);
    assert.ok(result.urns.includes('SC036243'));
    // 113044 is the Royal School for the Deaf's linked education URN; it must not be imported.
    assert.ok(!result.urns.includes('113044'));
  });
});

describe('readUrnsFromCsv on hand-made CSVs', () => {
  it('reads a plain CSV with a lower-case "urn" header, normalising and deduping values', () => {
    const csv = 'name,urn\nA, sc036243 \nB,SC036243\nC,80459\nD,not-a-urn\nE,\n';
    assert.deepEqual(readUrnsFromCsv(csv), { urns: ['SC036243', '80459'], skipped: 2, column: 'urn' });
  });

  it('finds a header cell that has line breaks and spaces around "URN"', () => {
    const csv = 'title line,,\nWeb link,"\nURN\n",Name\nx,EY123456,Nursery\n';
    assert.deepEqual(readUrnsFromCsv(csv), { urns: ['EY123456'], skipped: 0, column: 'URN' });
  });

  it('takes the column headed exactly URN, not one that merely contains it', () => {
    const csv = 'Linked Education URN,URN\n113044,SC002015\n';
    assert.deepEqual(readUrnsFromCsv(csv), { urns: ['SC002015'], skipped: 0, column: 'URN' });
  });

  it('reads a headerless single column of URNs, skipping blanks and invalid entries', () => {
    const csv = '\uFEFFSC036243\r\n\r\n2590934,\r\nSC12\r\nsc036243\r\n';
    assert.deepEqual(readUrnsFromCsv(csv), { urns: ['SC036243', '2590934'], skipped: 1, column: HEADERLESS_COLUMN });
  });

  it('gives no URNs and no column for an empty file', () => {
    assert.deepEqual(readUrnsFromCsv(''), { urns: [], skipped: 0, column: NO_URN_COLUMN });
  });

  it('finds no URN column in a CSV of other data', () => {
    const result = readUrnsFromCsv(fixture('guidance_sheet_2025.csv'));
    assert.equal(result.column, NO_URN_COLUMN);
    assert.deepEqual(result.urns, []);
  });

  it('rejects text that is not readable CSV as bad input', () => {
    assert.throws(() => readUrnsFromCsv('URN,name\nSC036243,"unclosed\n'), BadInputError);
  });
});

describe('assertHasUrnColumn', () => {
  it('throws one line of bad input when no URN column was found', () => {
    assert.throws(
      () => assertHasUrnColumn(readUrnsFromCsv(''), 'empty.csv'),
      (error: unknown) => {
        assert.ok(error instanceof BadInputError);
        assert.equal(error.exitCode, 2);
        assert.match(error.message, /^no URN column in empty\.csv: /);
        assert.ok(!error.message.includes('\n'));
        return true;
      },
    );
  });

  it('accepts a file with a URN header even when it has no rows', () => {
    assert.doesNotThrow(() => assertHasUrnColumn(readUrnsFromCsv('URN\n')));
    assert.doesNotThrow(() => assertHasUrnColumn(readUrnsFromCsv('SC036243\n')));
  });
});
