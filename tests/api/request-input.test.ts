import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError } from '../../src/api/http-error.js';
import { eventFilter, jobIdParam, urnParam } from '../../src/api/request-input.js';

function status400(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof HttpError && e.statusCode === 400 && message.test(e.message));
}

describe('urnParam', () => {
  it('normalises a URN and turns a malformed one into a 400 with the CLI\'s message', () => {
    assert.equal(urnParam(' ey123456 '), 'EY123456');
    status400(() => urnParam('SC1'), /^not a URN: "SC1" \(expected SC \+ 6 digits/);
  });
});

describe('eventFilter', () => {
  it('passes since and a normalised urn through, and nothing when neither is given', () => {
    assert.deepEqual(eventFilter({ since: '2019-10-01', urn: 'sc036243' }), { since: '2019-10-01', urn: 'SC036243' });
    assert.deepEqual(eventFilter({ since: '2019-10-01T06:00:00Z' }), { since: '2019-10-01T06:00:00Z' });
    assert.deepEqual(eventFilter({}), {});
    assert.deepEqual(eventFilter(undefined), {});
    assert.deepEqual(eventFilter({ other: 'ignored' }), {});
  });

  it('rejects a since that is not an ISO date, a bad urn and a repeated parameter', () => {
    status400(() => eventFilter({ since: '01/10/2019' }), /^since: needs an ISO date/);
    status400(() => eventFilter({ since: '2019-13-45' }), /^since: needs an ISO date/);
    status400(() => eventFilter({ urn: 'x' }), /^not a URN/);
    status400(() => eventFilter({ urn: ['SC036243', '100000'] }), /^urn: give it once/);
  });
});

describe('jobIdParam', () => {
  it('accepts the ids our queues make and rejects anything else', () => {
    for (const id of ['manual_SC036243', 'report_SC036243_12345', 'provider_100000_1717200000000', '42']) {
      assert.equal(jobIdParam(id), id);
    }
    for (const id of ['', 'a:b', 'a b', '../x', 'x'.repeat(201)]) status400(() => jobIdParam(id), /not a job id/);
  });
});
