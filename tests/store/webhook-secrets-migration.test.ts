import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator } from 'kysely';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { testStoreKind } from '../helpers/test-database.js';
import { rawKysely } from './raw-kysely.js';
import { TestStores } from './test-stores.js';

// Upgrading a database with webhook subscriptions made before messages were signed.

const KIND = testStoreKind();
const stores = new TestStores();
afterEach(() => stores.cleanup());

const T0 = '2025-06-01T06:00:00.000Z';
const row = (id: string, channel: string, target: string, value: string) => ({
  id,
  channel,
  target,
  scope: 'urn',
  value,
  events_json: '["rating-declined"]',
  mode: 'immediate',
  created_at: T0,
});

describe(`0012-webhook-secrets migration on ${KIND}`, () => {
  it('gives each existing webhook target one secret, shared by its subscriptions, and email none', async () => {
    const { url } = await stores.freshDatabase();
    const db = rawKysely(url);
    try {
      const { error } = await new Migrator({ db, provider: migrationProvider(KIND) }).migrateTo('0011-discovery');
      assert.equal(error, undefined);
      await db
        .insertInto('subscriptions')
        .values([
          row('a1', 'webhook', 'https://hooks.example.org/a', 'SC036243'),
          row('a2', 'webhook', 'https://hooks.example.org/a', 'SC111111'),
          row('b1', 'webhook', 'https://hooks.example.org/b', 'SC036243'),
          row('e1', 'email', 'reader@example.org', 'SC036243'),
        ])
        .execute();
    } finally {
      await db.destroy();
    }

    const store = await stores.openUrl(url);
    const [a1, a2, b1, e1] = await Promise.all(['a1', 'a2', 'b1', 'e1'].map((id) => store.getSigningSecret(id)));
    assert.match(a1 ?? '', /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(a2, a1);
    assert.match(b1 ?? '', /^whsec_/);
    assert.notEqual(b1, a1);
    assert.equal(e1, null);
  });
});
