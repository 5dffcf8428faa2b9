import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import type { AlertDeps } from '../../src/alerts/alert-deps.js';
import { deliverDue } from '../../src/alerts/deliver-messages.js';
import { planAlerts } from '../../src/alerts/plan-alerts.js';
import { addSubscriptions } from '../../src/alerts/subscription-changes.js';
import { planSubscriptions } from '../../src/alerts/subscription-request.js';
import { checkWebhookTarget } from '../../src/alerts/subscription-webhook-target.js';
import { ChannelTransports } from '../../src/alerts/transport/channel-transports.js';
import { loadConfig } from '../../src/config.js';
import { BadInputError } from '../../src/errors.js';
import type { Store } from '../../src/store/store.js';
import { testStoreKind } from '../helpers/test-database.js';
import { WebhookSink } from '../helpers/webhook-sink.js';
import { event, parsed, report, scrape, URN } from '../store/builders.js';
import { TestStores } from '../store/test-stores.js';

describe('checkWebhookTarget at subscribe time', () => {
  it('refuses loopback, private, metadata and mapped hosts with one line naming the way out', async () => {
    for (const target of [
      'https://127.0.0.1:9/hook',
      'http://localhost/hook',
      'http://10.0.0.1/hook',
      'http://192.168.0.10/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:10.0.0.1]/hook',
      'http://[fd00::1]/hook',
      // Other spellings of 127.0.0.1, which the URL parser reads as that address.
      'http://0x7f.1/hook',
      'http://2130706433/hook',
    ]) {
      await assert.rejects(checkWebhookTarget(target, undefined), (error: unknown) => {
        assert.ok(error instanceof BadInputError, target);
        assert.match(error.message, /^webhook \S+ refused: .* is not a public address \(.*\); use a public host, or have the operator add it to WEBHOOK_ALLOW_HOSTS$/);
        assert.ok(!error.message.includes('\n'));
        return true;
      });
    }
  });

  it('accepts a public address, and a private one the operator allows', async () => {
    await checkWebhookTarget('https://93.184.215.14/hook', undefined);
    await checkWebhookTarget('http://10.0.0.1/hook', '10.0.0.0/8');
    await checkWebhookTarget('http://hooks.internal/hook', 'hooks.internal');
  });
});

describe(`signed webhooks from subscription to delivery on ${testStoreKind()}`, () => {
  const stores = new TestStores();
  let sink: WebhookSink;
  let store: Store;
  let deps: AlertDeps;
  const at = '2019-11-28T06:00:00.000Z';

  before(async () => {
    sink = await WebhookSink.start();
  });
  after(() => sink.close());
  beforeEach(async () => {
    store = await stores.open();
    const config = loadConfig({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1', ALERT_MAX_ATTEMPTS: '3' });
    deps = { store, logger: pino({ level: 'silent' }), config, transports: new ChannelTransports(config), now: () => new Date(at) };
  });
  afterEach(async () => {
    sink.requests.length = 0;
    await deps.transports.close();
    await stores.cleanup();
  });

  it('refuses to store a webhook on a loopback host unless the operator allows it', async () => {
    const plan = planSubscriptions({ target: sink.url(), urn: URN });
    await assert.rejects(addSubscriptions(store, plan, at), BadInputError);
    assert.deepEqual(await store.listSubscriptions(), []);
    assert.deepEqual(await store.watchList(), []);
  });

  it('makes one secret per webhook target, shows it once, and signs every message with it', async () => {
    const options = { webhookAllowHosts: '127.0.0.1' };
    const first = await addSubscriptions(store, planSubscriptions({ target: sink.url(), urn: [URN, 'SC111111'] }), at, options);
    assert.match(first.signingSecret ?? '', /^whsec_[A-Za-z0-9+/]{43}=$/);
    const again = await addSubscriptions(store, planSubscriptions({ target: sink.url(), la: 'Derby' }), at, options);
    assert.equal(again.signingSecret, undefined, 'shown once');
    const ids = (await store.listSubscriptions()).map((s) => s.id);
    assert.equal(ids.length, 3);
    for (const id of ids) assert.equal(await store.getSigningSecret(id), first.signingSecret);
    // Listing never carries it.
    assert.ok(!JSON.stringify(await store.listSubscriptions()).includes('whsec_'));
    const email = await addSubscriptions(store, planSubscriptions({ target: 'reader@example.org', urn: URN }), at, options);
    assert.equal(email.signingSecret, undefined);

    const decline = event(`${URN}-rating-declined-1`, { type: 'rating-declined', from: 'good', to: 'inadequate', fileId: '2' });
    await store.recordScrape(scrape({ reports: [report('2', '2019-11-27', parsed('2019-10-29', { overall: 'inadequate' }))], events: [decline] }));
    await planAlerts([decline], deps);
    const summary = await deliverDue(deps);
    assert.equal(summary.sent, 1);
    const [request] = sink.requests;
    assert.ok(request);
    const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(request.headers[h])]));
    assert.deepEqual(new Webhook(first.signingSecret ?? '').verify(request.body, headers), JSON.parse(request.body));
    assert.throws(() => new Webhook(first.signingSecret ?? '').verify(request.body.replace('inadequate', 'outstanding'), headers));
  });
});
