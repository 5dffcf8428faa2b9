import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../src/errors.js';
import { normaliseSince, supersedes } from '../../src/store/row-mapping.js';

describe('supersedes', () => {
  it('lets a later or equally dated report replace the current one', () => {
    assert.equal(supersedes('2019-12-05', '2019-11-20'), true);
    assert.equal(supersedes('2019-11-20', '2019-11-20'), true);
  });

  it('keeps the current report when the candidate was published earlier', () => {
    assert.equal(supersedes('2019-11-01', '2019-11-20'), false);
  });

  it('lets the report written last win when either date is unknown', () => {
    assert.equal(supersedes(null, '2019-11-20'), true);
    assert.equal(supersedes('2019-11-01', null), true);
  });
});

describe('normaliseSince', () => {
  it('keeps a plain ISO date, which compares as a prefix of stored timestamps', () => {
    assert.equal(normaliseSince(' 2025-02-01 '), '2025-02-01');
  });

  it('brings any other timestamp to UTC toISOString form', () => {
    assert.equal(normaliseSince('2025-02-20T07:00:00+01:00'), '2025-02-20T06:00:00.000Z');
    assert.equal(normaliseSince('2025-02-20T06:00:00Z'), '2025-02-20T06:00:00.000Z');
  });

  it('rejects text that is not a date as bad input', () => {
    assert.throws(() => normaliseSince('yesterday'), BadInputError);
    assert.throws(() => normaliseSince('2025-13-45'), BadInputError);
  });
});
