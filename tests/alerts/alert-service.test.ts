import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import type { AlertDeps } from '../../src/alerts/alert-deps.js';
import { deliverDue } from '../../src/alerts/deliver-messages.js';
import { matchSubscriptions } from '../../src/alerts/match-subscriptions.js';
import { checkUnreadableShare, noteScrapeOutcome, REPORT_UNREAD_ALERTS_PER_DAY } from '../../src/alerts/operator-alerts.js';
import { planAlerts } from '../../src/alerts/plan-alerts.js';
import { queueDigests } from '../../src/alerts/send-digests.js';
import { ChannelTransports } from '../../src/alerts/transport/channel-transports.js';
import { DEFAULT_ALERT_EVENTS, type NewSubscription, type Subscription } from '../../src/alerts/types.js';
import { signUnsubscribe, verifyUnsubscribe } from '../../src/alerts/unsubscribe-token.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/store/store.js';
import { readMessage } from '../helpers/mime-reader.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { testStoreKind } from '../helpers/test-database.js';
import { event, parsed, provider, report, scrape, URN } from '../store/builders.js';
import { TestStores } from '../store/test-stores.js';

// The alerting steps between the store and the transports, on a real store and a real SMTP server:
// who gets what, what a retry or a refusal does, digests, and the operator's alerts.

const stores = new TestStores();
const DECLINE = event(`${URN}-rating-declined-1`, { type: 'rating-declined', from: 'good', to: 'inadequate', fileId: '2' });

function sub(target: string, scope: Subscription['scope'], value: string | null, more: Partial<NewSubscription> = {}): NewSubscription {
  return { channel: 'email', target, scope, value, events: [...DEFAULT_ALERT_EVENTS], mode: 'immediate', ...more };
}

describe('matchSubscriptions', () => {
  const s = (scope: Subscription['scope'], value: string | null, events = [...DEFAULT_ALERT_EVENTS]): Subscription => ({
    id: `${scope}-${value}`,
    createdAt: '',
    ...sub('a@example.org', scope, value, { events }),
  });
  const derby = provider({ owner: 'Derby City Council', localAuthority: 'Derby' });

  it('matches by URN, by owner and local authority whatever their case, spacing or apostrophes, and all only when watched', () => {
    const subs = [s('urn', URN), s('owner', '  derby  CITY council'), s('la', 'DERBY'), s('la', 'Nottingham'), s('all', null)];
    assert.deepEqual(matchSubscriptions(DECLINE, derby, true, subs).map((x) => x.id), ['urn-SC036243', 'owner-  derby  CITY council', 'la-DERBY', 'all-null']);
    assert.deepEqual(matchSubscriptions(DECLINE, derby, false, subs).map((x) => x.id), ['urn-SC036243', 'owner-  derby  CITY council', 'la-DERBY']);
    const apostrophe = provider({ owner: 'St John’s Homes Ltd' });
    assert.equal(matchSubscriptions(DECLINE, apostrophe, false, [s('owner', "st john's homes ltd")]).length, 1);
  });

  it('leaves out subscriptions that did not choose the event type', () => {
    const published = { ...DECLINE, type: 'report-published' as const };
    assert.equal(matchSubscriptions(published, derby, true, [s('urn', URN)]).length, 0);
    assert.equal(matchSubscriptions(published, derby, true, [s('urn', URN, ['report-published'])]).length, 1);
  });
});

describe(`alert planning, delivery and digests on ${testStoreKind()}`, () => {
  let sink: SmtpSink;
  let store: Store;
  let deps: AlertDeps;
  let now: Date;

  before(async () => {
    sink = await SmtpSink.start();
  });
  after(async () => {
    await sink.close();
  });
  beforeEach(async () => {
    sink.reset();
    await sink.acceptConnections();
    store = await stores.open();
    now = new Date('2019-11-28T06:00:00.000Z');
    const config = loadConfig({
      SMTP_URL: sink.url(),
      OPERATOR_EMAIL: 'ops@example.org',
      FAILURE_ALERT_AFTER: '3',
      ALERT_MAX_ATTEMPTS: '3',
      ALERT_BACKOFF_MS: '1000',
      PUBLIC_URL: 'https://monitor.example.org',
    });
    deps = { store, logger: pino({ level: 'silent' }), config, transports: new ChannelTransports(config), now: () => now };
    await store.watchAdd([URN]);
    await store.recordScrape(
      scrape({
        reports: [report('1', '2019-02-01', parsed('2019-01-08')), report('2', '2019-11-27', parsed('2019-10-29', { overall: 'inadequate' }))],
        events: [DECLINE, event(`${URN}-old`, { type: 'rating-improved', backfill: true })],
      }),
    );
  });
  afterEach(async () => {
    await deps.transports.close();
    await stores.cleanup();
  });

  const add = (s: NewSubscription) => store.addSubscription(s, now.toISOString());
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  it('queues one message per recipient, immediately if any of their subscriptions says so, and never for backfill', async () => {
    await add(sub('a@example.org', 'urn', URN, { mode: 'digest' }));
    await add(sub('a@example.org', 'owner', 'Derby City Council'));
    await add(sub('b@example.org', 'la', 'Derby', { mode: 'digest' }));
    const events = await store.listEvents();
    assert.equal(await planAlerts(events, deps), 2);
    const a = await store.listMessages({ recipient: 'a@example.org' });
    assert.deepEqual(a.map((m) => m.status), ['pending']);
    assert.equal(a[0]!.subject, 'SC036243: Good → Inadequate (inspected 29 Oct 2019)');
    assert.deepEqual((await store.listMessages({ recipient: 'b@example.org' })).map((m) => m.status), ['held']);
    assert.equal(await planAlerts(events, deps), 0, 'planning again adds nothing');
    assert.deepEqual(await store.listUnplannedEvents(10), []);
  });

  it('queues nothing for an event that restates one already told, even when a notify job hands it on', async () => {
    await add(sub('a@example.org', 'urn', URN));
    // A report inspected in between arrived late: December's decline, told from Good, now reads from Requires improvement.
    const restated = event(`${URN}-rating-declined-2`, { type: 'rating-declined', from: 'requires-improvement', to: 'inadequate', fileId: '2', restates: DECLINE.id });
    await store.recordScrape(scrape({ events: [restated] }));
    assert.equal(await planAlerts([restated], deps), 0);
    assert.deepEqual(await store.listMessages({ eventId: restated.id }), []);
  });

  it('sends what is due once, and a second run sends nothing', async () => {
    await add(sub('a@example.org', 'urn', URN));
    await planAlerts([DECLINE], deps);
    assert.deepEqual(await deliverDue(deps), { sent: 1, deferred: 0, givenUp: 0, unconfigured: 0 });
    assert.equal(sink.messages.length, 1);
    const mail = readMessage(sink.messages[0]!.raw);
    const token = /unsubscribe\?token=([^\s>"]+)/.exec(mail.headers.get('list-unsubscribe') ?? '')?.[1];
    assert.ok(token, 'a one-click unsubscribe link');
    assert.equal((await deliverDue(deps)).sent, 0);
    assert.equal(sink.messages.length, 1);
  });

  it('marks an address the server refuses for good as rejected and never tries it again', async () => {
    await add(sub('gone@example.org', 'urn', URN));
    sink.rejectRecipient('gone@example.org', 550);
    await planAlerts([DECLINE], deps);
    assert.equal((await deliverDue(deps)).givenUp, 1);
    const [m] = await store.listMessages({ recipient: 'gone@example.org' });
    assert.equal(m?.status, 'rejected');
    later(24 * 3600_000);
    assert.deepEqual(await deliverDue(deps), { sent: 0, deferred: 0, givenUp: 0, unconfigured: 0 });
  });

  it('retries a message while SMTP is down with growing delays, and gives up after the last attempt', async () => {
    await add(sub('a@example.org', 'urn', URN));
    await planAlerts([DECLINE], deps);
    await sink.refuseConnections();
    assert.equal((await deliverDue(deps)).deferred, 1);
    let [m] = await store.listMessages({ recipient: 'a@example.org' });
    assert.equal(m?.attempts, 1);
    assert.equal(m?.nextAttemptAt, new Date(now.getTime() + 1000).toISOString());
    assert.equal((await deliverDue(deps)).deferred, 0, 'not due yet');
    later(1000);
    assert.equal((await deliverDue(deps)).deferred, 1);
    [m] = await store.listMessages({ recipient: 'a@example.org' });
    assert.equal(m?.nextAttemptAt, new Date(now.getTime() + 2000).toISOString(), 'the delay doubles');
    later(2000);
    assert.equal((await deliverDue(deps)).givenUp, 1, 'the third attempt is the last');
    assert.equal((await store.listMessages({ recipient: 'a@example.org' }))[0]?.status, 'failed');
  });

  it('sends nothing to someone who unsubscribed after the message was queued', async () => {
    const { subscription } = await add(sub('a@example.org', 'urn', URN));
    await planAlerts([DECLINE], deps);
    await store.removeSubscriptions({ id: subscription.id });
    assert.equal((await deliverDue(deps)).givenUp, 1);
    assert.equal(sink.messages.length, 0);
  });

  it('waits with email until SMTP_URL is set, without spending attempts', async () => {
    await add(sub('a@example.org', 'urn', URN));
    await planAlerts([DECLINE], deps);
    const noSmtp = { ...deps, config: { ...deps.config, SMTP_URL: undefined } };
    assert.equal((await deliverDue(noSmtp)).unconfigured, 1);
    assert.equal((await store.listMessages({ recipient: 'a@example.org' }))[0]?.attempts, 0);
  });

  it('turns a recipient\'s held messages into one digest a day, grouped per provider', async () => {
    await store.recordScrape(scrape({ provider: provider({ urn: 'SC036109' }), events: [event('SC036109-rating-declined-1', { urn: 'SC036109', type: 'rating-declined', from: 'good', to: 'inadequate' })] }));
    await add(sub('d@example.org', 'owner', 'Derby City Council', { mode: 'digest' }));
    await planAlerts(await store.listEvents(), deps);
    assert.equal((await store.listHeldMessages()).length, 2);
    assert.equal(await queueDigests(deps), 1);
    assert.equal(await queueDigests(deps), 0, 'one digest per recipient and day');
    assert.equal((await deliverDue(deps)).sent, 1);
    const mail = readMessage(sink.messages[0]!.raw);
    assert.match(mail.subject ?? '', /2 providers|2 events/);
    assert.match(mail.text ?? '', /SC036243[\s\S]*SC036109|SC036109[\s\S]*SC036243/);
    assert.deepEqual((await store.listMessages({ recipient: 'd@example.org', kind: 'event' })).map((m) => m.status), ['digested', 'digested']);
  });

  it('tells the operator once when a URN reaches the failure threshold, and once when it recovers', async () => {
    const ops = () => store.listMessages({ recipient: 'ops@example.org' });
    await noteScrapeOutcome(URN, { ok: false, error: 'HTTP 503' }, deps);
    await noteScrapeOutcome(URN, { ok: false, error: 'HTTP 503' }, deps);
    assert.equal((await ops()).length, 0);
    await noteScrapeOutcome(URN, { ok: false, error: 'HTTP 503' }, deps);
    await noteScrapeOutcome(URN, { ok: false, error: 'HTTP 503' }, deps);
    assert.equal((await ops()).length, 1, 'one message for the run, not one per failure');
    await noteScrapeOutcome(URN, { ok: true }, deps);
    await noteScrapeOutcome(URN, { ok: true }, deps);
    const messages = await ops();
    assert.equal(messages.length, 2);
    assert.match(messages[0]!.subject, /3 scrapes failed in a row/);
    assert.match(messages[1]!.subject, /works again|recovered/i);
    assert.equal((await deliverDue(deps)).sent, 2);
  });

  it('says nothing to the operator about a URN that failed fewer times than the threshold, then worked', async () => {
    await noteScrapeOutcome(URN, { ok: false, error: 'timeout' }, deps);
    await noteScrapeOutcome(URN, { ok: true }, deps);
    assert.equal((await store.listMessages({ recipient: 'ops@example.org' })).length, 0);
    assert.equal((await store.getScrapeHealth(URN))?.failures, 0);
  });

  it('tells the operator of each report it could not classify or grade, once, and never of a baseline\'s', async () => {
    const failed = (n: number, backfill = false) =>
      event(`${URN}-scrape-failed-${n}`, { type: 'scrape-failed', fileId: String(60 + n), backfill, summary: `${URN}: a report (inspected 29 Oct 2019) could not be classified as any kind of inspection we read; check it by hand` });
    await store.recordScrape(scrape({ reports: [], events: [failed(1), failed(2, true)] }));
    const events = await store.listEvents();
    await planAlerts(events, deps);
    await planAlerts(events, deps);
    const messages = await store.listMessages({ recipient: 'ops@example.org' });
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.subject, '[ofsted-monitor] SC036243: a report needs reading by hand');
    assert.match(messages[0]!.text.replace(/\s+/g, ' '), /could not be classified as any kind of inspection we read; check it by hand\. No grade was taken from it/);
    assert.match(messages[0]!.text, /Report file: 61/);
    assert.equal((await deliverDue(deps)).sent, 1);
    assert.equal(sink.messages.length, 1);
  });

  it(`sends at most ${REPORT_UNREAD_ALERTS_PER_DAY} such messages a day, so a change of format does not bury the operator`, async () => {
    const many = Array.from({ length: REPORT_UNREAD_ALERTS_PER_DAY + 5 }, (_, n) =>
      event(`${URN}-scrape-failed-many-${n}`, { type: 'scrape-failed', fileId: String(700 + n), summary: `${URN}: report ${700 + n} could not be read (not a PDF)` }),
    );
    await planAlerts(many, deps);
    assert.equal((await store.listMessages({ recipient: 'ops@example.org' })).length, REPORT_UNREAD_ALERTS_PER_DAY);
    later(24 * 60 * 60 * 1000);
    await planAlerts(many, deps);
    assert.equal((await store.listMessages({ recipient: 'ops@example.org' })).length, REPORT_UNREAD_ALERTS_PER_DAY + 5, 'the next day, only the ones not told yet');
  });

  it('tells the operator once a day when too many of the day\'s reports could not be read', async () => {
    const unreadable = (id: string) => ({ ...report(id, '2019-11-27', null), fetchedAt: now.toISOString() });
    const readable = (id: string) => ({ ...report(id, '2019-11-27', parsed(`2019-0${id}-01`)), fetchedAt: now.toISOString() });
    await store.recordScrape(scrape({ reports: [readable('3'), readable('4'), readable('5'), unreadable('6'), unreadable('7')] }));
    await checkUnreadableShare(deps);
    await checkUnreadableShare(deps);
    const messages = await store.listMessages({ recipient: 'ops@example.org' });
    assert.equal(messages.length, 1);
    // The two reports of the baseline above were fetched "later" too (the builders' fixed timestamp).
    assert.match(messages[0]!.subject, /2 of 7 reports unreadable/);
  });
});

describe('unsubscribe tokens', () => {
  it('carry what they unsubscribe, and anything altered or signed with another secret is refused', () => {
    const token = signUnsubscribe({ subscriptionId: 'abc' }, 'secret-1');
    assert.deepEqual(verifyUnsubscribe(token, 'secret-1'), { subscriptionId: 'abc' });
    assert.equal(verifyUnsubscribe(token, 'secret-2'), null);
    const [payload, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ subscriptionId: 'xyz' })).toString('base64url')}.${mac}`;
    assert.equal(verifyUnsubscribe(forged, 'secret-1'), null);
    assert.equal(verifyUnsubscribe(`${payload}.${mac}.x`, 'secret-1'), null);
    assert.deepEqual(verifyUnsubscribe(signUnsubscribe({ digestRecipient: 'd@example.org' }, 's'), 's'), { digestRecipient: 'd@example.org' });
  });
});
