import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  backoffDelay,
  isRetryableStatus,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
} from '../../../src/ofsted/site/retry-policy.js';

describe('isRetryableStatus', () => {
  it('retries 429, 500, 502, 503 and 504', () => {
    for (const s of [429, 500, 502, 503, 504]) assert.equal(isRetryableStatus(s), true, String(s));
  });
  it('does not retry 501, 4xx other than 429, or success', () => {
    for (const s of [200, 301, 400, 403, 404, 410, 501]) assert.equal(isRetryableStatus(s), false, String(s));
  });
});

describe('backoffDelay', () => {
  it('draws from [0, base * 2^(attempt-1)) with full jitter', () => {
    assert.equal(backoffDelay(1, 1000, () => 0), 0);
    assert.equal(backoffDelay(1, 1000, () => 0.999), 999);
    assert.equal(backoffDelay(3, 1000, () => 0.5), 2000);
  });
  it('caps the ceiling at one minute however many attempts', () => {
    assert.ok(backoffDelay(30, 1000, () => 0.999) < 60_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it('reads delta-seconds', () => {
    assert.equal(parseRetryAfter('1', now), 1000);
    assert.equal(parseRetryAfter(' 120 ', now), 120_000);
  });
  it('reads an HTTP-date relative to now', () => {
    assert.equal(parseRetryAfter('Wed, 01 May 2024 12:00:30 GMT', now), 30_000);
  });
  it('treats a past HTTP-date as zero', () => {
    assert.equal(parseRetryAfter('Wed, 01 May 2024 11:00:00 GMT', now), 0);
  });
  it('is null when absent or unreadable', () => {
    assert.equal(parseRetryAfter(null, now), null);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter('-5', now), null);
  });
  it('exposes a five-minute cap', () => {
    assert.equal(MAX_RETRY_AFTER_MS, 300_000);
  });
});
