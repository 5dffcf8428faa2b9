import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { DEFAULT_ALERT_EVENTS } from '../../src/alerts/types.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { runCli } from '../helpers/cli.js';
import { readMessage } from '../helpers/mime-reader.js';
import { SmtpSink, type SinkMessage } from '../helpers/smtp-sink.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import { DaemonProcess } from '../workers/support/daemon-process.js';
import { startDaemonWorld, type DaemonWorld } from '../workers/support/daemon-world.js';
import { waitFor } from '../workers/support/wait-for.js';

// The decline of SC036243 (Good → Inadequate, inspected 29–30 Oct 2019) on the local Ofsted site, mailed
// through a real SMTP server: once to each matching subscriber, never twice, and not lost while SMTP is down.

const URN = 'SC036243';
const SUBJECT = 'SC036243: Good → Inadequate (inspected 29–30 Oct 2019)';

async function subscribe(store: Store, target: string, scope: 'urn' | 'owner' | 'la', value: string, mode: 'immediate' | 'digest' = 'immediate') {
  await store.addSubscription({ channel: 'email', target, scope, value, events: [...DEFAULT_ALERT_EVENTS], mode }, new Date().toISOString());
}

const to = (messages: readonly SinkMessage[], address: string) => messages.filter((m) => m.to.includes(address));

describe('alerts end to end: scrape in-process', () => {
  let site: FakeOfsted;
  let sink: SmtpSink;
  let db: TestDatabase;
  let store: Store;
  let env: Record<string, string>;

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    sink = await SmtpSink.start();
    db = await testDatabaseUrl();
    store = await openStore(db.url);
    await store.watchAdd([URN]);
    await subscribe(store, 'reporter@example.org', 'urn', URN);
    await subscribe(store, 'councillor@example.org', 'owner', 'derby city council');
    await subscribe(store, 'elsewhere@example.org', 'la', 'Nottingham');
    await subscribe(store, 'weekly@example.org', 'urn', URN, 'digest');
    env = {
      DATABASE_URL: db.url,
      OFSTED_REPORTS_URL: site.reportsUrl,
      OFSTED_FILES_URL: site.filesUrl,
      SMTP_URL: sink.url(),
      ALERT_FROM: 'alerts@ofsted-monitor.test',
      PUBLIC_URL: 'https://monitor.example.org',
    };
  });
  after(async () => {
    await store.close();
    await db.cleanup();
    await sink.close();
    await site.close();
  });

  it('sends nothing for the baseline (its history is backfill)', async () => {
    const run = await runCli(['scrape', URN, '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(sink.messages.length, 0);
  });

  it('sends the decline once to each matching subscriber, with the report in the message', async () => {
    site.advance(URN);
    const run = await runCli(['scrape', URN], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /alerts: 2 sent/);
    assert.equal(to(sink.messages, 'reporter@example.org').length, 1);
    assert.equal(to(sink.messages, 'councillor@example.org').length, 1);
    assert.equal(to(sink.messages, 'elsewhere@example.org').length, 0, 'another local authority');
    assert.equal(to(sink.messages, 'weekly@example.org').length, 0, 'held for the digest');
    assert.equal(sink.messages.length, 2);

    const mail = readMessage(to(sink.messages, 'reporter@example.org')[0]!.raw);
    assert.equal(mail.subject, SUBJECT);
    assert.equal(mail.headers.get('from'), 'alerts@ofsted-monitor.test');
    const text = mail.text ?? '';
    assert.match(text, /Derby City Council/);
    assert.match(text, /Inadequate/);
    assert.match(text, /regulation/i, 'statutory requirements');
    assert.match(text, new RegExp(`${site.filesUrl.replace(/[.]/g, '\\.')}/v1/file/10541604`), 'the PDF link');
    assert.match(text, /https:\/\/monitor\.example\.org\/unsubscribe\?token=/);
    assert.match(text, new RegExp(`Its history on the dashboard: https://monitor\\.example\\.org/providers/${URN}\\b`), 'the dashboard link');
    assert.ok(mail.html?.includes('Inadequate'));
    assert.match(mail.headers.get('list-unsubscribe') ?? '', /^<https:\/\/monitor\.example\.org\/unsubscribe\?token=/);
    assert.equal((await store.listMessages({ recipient: 'weekly@example.org' }))[0]?.status, 'held');
  });

  it('sends nothing when the same state is scraped again', async () => {
    const run = await runCli(['scrape', URN], env);
    assert.equal(run.code, 0, run.stderr);
    await delay(200);
    assert.equal(sink.messages.length, 2);
  });
});

describe('alerts end to end: the daemon, SMTP down and a crash after sending', () => {
  let site: FakeOfsted;
  let sink: SmtpSink;
  let redis: TestRedis;
  let world: DaemonWorld;
  let store: Store;
  let env: Record<string, string>;
  let killOnReceive: DaemonProcess | null = null;

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    sink = await SmtpSink.start({
      beforeReply: async () => {
        // Crash the sender after the server has the message but before it hears "250 OK".
        if (killOnReceive) await killOnReceive.kill9();
      },
    });
    redis = await startTestRedis();
    world = await startDaemonWorld({
      site,
      redisUrl: redis.url,
      name: 'alerts',
      watch: [URN],
      env: {
        SMTP_URL: sink.url(),
        SCRAPE_SCHEDULE: '0 0 1 1 *',
        REQUESTS_PER_SECOND: '20',
        OUTBOX_INTERVAL_MS: '300',
        ALERT_BACKOFF_MS: '200',
        // Each send is cut off at half the lease. Under CI load a 750 ms cut-off abandoned a send the sink had
        // already taken, and its retry made a third copy: at least once is the promise, so give sends room.
        ALERT_LEASE_MS: '5000',
        FETCH_BACKOFF_MS: '50',
      },
    });
    ({ store, env } = world);
    await subscribe(store, 'reporter@example.org', 'urn', URN);
  });
  after(async () => {
    await world?.close();
    await redis?.stop();
    await sink?.close();
    await site?.close();
  });

  const start = async () => {
    const d = world.start();
    await d.started();
    return d;
  };

  it('delivers a decline raised while SMTP refused connections once SMTP is back, exactly once', async () => {
    assert.equal((await runCli(['scrape', URN], env)).code, 0);
    await sink.refuseConnections();
    site.advance(URN);
    const run = await runCli(['scrape', URN], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /alerts: 0 sent, 1 to retry/);
    const [waiting] = await store.listMessages({ recipient: 'reporter@example.org' });
    assert.equal(waiting?.status, 'pending');
    assert.equal(waiting?.attempts, 1);

    const daemon = await start();
    await delay(1_000);
    assert.equal(sink.messages.length, 0, 'still down');
    await sink.acceptConnections();
    const [mail] = await sink.waitFor(1, 15_000);
    assert.equal(readMessage(mail!.raw).subject, SUBJECT);
    await waitFor('the message marked sent', async () => (await store.getMessage(waiting!.key))?.status === 'sent', 10_000);
    await delay(1_500);
    assert.equal(sink.messages.length, 1, 'delivered once');
    await daemon.stop();
  });

  it('after kill -9 between the SMTP send and its record, resends once with the same Message-ID, never more', async () => {
    const other = 'SC488596';
    sink.reset();
    await store.watchAdd([other]);
    await subscribe(store, 'second@example.org', 'urn', other);
    assert.equal((await runCli(['scrape', other], env)).code, 0, 'baseline');
    site.advance(other); // publishes its interim inspection: declined in effectiveness

    const first = world.start();
    killOnReceive = first;
    await first.started();
    // The CLI without SMTP only queues the message; the daemon's outbox tick sends it and dies.
    const run = await runCli(['scrape', other], { ...env, SMTP_URL: '' });
    assert.equal(run.code, 0, run.stderr);
    await first.exit(20_000);
    killOnReceive = null;
    assert.equal(to(sink.messages, 'second@example.org').length, 1, 'the first copy reached the server');
    const [queued] = await store.listMessages({ recipient: 'second@example.org' });
    assert.ok(queued);
    assert.notEqual(queued.status, 'sent', 'the crash came before the record');

    const second = await start();
    await waitFor('the resend', () => to(sink.messages, 'second@example.org').length >= 2, 15_000);
    await waitFor('the message marked sent', async () => (await store.getMessage(queued.key))?.status === 'sent', 10_000);
    await delay(2_000);
    const copies = to(sink.messages, 'second@example.org');
    assert.equal(copies.length, 2, 'at most one duplicate');
    const ids = copies.map((m) => readMessage(m.raw).headers.get('message-id'));
    assert.equal(ids[0], ids[1], 'the duplicate is recognisably the same message');
    assert.match(readMessage(copies[0]!.raw).subject ?? '', /^SC488596: declined in effectiveness/);
    assert.equal(to(sink.messages, 'reporter@example.org').length, 0, 'the earlier message is not sent again');
    await second.stop();
  });
});
