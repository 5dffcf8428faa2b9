import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  manualProviderJobId,
  notifyJobId,
  providerDeduplicationId,
  recordJobId,
  reportJobId,
  retryProviderJobId,
  stallRequeueJobId,
  sweepProviderJobId,
} from '../../workers/queues.js';

// BullMQ builds Redis keys as <prefix>:<queue>:<jobId>, so a ':' in a job id would break them.

describe('job ids', () => {
  it('never contain a colon, whatever a fileId or event id looks like', () => {
    const ids = [
      sweepProviderJobId('SC036243', '1795340870000'),
      sweepProviderJobId('SC036243', 'repeat:watchlist-sweep:1795340870000'),
      manualProviderJobId('SC036243'),
      providerDeduplicationId('SC036243'),
      recordJobId('provider_SC036243_1795340870000'),
      reportJobId('SC036243', 'abc:def/ghi'),
      notifyJobId('SC036243-rating-declined-0123456789abcdef'),
      stallRequeueJobId('SC036243', '2025-06-01', 2),
      retryProviderJobId('SC036243', '2025-06-01T12:00:00.000Z'),
      retryProviderJobId('SC036243', 'parser-3'),
    ];
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]+$/, id);
  });

  it('name a report job by URN and fileId only, so a report found twice is one job', () => {
    assert.equal(reportJobId('SC036243', '10541604'), reportJobId('SC036243', '10541604'));
    assert.notEqual(reportJobId('SC036243', '10541604'), reportJobId('SC036109', '10541604'));
  });

  it('name a sweep provider job by URN and tick, so a retried tick adds nothing twice and the next tick adds anew', () => {
    assert.equal(sweepProviderJobId('SC036243', '1000'), sweepProviderJobId('SC036243', '1000'));
    assert.notEqual(sweepProviderJobId('SC036243', '1000'), sweepProviderJobId('SC036243', '6000'));
  });

  it('give sweep and manual jobs of a URN one deduplication id, so a URN is never scraped twice at once', () => {
    assert.equal(providerDeduplicationId('SC036243'), providerDeduplicationId('SC036243'));
    assert.notEqual(providerDeduplicationId('SC036243'), providerDeduplicationId('SC036109'));
  });
});
