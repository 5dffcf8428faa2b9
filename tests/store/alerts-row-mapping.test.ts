import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Selectable } from 'kysely';
import { BadInputError } from '../../src/errors.js';
import {
  messageToRow,
  nextScrapeHealth,
  rowToMessage,
  rowToSubscription,
  subscriptionToRow,
} from '../../src/store/alerts-row-mapping.js';
import type { OutboxMessagesTable, SubscriptionsTable } from '../../src/store/schema.js';
import { digest, message, subscription } from './alert-builders.js';

const AT = '2025-06-01T06:00:00.000Z';
const LATER = '2025-06-02T06:00:00.000Z';

describe('subscription rows', () => {
  it('round-trips a subscription, storing the `all` scope\'s missing value as one comparable value', () => {
    const all = subscription({ scope: 'all', value: null, events: ['rating-declined', 'enforcement'] });
    const row = subscriptionToRow(all, 'id-1', AT);
    assert.equal(row.value, '');
    assert.deepEqual(rowToSubscription(row as Selectable<SubscriptionsTable>), { ...all, id: 'id-1', createdAt: AT });
    const byUrn = subscription();
    assert.deepEqual(rowToSubscription(subscriptionToRow(byUrn, 'id-2', AT)), { ...byUrn, id: 'id-2', createdAt: AT });
  });

  it('rejects a value that does not fit the scope', () => {
    assert.throws(() => subscriptionToRow(subscription({ scope: 'all', value: 'SC1' }), 'id', AT), BadInputError);
    assert.throws(() => subscriptionToRow(subscription({ scope: 'owner', value: null }), 'id', AT), BadInputError);
    assert.throws(() => subscriptionToRow(subscription({ scope: 'la', value: '' }), 'id', AT), BadInputError);
  });
});

describe('outbox rows', () => {
  it('queues a message due at once with no attempts, and reads every field back', () => {
    const m = message('e1', 'a@example.org', { html: null });
    const row = messageToRow(m, AT);
    const { status, ...rest } = m;
    assert.deepEqual(rowToMessage({ ...row, seq: 1 } as Selectable<OutboxMessagesTable>), {
      ...rest,
      status,
      attempts: 0,
      nextAttemptAt: AT,
      lastError: null,
      digestKey: null,
      createdAt: AT,
      sentAt: null,
    });
    assert.equal(row.lease_until, null);
    assert.equal(messageToRow(digest('2025-06-01'), AT).event_id, null);
  });
});

describe('nextScrapeHealth', () => {
  it('starts a run of failures at the first failure', () => {
    assert.deepEqual(nextScrapeHealth('SC1', null, { ok: false, error: 'HTTP 503', at: AT }), {
      urn: 'SC1',
      failures: 1,
      failingSince: AT,
      lastError: 'HTTP 503',
      alertedAt: null,
    });
  });

  it('extends a run: counts up, keeps when it began and whether the operator was told, records the latest error', () => {
    const previous = { urn: 'SC1', failures: 3, failingSince: AT, lastError: 'HTTP 503', alertedAt: AT };
    assert.deepEqual(nextScrapeHealth('SC1', previous, { ok: false, error: 'timeout', at: LATER }), {
      urn: 'SC1',
      failures: 4,
      failingSince: AT,
      lastError: 'timeout',
      alertedAt: AT,
    });
  });

  it('ends a run on success, clearing failingSince and alertedAt but keeping the last error seen', () => {
    const previous = { urn: 'SC1', failures: 3, failingSince: AT, lastError: 'HTTP 503', alertedAt: AT };
    assert.deepEqual(nextScrapeHealth('SC1', previous, { ok: true, at: LATER }), {
      urn: 'SC1',
      failures: 0,
      failingSince: null,
      lastError: 'HTTP 503',
      alertedAt: null,
    });
    assert.deepEqual(nextScrapeHealth('SC1', null, { ok: true, at: LATER }), {
      urn: 'SC1',
      failures: 0,
      failingSince: null,
      lastError: null,
      alertedAt: null,
    });
  });

  it('dates a new run from its own first failure, not an earlier run', () => {
    const recovered = { urn: 'SC1', failures: 0, failingSince: null, lastError: 'old', alertedAt: null };
    const current = nextScrapeHealth('SC1', recovered, { ok: false, error: 'new', at: LATER });
    assert.equal(current.failingSince, LATER);
    assert.equal(current.failures, 1);
  });
});
