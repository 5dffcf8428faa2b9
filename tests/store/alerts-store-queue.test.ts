import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MessageKind } from '../../src/alerts/types.js';
import type { Store } from '../../src/store/store.js';
import { testStoreKind } from '../helpers/test-database.js';
import { digest, message } from './alert-builders.js';
import { event, scrape } from './builders.js';
import { TestStores } from './test-stores.js';

// Planning events into the outbox, and digests, on the store this run tests (TEST_STORE).

const KIND = testStoreKind();
const stores = new TestStores();
afterEach(() => stores.cleanup());

const T0 = '2025-06-01T06:00:00.000Z';
const T1 = '2025-06-01T06:01:00.000Z';
const T2 = '2025-06-01T06:02:00.000Z';
const T3 = '2025-06-01T06:03:00.000Z';

// ---- planning events and queueing messages -----------------------------------------------------

describe(`Store outbox queueing on ${KIND}`, () => {
  it('lists events not yet planned, oldest first, up to the limit, never backfill ones', async () => {
    const store = await stores.open();
    await store.recordScrape(
      scrape({
        events: [event('e1'), event('back', { backfill: true }), event('e2'), event('e3', { at: '2025-01-01T00:00:00.000Z' })],
      }),
    );
    assert.deepEqual(
      (await store.listUnplannedEvents(10)).map((e) => e.id),
      ['e1', 'e2', 'e3'],
    );
    assert.deepEqual(
      (await store.listUnplannedEvents(2)).map((e) => e.id),
      ['e1', 'e2'],
    );
    assert.deepEqual((await store.listUnplannedEvents(10))[0], event('e1'));
  });

  it('queues new messages due at once and marks their events planned, leaving the events as they were', async () => {
    const store = await stores.open();
    await store.recordScrape(scrape({ events: [event('e1'), event('e2'), event('e3')] }));
    const added = await store.queueMessages([message('e1', 'a@example.org'), message('e1', 'b@example.org')], ['e1', 'e2'], T0);
    assert.equal(added, 2);
    assert.deepEqual(
      (await store.listUnplannedEvents(10)).map((e) => e.id),
      ['e3'],
    );
    // The ChangeEvent JSON shape does not grow a planning field.
    assert.deepEqual(await store.listEvents(), [event('e1'), event('e2'), event('e3')]);

    const { status, ...rest } = message('e1', 'a@example.org');
    assert.deepEqual(await store.getMessage(message('e1', 'a@example.org').key), {
      ...rest,
      status,
      attempts: 0,
      nextAttemptAt: T0,
      lastError: null,
      digestKey: null,
      createdAt: T0,
      sentAt: null,
    });
    assert.equal(await store.getMessage('event|nope|email|a@example.org'), null);
  });

  it('queueing a key again keeps the first message as it was and counts only new ones', async () => {
    const store = await stores.open();
    const first = message('e1', 'a@example.org');
    assert.equal(await store.queueMessages([first], [], T0), 1);
    const changed = { ...first, subject: 'changed', status: 'held' as const };
    assert.equal(await store.queueMessages([changed, changed, message('e2', 'a@example.org')], [], T1), 1);
    const kept = await store.getMessage(first.key);
    assert.equal(kept?.subject, first.subject);
    assert.equal(kept?.status, 'pending');
    assert.equal(kept?.createdAt, T0);
    assert.equal((await store.listMessages()).length, 2);
  });

  it('queues nothing and plans nothing when any message cannot be stored (one transaction)', async () => {
    const store = await stores.open();
    await store.recordScrape(scrape({ events: [event('e1')] }));
    // Enough messages for several insert statements; the last one breaks a constraint.
    const messages = Array.from({ length: 250 }, (_, i) => message('e1', `r${i}@example.org`));
    messages.push({ ...message('e1', 'bad@example.org'), kind: 'bogus' as MessageKind });
    await assert.rejects(store.queueMessages(messages, ['e1'], T0));
    assert.deepEqual(await store.listMessages(), []);
    assert.deepEqual(
      (await store.listUnplannedEvents(10)).map((e) => e.id),
      ['e1'],
    );
  });

  it('plans events that get no messages, and takes planning again or an unknown event id in its stride', async () => {
    const store = await stores.open();
    await store.recordScrape(scrape({ events: [event('e1')] }));
    assert.equal(await store.queueMessages([], ['e1'], T0), 0);
    assert.equal(await store.queueMessages([], ['e1', 'unknown-event'], T1), 0);
    assert.deepEqual(await store.listUnplannedEvents(10), []);
  });

  it('lists messages oldest first, in queueing order within one batch, filtered by event, recipient, status and kind', async () => {
    const store = await stores.open();
    await store.queueMessages([message('late', 'a@example.org')], [], T2);
    await store.queueMessages(
      [message('z', 'a@example.org'), message('a', 'b@example.org', { status: 'held' }), digest('2025-06-01')],
      [],
      T1,
    );
    const keys = (filter?: Parameters<Store['listMessages']>[0]) => store.listMessages(filter).then((ms) => ms.map((m) => m.key));
    assert.deepEqual(await keys(), [
      message('z', 'a@example.org').key,
      message('a', 'b@example.org').key,
      digest('2025-06-01').key,
      message('late', 'a@example.org').key,
    ]);
    assert.deepEqual(await keys({ eventId: 'z' }), [message('z', 'a@example.org').key]);
    assert.deepEqual(await keys({ recipient: 'b@example.org' }), [message('a', 'b@example.org').key]);
    assert.deepEqual(await keys({ status: 'held' }), [message('a', 'b@example.org').key]);
    assert.deepEqual(await keys({ kind: 'digest' }), [digest('2025-06-01').key]);
    assert.deepEqual(await keys({ kind: 'event', recipient: 'a@example.org' }), [
      message('z', 'a@example.org').key,
      message('late', 'a@example.org').key,
    ]);
  });
});

// ---- digests -----------------------------------------------------------------------------------

describe(`Store digests on ${KIND}`, () => {
  it('lists held messages oldest first', async () => {
    const store = await stores.open();
    await store.queueMessages([message('late', undefined, { status: 'held' })], [], T2);
    await store.queueMessages([message('b', undefined, { status: 'held' }), message('a', undefined, { status: 'held' }), message('p')], [], T1);
    assert.deepEqual(
      (await store.listHeldMessages()).map((m) => m.eventId),
      ['b', 'a', 'late'],
    );
  });

  it('queues a digest and marks the held messages it covers digested, with its key', async () => {
    const store = await stores.open();
    const held = [message('a', undefined, { status: 'held' }), message('b', undefined, { status: 'held' })];
    await store.queueMessages([...held, message('c', undefined, { status: 'held' }), message('p')], [], T0);
    const day = digest('2025-06-01');
    assert.equal(await store.queueDigest(day, [...held.map((m) => m.key), message('p').key], T1), true);

    const stored = await store.getMessage(day.key);
    assert.deepEqual([stored?.kind, stored?.status, stored?.createdAt, stored?.nextAttemptAt], ['digest', 'pending', T1, T1]);
    for (const m of held) {
      const after = await store.getMessage(m.key);
      assert.deepEqual([after?.status, after?.digestKey], ['digested', day.key]);
    }
    const pending = await store.getMessage(message('p').key);
    assert.deepEqual([pending?.status, pending?.digestKey], ['pending', null], 'only held messages are digested');
    assert.deepEqual(
      (await store.listHeldMessages()).map((m) => m.eventId),
      ['c'],
    );
  });

  it('changes nothing and returns false when the digest key already exists', async () => {
    const store = await stores.open();
    const day = digest('2025-06-01');
    await store.queueMessages([message('a', undefined, { status: 'held' })], [], T0);
    assert.equal(await store.queueDigest(day, [message('a').key], T1), true);
    await store.queueMessages([message('b', undefined, { status: 'held' })], [], T2);
    assert.equal(await store.queueDigest({ ...day, subject: 'second' }, [message('b').key], T3), false);
    assert.equal((await store.getMessage(day.key))?.subject, day.subject);
    const b = await store.getMessage(message('b').key);
    assert.deepEqual([b?.status, b?.digestKey], ['held', null]);
  });
});
