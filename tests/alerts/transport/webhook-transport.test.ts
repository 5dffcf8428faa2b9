import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { DeliveryError } from '../../../src/alerts/transport/delivery-error.js';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { parseWebhookAllowance } from '../../../src/alerts/transport/webhook-address-policy.js';
import { pinnedLookup, WebhookTransport } from '../../../src/alerts/transport/webhook-transport.js';
import { request as httpRequest } from 'node:http';
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

/** The sink listens on loopback, which only an operator's allowance opens up. */
const LOOPBACK_ALLOWED = parseWebhookAllowance('127.0.0.1');
const SIGNING_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('WebhookTransport against a real HTTP server', () => {
  let sink: WebhookSink;
  const webhook = new WebhookTransport({ timeoutMs: 1_000, allowance: LOOPBACK_ALLOWED });

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

  it('signs per Standard Webhooks with the subscription\'s secret: the library verifies it, and a tampered body fails', async () => {
    await webhook.send(webhookMessage(sink.url(SECRET_PATH)), { signingSecret: SIGNING_SECRET });
    const [request] = sink.requests;
    assert.ok(request);
    const headers = {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    };
    // The outbox message id, so a retry carries the same one.
    assert.equal(headers['webhook-id'], '0123456789abcdef0123456789abcdef@ofsted-monitor');
    assert.match(headers['webhook-signature'], /^v1,[A-Za-z0-9+/]+=*$/);
    const receiver = new Webhook(SIGNING_SECRET);
    assert.deepEqual(receiver.verify(request.body, headers), JSON.parse(BODY));
    assert.throws(() => receiver.verify(request.body.replace('Inadequate', 'Outstanding'), headers), WebhookVerificationError);
    assert.throws(() => new Webhook('whsec_' + Buffer.from('another secret').toString('base64')).verify(request.body, headers), WebhookVerificationError);
  });

  it('sends no signature headers when the message has no secret', async () => {
    await webhook.send(webhookMessage(sink.url(SECRET_PATH)));
    assert.equal(sink.requests[0]?.headers['webhook-signature'], undefined);
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

  it('does not follow a redirect to a metadata or private address', async () => {
    for (const location of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/admin']) {
      sink.replyOnce({ status: 307, headers: { location } });
      const error = await deliveryFailure(webhook.send(webhookMessage(sink.url(SECRET_PATH))));
      assert.equal(error.permanent, true);
      assert.match(error.message, /a redirect; not followed/);
    }
    assert.equal(sink.requests.length, 2);
  });

  it('refuses loopback, private, link-local and metadata hosts without the operator\'s allowance, permanently and without a request', async () => {
    const strict = new WebhookTransport({ timeoutMs: 1_000 });
    const refused: Array<[url: string, said: RegExp]> = [
      [sink.url(SECRET_PATH), /127\.0\.0\.1 is not a public address \(loopback\)/],
      [`http://localhost:${sink.port}${SECRET_PATH}`, /localhost resolves to (127\.0\.0\.1|::1)/],
      [`http://[::ffff:127.0.0.1]:${sink.port}/`, /127\.0\.0\.1 is not a public address/],
      [`http://[::1]:${sink.port}/`, /::1 is not a public address \(loopback\)/],
      ['http://10.1.2.3/hook', /10\.1\.2\.3 is not a public address \(private\)/],
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is not a public address \(link-local/],
      ['https://0.0.0.0/', /unspecified/],
    ];
    for (const [url, said] of refused) {
      const error = await deliveryFailure(strict.send(webhookMessage(url)));
      assert.equal(error.permanent, true, url);
      assert.equal(error.code, 'EADDRESS', url);
      assert.match(error.message, said);
    }
    assert.equal(sink.requests.length, 0);
  });

  it('connects a named host to the address it checked (the pinned lookup), with the name kept in Host', async () => {
    const byNetwork = new WebhookTransport({ timeoutMs: 1_000, allowance: parseWebhookAllowance('127.0.0.0/8,::1') });
    await byNetwork.send(webhookMessage(`http://localhost:${sink.port}${SECRET_PATH}`));
    assert.equal(sink.requests[0]?.headers.host, `localhost:${sink.port}`);
  });

  it('never asks DNS again once an address is checked: a name that does not resolve still reaches it', async () => {
    // A rebinding attacker's second answer would come from DNS; the pinned lookup never consults it.
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `http://rebind.invalid:${sink.port}/hook`,
        { method: 'POST', agent: false, lookup: pinnedLookup([{ address: '127.0.0.1', family: 4 }]) },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    assert.equal(status, 200);
    assert.equal(sink.requests[0]?.headers.host, `rebind.invalid:${sink.port}`);
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
