import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testStoreKind } from '../helpers/test-database.js';
import { message } from './alert-builders.js';
import { TestStores } from './test-stores.js';

// Sending from the outbox on the store this run tests (TEST_STORE). Several stores on one database
// stand for several daemons: a message must go to exactly one of them.

const KIND = testStoreKind();
const stores = new TestStores();
afterEach(() => stores.cleanup());

const T0 = '2025-06-01T06:00:00.000Z';
const T1 = '2025-06-01T06:01:00.000Z';
const T2 = '2025-06-01T06:02:00.000Z';
const T3 = '2025-06-01T06:03:00.000Z';

// ---- sending: due, claim, sent, failed ---------------------------------------------------------

describe(`Store outbox sending on ${KIND}`, () => {
  it('lists pending messages that are due and not leased, oldest first, up to the limit and by event', async () => {
    const store = await stores.open();
    await store.queueMessages([message('e1'), message('e2'), message('held', undefined, { status: 'held' })], [], T0);
    await store.queueMessages([message('future')], [], T3);
    const due = (now: string, limit = 10, filter = {}) =>
      store.listDueMessages(now, limit, filter).then((ms) => ms.map((m) => m.eventId));

    assert.deepEqual(await due(T1), ['e1', 'e2']);
    assert.deepEqual(await due(T1, 1), ['e1']);
    assert.deepEqual(await due(T1, 10, { eventId: 'e2' }), ['e2']);
    assert.deepEqual(await due(T3), ['e1', 'e2', 'future']);

    assert.equal(await store.claimMessage(message('e1').key, T1, T2), true);
    assert.deepEqual(await due(T1), ['e2'], 'leased until T2');
    assert.deepEqual(await due(T2), ['e1', 'e2'], 'the lease has run out');
  });

  it('claims a due pending message once until the lease runs out', async () => {
    const store = await stores.open();
    await store.queueMessages([message('e1')], [], T0);
    const key = message('e1').key;
    assert.equal(await store.claimMessage(key, T0, T2), true);
    assert.equal(await store.claimMessage(key, T1, T3), false, 'still leased');
    assert.equal(await store.claimMessage(key, T2, T3), true, 'lease over: another sender may take it');
    assert.equal(await store.claimMessage('event|missing|email|x@example.org', T2, T3), false);
  });

  it('does not claim a message that is not due, held or finished', async () => {
    const store = await stores.open();
    await store.queueMessages([message('later')], [], T2);
    await store.queueMessages([message('held', undefined, { status: 'held' }), message('sent'), message('failed')], [], T0);
    await store.markMessageSent(message('sent').key, T0);
    await store.markMessageFailed(message('failed').key, '550 no such user', { at: T0, status: 'rejected' });
    assert.equal(await store.claimMessage(message('later').key, T1, T3), false, 'not due yet');
    assert.equal(await store.claimMessage(message('later').key, T2, T3), true, 'due now');
    for (const id of ['held', 'sent', 'failed']) {
      assert.equal(await store.claimMessage(message(id).key, T3, T3), false, id);
    }
  });

  it('gives a message to exactly one of two stores that claim it at the same moment', async () => {
    const [one, two] = await stores.openShared(2);
    const ids = Array.from({ length: 20 }, (_, i) => `e${i}`);
    await one!.queueMessages(
      ids.map((id) => message(id)),
      [],
      T0,
    );
    for (const id of ids) {
      const results = await Promise.all([one!.claimMessage(message(id).key, T1, T3), two!.claimMessage(message(id).key, T1, T3)]);
      assert.equal(results.filter(Boolean).length, 1, `${id}: ${results.join(', ')}`);
    }
  });

  it('gives each message to one sender when four stores claim all of them at once', async () => {
    const daemons = await stores.openShared(4);
    const keys = Array.from({ length: 15 }, (_, i) => message(`e${i}`).key);
    await daemons[0]!.queueMessages(
      keys.map((_, i) => message(`e${i}`)),
      [],
      T0,
    );
    const claims = await Promise.all(
      daemons.map(async (store) => {
        const won: string[] = [];
        for (const key of keys) if (await store.claimMessage(key, T1, T3)) won.push(key);
        return won;
      }),
    );
    assert.deepEqual(claims.flat().sort(), [...keys].sort());
  });

  it('marks a message sent: no longer due, and a second report keeps the first sentAt', async () => {
    const store = await stores.open();
    await store.queueMessages([message('e1')], [], T0);
    const key = message('e1').key;
    assert.equal(await store.claimMessage(key, T0, T3), true);
    await store.markMessageSent(key, T1);
    const sent = await store.getMessage(key);
    assert.equal(sent?.status, 'sent');
    assert.equal(sent?.sentAt, T1);
    assert.equal(sent?.attempts, 0);
    assert.deepEqual(await store.listDueMessages(T3, 10), []);
    await store.markMessageSent(key, T2);
    assert.equal((await store.getMessage(key))?.sentAt, T1);
  });

  it('records a transient failure: attempts + 1, lastError, pending again from nextAttemptAt with the lease dropped', async () => {
    const store = await stores.open();
    await store.queueMessages([message('e1')], [], T0);
    const key = message('e1').key;
    assert.equal(await store.claimMessage(key, T0, T3), true);
    await store.markMessageFailed(key, 'connect ECONNREFUSED', { at: T0, nextAttemptAt: T1 });
    const failed = await store.getMessage(key);
    assert.equal(failed?.status, 'pending');
    assert.equal(failed?.attempts, 1);
    assert.equal(failed?.lastError, 'connect ECONNREFUSED');
    assert.equal(failed?.nextAttemptAt, T1);
    assert.equal(failed?.sentAt, null);
    assert.deepEqual(await store.listDueMessages(T0, 10), [], 'not before nextAttemptAt');
    // The lease ran to T3; it is dropped, so the retry can be claimed at T1.
    assert.equal(await store.claimMessage(key, T1, T2), true);
    await store.markMessageFailed(key, 'timeout', { at: T1, nextAttemptAt: T2 });
    assert.equal((await store.getMessage(key))?.attempts, 2);
  });

  it('records a permanent rejection or the last failed attempt as final', async () => {
    const store = await stores.open();
    await store.queueMessages([message('rejected'), message('failed')], [], T0);
    await store.markMessageFailed(message('rejected').key, '550 5.1.1 no such user', { at: T1, status: 'rejected' });
    await store.markMessageFailed(message('failed').key, 'timeout', { at: T1, status: 'failed' });
    const rejected = await store.getMessage(message('rejected').key);
    const failed = await store.getMessage(message('failed').key);
    assert.deepEqual([rejected?.status, rejected?.attempts, rejected?.lastError], ['rejected', 1, '550 5.1.1 no such user']);
    assert.deepEqual([failed?.status, failed?.attempts, failed?.lastError], ['failed', 1, 'timeout']);
    assert.deepEqual(await store.listDueMessages(T3, 10), []);
  });

  it('does not let a late failure report undo a message another sender has sent', async () => {
    const store = await stores.open();
    await store.queueMessages([message('e1')], [], T0);
    const key = message('e1').key;
    await store.markMessageSent(key, T1);
    await store.markMessageFailed(key, 'timeout', { at: T2, nextAttemptAt: T2 });
    await store.markMessageFailed(key, 'timeout', { at: T2, status: 'failed' });
    const sent = await store.getMessage(key);
    assert.deepEqual([sent?.status, sent?.attempts, sent?.lastError], ['sent', 0, null]);
  });
});
