import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, providerOutcome, summariseSweep, sweepSummaryText } from '../../src/monitor/sweep-summary.js';

describe('sweep summary', () => {
  it('counts declines among news only: a first scrape’s baseline raises none', () => {
    const events = [
      { type: 'rating-declined', backfill: true },
      { type: 'report-published', backfill: false },
      { type: 'judgement-declined', backfill: false },
      { type: 'interim-declined' },
    ];
    assert.deepEqual(providerOutcome(true, 2, events), { ok: true, reports: 2, events: 3, declines: 2 });
  });

  it('reads as one line: providers, ok, failed, new reports, declines, duration', () => {
    const outcomes = [providerOutcome(true, 3, [{ type: 'rating-declined' }]), providerOutcome(true, 0, []), providerOutcome(false, 0, [])];
    const s = summariseSweep({ id: 'j1', kind: 'discovery', startedAt: '2026-12-03T06:00:00.000Z', finishedAt: '2026-12-03T06:04:12.300Z' }, outcomes);
    assert.deepEqual([s.providers, s.ok, s.failed, s.reports, s.events, s.declines], [3, 2, 1, 3, 1, 1]);
    assert.equal(sweepSummaryText(s), 'discovery finished: 3 providers, 2 ok, 1 failed, 3 new reports, 1 decline, 4m12s');
    const one = summariseSweep({ id: null, kind: 'full', startedAt: '2026-12-03T03:00:00Z', finishedAt: '2026-12-03T03:00:00.950Z' }, [outcomes[1]!]);
    assert.equal(sweepSummaryText(one), 'full sweep finished: 1 provider, 1 ok, 0 failed, 0 new reports, 0 declines, 0.9s');
  });

  it('formats durations from tenths of a second to hours', () => {
    assert.deepEqual([0, 59_999, 60_000, 252_000, 7_380_000].map(formatDuration), ['0.0s', '59.9s', '1m00s', '4m12s', '2h03m']);
  });
});
