import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findAllDates, parseDate, parseDateRange } from '../../src/ofsted/dates.js';

describe('parseDateRange', () => {
  const cases: [string, string, string][] = [
    ['29 to 30 October 2019', '2019-10-29', '2019-10-30'],
    ['9-10 November 2016', '2016-11-09', '2016-11-10'],
    ['9 - 10 January 2018', '2018-01-09', '2018-01-10'],
    ['30 September to 1 October 2019', '2019-09-30', '2019-10-01'],
    ['30 December 2019 to 2 January 2020', '2019-12-30', '2020-01-02'],
    ['6 March 2017-30 March 2017', '2017-03-06', '2017-03-30'],
    ['8 January 2019', '2019-01-08', '2019-01-08'],
    ['08/01/2019', '2019-01-08', '2019-01-08'],
    ['29 to 30\nOctober 2019', '2019-10-29', '2019-10-30'],
    ['1st July 2014', '2014-07-01', '2014-07-01'],
  ];
  for (const [text, start, end] of cases) {
    it(`reads "${text.replace('\n', '\\n')}" as ${start}..${end}`, () => {
      assert.deepEqual(parseDateRange(text), { start, end });
    });
  }

  it('returns null when there is no date', () => {
    assert.equal(parseDateRange('no date here'), null);
  });

  it('rejects impossible dates rather than guessing', () => {
    assert.equal(parseDate('31 February 2019'), null);
    assert.equal(parseDate('32/01/2019'), null);
  });
});

describe('findAllDates', () => {
  it('finds long and numeric dates in order', () => {
    const found = findAllDates('due 29/11/2019 then 1 December 2019 and 13/12/2019').map((d) => d.iso);
    assert.deepEqual(found, ['2019-11-29', '2019-12-01', '2019-12-13']);
  });
});
