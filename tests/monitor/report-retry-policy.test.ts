import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadInputError, ForbiddenHostError, UnreadableReportError, UpstreamUnavailableError } from '../../src/errors.js';
import {
  afterFailure,
  classifyReportFailure,
  isRetryDue,
  isSettled,
  raisesScrapeFailed,
  retryDelayMs,
  type PreviousAttempt,
} from '../../src/monitor/report-retry.js';
import { DamagedDownloadError } from '../../src/ofsted/site/damaged-download-error.js';
import { NotAPdfError } from '../../src/ofsted/site/not-a-pdf-error.js';
import { ReportNotFoundError } from '../../src/ofsted/site/report-not-found-error.js';
import { ReportWithdrawnError } from '../../src/ofsted/site/report-withdrawn-error.js';
import { ResponseTooLargeError } from '../../src/ofsted/site/response-too-large-error.js';
import type { ReportState, StoredReport } from '../../src/store/store.js';

const MIN = 60_000;
const policy = { backoffMs: MIN, maxBackoffMs: 10 * MIN, limit: 3 };
const now = new Date('2025-06-01T12:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe('report retry policy', () => {
  it('names damage on the way transport, by the error class whatever its message says', () => {
    for (const err of [
      new NotAPdfError('the file is not a PDF'),
      new DamagedDownloadError('cut short'),
      new ReportNotFoundError('gone'),
      new UpstreamUnavailableError('HTTP 503'),
      new ForbiddenHostError('redirect elsewhere'),
    ]) {
      assert.equal(classifyReportFailure(err), 'transport', err.name);
    }
    assert.equal(classifyReportFailure(new ReportWithdrawnError('withdrawn')), 'withdrawn');
    // The message of an unreadable report may well mention HTML or truncation: it is still the report's own bytes.
    for (const err of [new UnreadableReportError('the file is an HTML page, not a PDF'), new ResponseTooLargeError('too large'), new BadInputError('not a URL')]) {
      assert.equal(classifyReportFailure(err), 'unreadable', err.name);
    }
  });

  it('backs off doubling from the first delay up to the longest', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 60].map((n) => retryDelayMs(n, policy) / MIN), [1, 2, 4, 8, 10, 10]);
  });

  const prev = (o: Partial<PreviousAttempt>): PreviousAttempt => ({ failure: 'unreadable', attempts: 1, sha256: 'a', parserVersion: '3', backfill: false, ...o });

  it('counts attempts of the same failure in a row; unreadable ones only for the same bytes and parser version', () => {
    const next = (failure: 'transport' | 'unreadable', previous: PreviousAttempt | undefined, sha256: string | null = 'a', parserVersion = '3') =>
      afterFailure({ failure, sha256, parserVersion, previous, now, policy });
    assert.deepEqual(next('transport', undefined, null), { attempts: 1, retryAt: later(MIN) });
    assert.deepEqual(next('transport', prev({ failure: 'transport', attempts: 4, sha256: null }), null), { attempts: 5, retryAt: later(10 * MIN) });
    assert.deepEqual(next('unreadable', prev({ attempts: 1 })), { attempts: 2, retryAt: later(2 * MIN) });
    assert.deepEqual(next('unreadable', prev({ attempts: 2 })), { attempts: 3, retryAt: null }, 'given up at the limit');
    assert.deepEqual(next('unreadable', prev({ attempts: 2, sha256: 'b' })), { attempts: 1, retryAt: later(MIN) }, 'other bytes');
    assert.deepEqual(next('unreadable', prev({ attempts: 2 }), 'a', '4'), { attempts: 1, retryAt: later(MIN) }, 'a new parser version');
    assert.deepEqual(next('unreadable', prev({ failure: 'transport', attempts: 9 })), { attempts: 1, retryAt: later(MIN) }, 'damage on the way never counts');
    assert.deepEqual(afterFailure({ failure: 'withdrawn', sha256: null, parserVersion: '3', previous: undefined, now, policy }), { attempts: 1, retryAt: null });
  });

  const state = (o: Partial<ReportState>): ReportState => ({ fileId: '1', parsed: false, failure: 'transport', attempts: 1, retryAt: later(MIN), sha256: null, parserVersion: '3', backfill: false, ...o });

  it('is due once its time has come, at once when a person asks, and when given up only under a new parser version', () => {
    const at = { now, parserVersion: '3', ignoreBackoff: false };
    assert.equal(isRetryDue(state({}), at), false);
    assert.equal(isRetryDue(state({}), { ...at, now: new Date(now.getTime() + MIN) }), true);
    assert.equal(isRetryDue(state({}), { ...at, ignoreBackoff: true }), true);
    assert.equal(isRetryDue(state({ failure: 'unreadable', retryAt: null }), { ...at, ignoreBackoff: true }), false, 'given up');
    assert.equal(isRetryDue(state({ failure: 'unreadable', retryAt: null, parserVersion: '2' }), at), true);
    assert.equal(isRetryDue(state({ failure: 'withdrawn', retryAt: null, parserVersion: '2' }), { ...at, ignoreBackoff: true }), false);
    assert.equal(isRetryDue(state({ parsed: true, failure: null, retryAt: null, parserVersion: '2' }), at), false, 'reparse, not retries, re-reads those');
  });

  it('tells the operator of a withdrawn report at once, of an unreadable one when given up, of damage on the way at the limit', () => {
    const r = (o: Partial<StoredReport>): StoredReport => ({ fileId: '1', urn: 'SC000001', url: 'u', title: 't', publishedAt: null, sha256: null, parserVersion: '3', parsed: null, error: 'e', fetchedAt: now.toISOString(), ...o });
    assert.equal(raisesScrapeFailed(r({ failure: 'withdrawn', attempts: 1, retryAt: null }), policy), true);
    assert.equal(raisesScrapeFailed(r({ failure: 'unreadable', attempts: 2, retryAt: later(MIN) }), policy), false);
    assert.equal(raisesScrapeFailed(r({ failure: 'unreadable', attempts: 3, retryAt: null }), policy), true);
    assert.deepEqual([2, 3, 4].map((attempts) => raisesScrapeFailed(r({ failure: 'transport', attempts, retryAt: later(MIN) }), policy)), [false, true, false]);
    assert.equal(isSettled({ parsed: null, failure: 'withdrawn' }), true);
    assert.equal(isSettled({ parsed: null, failure: 'unreadable' }), false);
  });
});
