import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, afterEach, before, describe, it } from 'node:test';
import { pino, type Logger } from 'pino';
import { DeliveryError } from '../../../src/alerts/transport/delivery-error.js';
import { SmtpTransport } from '../../../src/alerts/transport/smtp-transport.js';
import { readMessage } from '../../helpers/mime-reader.js';
import { SmtpSink } from '../../helpers/smtp-sink.js';
import { outboxMessage } from './outbox-message.js';
import { startSilentServer } from './silent-server.js';

const FROM = 'Ofsted Monitor <alerts@ofsted-monitor.test>';

/** Run `send` and return the DeliveryError it must throw. */
async function deliveryFailure(send: Promise<unknown>): Promise<DeliveryError> {
  try {
    await send;
  } catch (error) {
    assert.ok(error instanceof DeliveryError, `expected DeliveryError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the send to fail');
}

describe('SmtpTransport against a real SMTP server', () => {
  let sink: SmtpSink;
  const open: SmtpTransport[] = [];
  const transport = (url: string, extra: Partial<ConstructorParameters<typeof SmtpTransport>[0]> = {}) => {
    const made = new SmtpTransport({ url, from: FROM, connectionTimeoutMs: 2_000, greetingTimeoutMs: 2_000, ...extra });
    open.push(made);
    return made;
  };

  before(async () => {
    sink = await SmtpSink.start();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
    sink.reset();
    await sink.acceptConnections();
  });
  after(async () => {
    await sink.close();
  });

  it('delivers from ALERT_FROM to the recipient with the UTF-8 subject, both parts and the Message-ID', async () => {
    const message = outboxMessage();
    const result = await transport(sink.url()).send(message);
    assert.equal(result.accepted, true);

    const [received] = await sink.waitFor(1);
    assert.ok(received);
    assert.equal(received.from, 'alerts@ofsted-monitor.test');
    assert.deepEqual(received.to, ['reader@example.org']);
    const mail = readMessage(received.raw);
    assert.equal(mail.headers.decoded('from'), FROM);
    assert.equal(mail.headers.get('to'), 'reader@example.org');
    assert.equal(mail.subject, 'SC036243: Good → Inadequate (inspected 29–30 Oct 2019)');
    assert.equal(mail.headers.get('message-id'), '<0123456789abcdef0123456789abcdef@ofsted-monitor>');
    assert.equal(mail.root.contentType, 'multipart/alternative');
    assert.equal(mail.text, message.text);
    assert.equal(mail.html, message.html);
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
  });

  it('adds one-click List-Unsubscribe headers when the message has an unsubscribe URL', async () => {
    await transport(sink.url()).send(outboxMessage({ unsubscribeUrl: 'http://127.0.0.1:3000/unsubscribe?token=t0k.en' }));
    const [received] = await sink.waitFor(1);
    const mail = readMessage(received?.raw ?? '');
    assert.equal(mail.headers.get('list-unsubscribe'), '<http://127.0.0.1:3000/unsubscribe?token=t0k.en>');
    assert.equal(mail.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
  });

  it('sends an operator alert without unsubscribe headers and a text-only message without an HTML part', async () => {
    await transport(sink.url()).send(
      outboxMessage({ kind: 'operator', unsubscribeUrl: null, subscriptionId: null, html: null, text: 'SC036243 failing\n' }),
    );
    const [received] = await sink.waitFor(1);
    const mail = readMessage(received?.raw ?? '');
    assert.equal(mail.headers.get('list-unsubscribe'), undefined);
    assert.equal(mail.headers.get('list-unsubscribe-post'), undefined);
    assert.equal(mail.root.contentType, 'text/plain');
    assert.equal(mail.text, 'SC036243 failing\n');
    assert.equal(mail.html, undefined);
  });

  it('logs in with whatever credentials SMTP_URL has when the server does not insist', async () => {
    await transport(sink.url({ user: 'anyone', pass: 'anything' })).send(outboxMessage());
    const [received] = await sink.waitFor(1);
    assert.equal(received?.user, 'anyone');
  });

  it('uses one pooled connection for several messages', async () => {
    const smtp = transport(sink.url());
    const before = sink.connectionCount;
    for (const n of [1, 2, 3]) {
      await smtp.send(outboxMessage({ recipient: `reader${n}@example.org`, messageId: `<m${n}@ofsted-monitor>` }));
    }
    await sink.waitFor(3);
    assert.equal(sink.connectionCount - before, 1);
  });

  it('treats a recipient rejected with 550 as permanent', async () => {
    sink.rejectRecipient('gone@example.org', 550);
    const error = await deliveryFailure(transport(sink.url()).send(outboxMessage({ recipient: 'gone@example.org' })));
    assert.equal(error.permanent, true);
    assert.equal(error.responseCode, 550);
    assert.match(error.message, /rejected recipient gone@example\.org: 550/);
    assert.doesNotMatch(error.message, /\n/);
    assert.equal(sink.messages.length, 0);
  });

  it('treats a recipient deferred with 451 as transient', async () => {
    sink.rejectRecipient('busy@example.org', 451);
    const error = await deliveryFailure(transport(sink.url()).send(outboxMessage({ recipient: 'busy@example.org' })));
    assert.equal(error.permanent, false);
    assert.equal(error.responseCode, 451);
  });

  it('fails fast and transiently while the server refuses connections, and sends again once it is back', async () => {
    const smtp = transport(sink.url());
    await smtp.send(outboxMessage({ messageId: '<warm@ofsted-monitor>' }));
    await sink.refuseConnections();

    const started = Date.now();
    const error = await deliveryFailure(smtp.send(outboxMessage({ messageId: '<during@ofsted-monitor>' })));
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    assert.equal(error.permanent, false);
    assert.equal(error.code, 'ECONNREFUSED');
    assert.match(error.message, /refused the connection/);

    await sink.acceptConnections();
    assert.equal((await smtp.send(outboxMessage({ messageId: '<after@ofsted-monitor>' }))).accepted, true);
    const received = await sink.waitFor(2);
    assert.deepEqual(
      received.map((m) => readMessage(m.raw).headers.get('message-id')),
      ['<warm@ofsted-monitor>', '<after@ofsted-monitor>'],
    );
  });

  it('speaks TLS from the first byte for smtps://, so a plain-text server fails the handshake, transiently', async () => {
    const error = await deliveryFailure(transport(`smtps://127.0.0.1:${sink.port}`).send(outboxMessage()));
    assert.equal(error.permanent, false);
    assert.match(error.message, /^SMTP 127\.0\.0\.1:\d+: /);
    assert.equal(sink.messages.length, 0);
  });

  it('gives up transiently within the greeting timeout on a server that accepts but never speaks', async () => {
    const silent = await startSilentServer();
    try {
      const smtp = transport(`smtp://127.0.0.1:${silent.port}`, { greetingTimeoutMs: 500 });
      const started = Date.now();
      const error = await deliveryFailure(smtp.send(outboxMessage()));
      assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
      assert.equal(error.permanent, false);
      assert.equal(error.code, 'ETIMEDOUT');
    } finally {
      await silent.close();
    }
  });
});

describe('SmtpTransport authentication', () => {
  // Characters that must be percent-encoded in the URL, to prove they are decoded before AUTH.
  const credentials = { user: 'alerts@ofsted-monitor.test', pass: 'p@ss:w/rd%s3cr3t' };
  let sink: SmtpSink;
  let logLines: string[];
  let logger: Logger;
  const open: SmtpTransport[] = [];

  before(async () => {
    sink = await SmtpSink.start({ auth: credentials });
    logLines = [];
    const capture = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logLines.push(chunk.toString('utf8'));
        callback();
      },
    });
    logger = pino({ level: 'debug' }, capture);
  });
  after(async () => {
    await Promise.all(open.map((t) => t.close()));
    await sink.close();
  });

  it('logs in with the user and password from SMTP_URL', async () => {
    const smtp = new SmtpTransport({ url: sink.url(credentials), from: FROM, logger });
    open.push(smtp);
    await smtp.send(outboxMessage());
    const [received] = await sink.waitFor(1);
    assert.equal(received?.user, credentials.user);
  });

  it('reports a refused login as transient, without the password in the error or the log', async () => {
    const wrong = { user: credentials.user, pass: 'wr0ng-Pa55word!' };
    const smtp = new SmtpTransport({ url: sink.url(wrong), from: FROM, logger });
    open.push(smtp);
    const error = await deliveryFailure(smtp.send(outboxMessage()));
    // A bad password is the operator's to fix; it must not mark the subscriber's address as rejected.
    assert.equal(error.permanent, false);
    assert.equal(error.responseCode, 535);
    assert.match(error.message, /refused the login/);

    const everything = [error.message, JSON.stringify(error), String(error.stack), ...logLines].join('\n');
    assert.ok(logLines.some((line) => line.includes('smtp send failed')), 'the failure was logged');
    for (const secret of [wrong.pass, encodeURIComponent(wrong.pass), credentials.pass, encodeURIComponent(credentials.pass)]) {
      assert.ok(!everything.includes(secret), `found ${secret}`);
    }
  });

  it('is refused by a server that requires a login when SMTP_URL has none, transiently', async () => {
    const smtp = new SmtpTransport({ url: sink.url(), from: FROM });
    open.push(smtp);
    const error = await deliveryFailure(smtp.send(outboxMessage()));
    assert.equal(error.permanent, false);
    assert.equal(error.responseCode, 530);
  });
});
