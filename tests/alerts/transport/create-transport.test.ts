import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ChannelTransports, sendLimits } from '../../../src/alerts/transport/channel-transports.js';
import { DeliveryError } from '../../../src/alerts/transport/delivery-error.js';
import { createTransport } from '../../../src/alerts/transport/create-transport.js';
import { SmtpTransport } from '../../../src/alerts/transport/smtp-transport.js';
import {
  NO_SMTP_URL,
  TransportNotConfiguredError,
} from '../../../src/alerts/transport/transport-not-configured-error.js';
import { WebhookTransport } from '../../../src/alerts/transport/webhook-transport.js';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { readMessage } from '../../helpers/mime-reader.js';
import { SmtpSink } from '../../helpers/smtp-sink.js';
import { outboxMessage } from './outbox-message.js';
import { startSilentServer } from './silent-server.js';

describe('createTransport', () => {
  it('refuses email without SMTP_URL with the one line the caller shows', () => {
    assert.throws(
      () => createTransport('email', loadConfig({})),
      (error: unknown) => error instanceof TransportNotConfiguredError && error.channel === 'email' && error.message === NO_SMTP_URL,
    );
  });

  it('refuses a malformed SMTP_URL with a ConfigError that does not repeat it', () => {
    assert.throws(
      () => createTransport('email', { SMTP_URL: 'imap://u:hunter2@mail.example.org', ALERT_FROM: 'a@b.c' }),
      (error: unknown) => error instanceof ConfigError && !error.message.includes('hunter2'),
    );
  });

  it('makes a webhook transport without any SMTP configuration', async () => {
    const transport = createTransport('webhook', loadConfig({}));
    assert.ok(transport instanceof WebhookTransport);
    await transport.close();
  });

  it('makes an SMTP transport from SMTP_URL that sends from ALERT_FROM', async () => {
    const sink = await SmtpSink.start();
    const transport = createTransport('email', loadConfig({ SMTP_URL: sink.url(), ALERT_FROM: 'Alerts <alerts@example.org>' }));
    try {
      assert.ok(transport instanceof SmtpTransport);
      await transport.send(outboxMessage());
      const [received] = await sink.waitFor(1);
      assert.equal(readMessage(received?.raw ?? '').headers.get('from'), 'Alerts <alerts@example.org>');
    } finally {
      await transport.close();
      await sink.close();
    }
  });
});

describe('ChannelTransports', () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await SmtpSink.start();
  });
  after(async () => {
    await sink.close();
  });

  it('keeps one transport per channel until closed', async () => {
    const transports = new ChannelTransports({ SMTP_URL: sink.url(), ALERT_FROM: 'alerts@example.org' });
    const email = transports.get('email');
    assert.equal(transports.get('email'), email);
    assert.notEqual(transports.get('webhook'), email);
    await transports.close();
    assert.notEqual(transports.get('email'), email, 'a closed transport is not handed out again');
    await transports.close();
  });

  it('cuts a send off at half ALERT_LEASE_MS, so no other daemon can claim a message still being sent', async () => {
    // A server that never greets: the send would wait for the 10 s greeting timeout, longer than this lease.
    const silent = await startSilentServer();
    const transports = new ChannelTransports({ SMTP_URL: `smtp://127.0.0.1:${silent.port}`, ALERT_FROM: 'alerts@example.org', ALERT_LEASE_MS: 1_000 });
    try {
      const started = Date.now();
      await assert.rejects(transports.get('email').send(outboxMessage()), DeliveryError);
      assert.ok(Date.now() - started < 5_000, `the send ran ${Date.now() - started} ms under a 1 s lease`);
    } finally {
      await transports.close();
      await silent.close();
    }
    assert.deepEqual(sendLimits(120_000), { smtp: { sendTimeoutMs: 60_000 }, webhook: { timeoutMs: 10_000 } }, 'the default lease leaves the defaults');
    assert.deepEqual(sendLimits(10_000, { smtp: { sendTimeoutMs: 2_000 } }), { smtp: { sendTimeoutMs: 2_000 }, webhook: { timeoutMs: 5_000 } });
  });

  it('still hands out webhooks while email is not configured', async () => {
    const transports = new ChannelTransports({ ALERT_FROM: 'alerts@example.org' });
    assert.throws(() => transports.get('email'), TransportNotConfiguredError);
    assert.throws(() => transports.get('email'), TransportNotConfiguredError);
    assert.ok(transports.get('webhook') instanceof WebhookTransport);
    await transports.close();
  });
});
