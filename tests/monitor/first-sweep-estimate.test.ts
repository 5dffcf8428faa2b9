import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFirstSweep, duration } from '../../src/monitor/first-sweep-estimate.js';

describe('first-sweep estimate', () => {
  it('counts one request per page and per listed report, at the configured rate', () => {
    assert.equal(
      describeFirstSweep({ urns: 2814, newUrns: 2790, reports: 0, requestsPerSecond: 1 }),
      'watch import: 2,814 URNs (2,790 new); the first sweep reads at least 2,814 pages: ~47 min at 1 request/s',
    );
    assert.equal(
      describeFirstSweep({ urns: 5600, newUrns: 5600, reports: 4306, requestsPerSecond: 0.5 }),
      'watch import: 5,600 URNs (5,600 new); the first sweep reads at least 5,600 pages and 4,306 reports: ~5 h 30 min at 0.5 requests/s',
    );
  });

  it('says durations as a person plans with them', () => {
    assert.deepEqual([duration(0.2), duration(83), duration(95), duration(5400), duration(9906), duration(3 * 86400 + 4 * 3600)], ['1 s', '83 s', '2 min', '1 h 30 min', '2 h 45 min', '3 d 4 h']);
  });
});
