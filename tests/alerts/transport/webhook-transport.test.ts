import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { DeliveryError } from '../../../src/alerts/transport/delivery-error.js';
import { WebhookTransport } from '../../../src/alerts/transport/webhook-transport.js';
import { WebhookSink } from '../../helpers/webhook-sink.js';
import { outboxMessage } from './outbox-message.js';

const BODY = JSON.stringify({ text: 'SC036243: Good → Inadequate (inspected 29–30 Oct 2019)', urn: 'SC036243' });
/** Slack puts the webhook's secret in its path; it must never reach an error message. */
const SECRET_PATH = '/services/T000/B000/XXXXsecretXXXX';

function webhookMessage(url: string) {
  return outboxMessage({
    channel: 'webhook',
    recipient: url,
    key: `event|ev-1|webhook|${url}`,
    text: BODY,
    html: null,
    unsubscribeUrl: null,
  });
}

async function deliveryFailure(send: Promise<unknown>): Promise<DeliveryError> {
  try {
    await send;
  } catch (error) {
    assert.ok(error instanceof DeliveryError, `expected DeliveryError, got ${String(error)}`);
    assert.ok(!error.message.includes('secret'), `path leaked: ${error.message}`);
    return error;
  }
  assert.fail('expected the send to fail');
}

describe('WebhookTransport against a real HTTP server', () => {
  let sink: WebhookSink;
  const webhook = new WebhookTransport({ timeoutMs: 1_000 });

  before(async () => {
    sink = await WebhookSink.start();
  });
  afterEach(() => {
    sink.requests.length = 0;
    sink.replyAlways({ status: 200, body: 'ok' });
  });
  after(async () => {
    await webhook.close();
    await sink.close();
  });

  it('POSTs the message text as JSON with an honest User-Agent and the message id as idempotency key', async () => {
    const result = await webhook.send(webhookMessage(sink.url(SECRET_PATH)));
    assert.equal(result.accepted, true);
    assert.equal(sink.requests.length, 1);
    const [request] = sink.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, SECRET_PATH);
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.match(String(request?.headers['user-agent']), /^ofsted-monitor\/\d+\.\d+\.\d+ \(\+https:\/\//);
    assert.equal(request?.headers['idempotency-key'], '0123456789abcdef0123456789abcdef@ofsted-monitor');
    assert.equal(request?.body, BODY);
    assert.deepEqual(request?.json, JSON.parse(BODY));
  });

  it('treats a 500 as transient', async () => {
    sink.replyOnce({ status: 500, body: 'oops' });
    const error = await deliveryFailure(webhook.send(webhookMessage(sink.url(SECRET_PATH))));
    assert.equal(error.permanent, false);
    assert.equal(error.responseCode, 500);
    assert.equal(error.retryAfterMs, undefined);
  });

  it('treats a 404 as permanent and says what the webhook answered', async () => {
    sink.replyOnce({ status: 404, body: 'no_service' });
    const error = await deliveryFailure(webhook.send(webhookMessage(sink.url(SECRET_PATH))));
    assert.equal(error.permanent, true);
    assert.equal(error.responseCode, 404);
    assert.equal(error.message, `webhook 127.0.0.1:${sink.port} answered 404: no_service`);
  });

  it('treats a 429 with Retry-After as transient and carries the wait', async () => {
    sink.replyOnce({ status: 429, headers: { 'retry-after': '120' }, body: 'slow down' });
    const error = await deliveryFailure(webhook.send(webhookMessage(sink.url(SECRET_PATH))));
    assert.equal(error.permanent, false);
    assert.equal(error.responseCode, 429);
    assert.equal(error.retryAfterMs, 120_000);
  });

  it('treats a 408 as transient', async () => {
    sink.replyOnce({ status: 408 });
    const error = await deliveryFailure(webhook.send(webhookMessage(sink.url(SECRET_PATH))));
    assert.equal(error.permanent, false);
  });

  it('does not follow a redirect, and treats it as permanent', async () => {
    sink.replyOnce({ status: 302, headers: { location: sink.url('/elsewhere') } });
    const error = await deliveryFailure(webhook.send(webhookMessage(sink.url(SECRET_PATH))));
    assert.equal(error.permanent, true);
    assert.equal(error.responseCode, 302);
    assert.deepEqual(
      sink.requests.map((r) => r.path),
      [SECRET_PATH],
    );
  });

  it('gives up transiently when the webhook does not answer within the timeout', async () => {
    sink.replyOnce({ status: 200, delayMs: 3_000 });
    const started = Date.now();
    const error = await deliveryFailure(webhook.send(webhookMessage(sink.url(SECRET_PATH))));
    assert.ok(Date.now() - started < 2_500, `took ${Date.now() - started} ms`);
    assert.equal(error.permanent, false);
    assert.equal(error.code, 'ETIMEDOUT');
  });

  it('treats a refused connection as transient', async () => {
    const port = await closedPort();
    const error = await deliveryFailure(webhook.send(webhookMessage(`http://127.0.0.1:${port}${SECRET_PATH}`)));
    assert.equal(error.permanent, false);
    assert.equal(error.code, 'ECONNREFUSED');
  });

  it('refuses URLs that are not http or https, or that carry credentials, permanently and without a request', async () => {
    for (const url of ['ftp://127.0.0.1/hook', 'file:///etc/passwd', 'not a url', `http://user:secret@127.0.0.1:${sink.port}/`]) {
      const error = await deliveryFailure(webhook.send(webhookMessage(url)));
      assert.equal(error.permanent, true, url);
    }
    assert.equal(sink.requests.length, 0);
  });
});

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}
