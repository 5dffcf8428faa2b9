import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../src/errors.js';
import { testStoreKind } from '../helpers/test-database.js';
import { subscription } from './alert-builders.js';
import { URN } from './builders.js';
import { TestStores } from './test-stores.js';

// Store subscriptions (the alerting half of the Store contract), on the store this run tests (TEST_STORE).

const KIND = testStoreKind();
const stores = new TestStores();
afterEach(() => stores.cleanup());

const T0 = '2025-06-01T06:00:00.000Z';
const T1 = '2025-06-01T06:01:00.000Z';
const T2 = '2025-06-01T06:02:00.000Z';

// ---- subscriptions -----------------------------------------------------------------------------

describe(`Store subscriptions on ${KIND}`, () => {
  it('adds a subscription with a random UUID id and createdAt, and reads it back by id', async () => {
    const store = await stores.open();
    const { subscription: added, created } = await store.addSubscription(subscription(), T0);
    assert.equal(created, true);
    assert.match(added.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(added, { ...subscription(), id: added.id, createdAt: T0 });
    assert.deepEqual(await store.getSubscription(added.id), added);
    assert.equal(await store.getSubscription('no-such-id'), null);
    const other = await store.addSubscription(subscription({ value: 'SC999999' }), T0);
    assert.notEqual(other.subscription.id, added.id);
  });

  it('subscribing twice keeps one subscription: same id and createdAt, the new events and mode', async () => {
    const store = await stores.open();
    const first = await store.addSubscription(subscription(), T0);
    const again = await store.addSubscription(subscription({ events: ['enforcement', 'provider-closed'], mode: 'digest' }), T1);
    assert.equal(again.created, false);
    assert.deepEqual(again.subscription, {
      ...subscription({ events: ['enforcement', 'provider-closed'], mode: 'digest' }),
      id: first.subscription.id,
      createdAt: T0,
    });
    assert.deepEqual(await store.listSubscriptions(), [again.subscription]);
  });

  it('keeps one `all` subscription per target although it has no value', async () => {
    const store = await stores.open();
    const all = subscription({ scope: 'all', value: null });
    assert.equal((await store.addSubscription(all, T0)).created, true);
    const again = await store.addSubscription({ ...all, mode: 'digest' }, T1);
    assert.equal(again.created, false);
    assert.equal(again.subscription.value, null);
    assert.deepEqual(
      (await store.listSubscriptions()).map((s) => [s.scope, s.value, s.mode]),
      [['all', null, 'digest']],
    );
  });

  it('tells subscriptions apart by channel, target, scope and value, and leaves the target as given', async () => {
    const store = await stores.open();
    const variants = [
      subscription(),
      subscription({ channel: 'webhook', target: 'http://127.0.0.1:9/hook' }),
      subscription({ target: 'other@example.org' }),
      subscription({ target: 'Carer@example.org' }),
      subscription({ scope: 'owner', value: URN }),
      subscription({ value: 'SC000002' }),
    ];
    for (const v of variants) assert.equal((await store.addSubscription(v, T0)).created, true, JSON.stringify(v));
    assert.equal((await store.listSubscriptions()).length, variants.length);
    assert.deepEqual((await store.listSubscriptions({ target: 'Carer@example.org' })).map((s) => s.target), ['Carer@example.org']);
  });

  it('rejects a value that does not fit the scope', async () => {
    const store = await stores.open();
    await assert.rejects(store.addSubscription(subscription({ scope: 'all', value: URN }), T0), BadInputError);
    await assert.rejects(store.addSubscription(subscription({ scope: 'urn', value: null }), T0), BadInputError);
    assert.deepEqual(await store.listSubscriptions(), []);
  });

  it('lists oldest first and filters by id, target, scope and value (null matching only `all`)', async () => {
    const store = await stores.open();
    const byOwner = (await store.addSubscription(subscription({ scope: 'owner', value: 'Derby City Council' }), T2)).subscription;
    const all = (await store.addSubscription(subscription({ scope: 'all', value: null }), T1)).subscription;
    const byUrn = (await store.addSubscription(subscription({ target: 'b@example.org' }), T0)).subscription;

    assert.deepEqual(await store.listSubscriptions(), [byUrn, all, byOwner]);
    assert.deepEqual(await store.listSubscriptions({ id: all.id }), [all]);
    assert.deepEqual(await store.listSubscriptions({ target: 'b@example.org' }), [byUrn]);
    assert.deepEqual(await store.listSubscriptions({ scope: 'owner' }), [byOwner]);
    assert.deepEqual(await store.listSubscriptions({ value: 'Derby City Council' }), [byOwner]);
    assert.deepEqual(await store.listSubscriptions({ value: null }), [all]);
    assert.deepEqual(await store.listSubscriptions({ value: '' }), []);
    assert.deepEqual(await store.listSubscriptions({ target: 'carer@example.org', scope: 'urn' }), []);
  });

  it('removes only what the filter matches, and nothing for an empty filter', async () => {
    const store = await stores.open();
    await store.addSubscription(subscription(), T0);
    await store.addSubscription(subscription({ scope: 'all', value: null }), T0);
    await store.addSubscription(subscription({ target: 'b@example.org' }), T0);

    assert.equal(await store.removeSubscriptions({}), 0);
    assert.equal(await store.removeSubscriptions({ target: undefined }), 0);
    assert.equal(await store.removeSubscriptions({ value: '' }), 0);
    assert.equal((await store.listSubscriptions()).length, 3);

    assert.equal(await store.removeSubscriptions({ target: 'carer@example.org', value: null }), 1);
    assert.deepEqual(
      (await store.listSubscriptions()).map((s) => [s.target, s.scope]),
      [
        ['b@example.org', 'urn'],
        ['carer@example.org', 'urn'],
      ],
    );
    assert.equal(await store.removeSubscriptions({ scope: 'urn' }), 2);
    assert.deepEqual(await store.listSubscriptions(), []);
  });
});
