import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_ALERT_EVENTS } from '../../src/alerts/types.js';
import { EVENT_TYPES } from '../../src/ofsted/vocabulary.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

// `subscribe`, `unsubscribe` and `subscriptions`, run through the compiled CLI (`npm run build` first).

const SUBSCRIPTION_KEYS = ['channel', 'createdAt', 'events', 'id', 'mode', 'scope', 'target', 'value'];

describe('subscribe, unsubscribe and subscriptions', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  before(async () => {
    database = await testDatabaseUrl();
    // The example webhook host is allowed by name: it need not resolve, and any address it had would do.
    env = { DATABASE_URL: database.url, WEBHOOK_ALLOW_HOSTS: 'hooks.example.org' };
  });
  after(() => database.cleanup());

  const subscriptions = async (target?: string) => {
    const run = await runCli(['subscriptions', '--json', ...(target ? ['--target', target] : [])], env);
    assert.equal(run.code, 0, run.stderr);
    return run.json<{ subscriptions: Array<Record<string, unknown>> }>().subscriptions;
  };

  it('subscribes a lower-cased email to a URN with the decline events, watches the URN and says both', async () => {
    const run = await runCli(['subscribe', ' Carer@Example.ORG ', '--urn', 'sc036243'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n'), [
      'subscribed carer@example.org to SC036243 (events: decline; immediate)',
      'SC036243 added to the watchlist',
    ]);
    const [s, ...rest] = await subscriptions();
    assert.equal(rest.length, 0);
    assert.deepEqual(
      { channel: s?.channel, target: s?.target, scope: s?.scope, value: s?.value, events: s?.events, mode: s?.mode },
      { channel: 'email', target: 'carer@example.org', scope: 'urn', value: 'SC036243', events: [...DEFAULT_ALERT_EVENTS], mode: 'immediate' },
    );
    const watched = await runCli(['watch', 'list', '--json'], env);
    assert.deepEqual(watched.json().map((w: { urn: string }) => w.urn), ['SC036243']);
  });

  it('re-subscribing keeps one subscription, with the new events and mode, and says it was updated', async () => {
    const before = await subscriptions();
    const run = await runCli(['subscribe', 'carer@example.org', '--urn', 'SC036243', '--events', 'any', '--digest'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n'), [
      'updated carer@example.org to SC036243 (events: any; daily digest)',
      'SC036243 was already on the watchlist',
    ]);
    const after = await subscriptions();
    assert.equal(after.length, 1);
    assert.equal(after[0]?.id, before[0]?.id);
    assert.deepEqual(after[0]?.events, [...EVENT_TYPES]);
    assert.equal(after[0]?.mode, 'digest');
  });

  it('prints exactly one JSON document with one subscription per scope and the URNs now watched', async () => {
    const run = await runCli(
      [
        'subscribe', 'team@example.org', '--urn', 'SC036109', '--urn', '100000', '--owner', 'Derby City  Council',
        '--la', 'Derby', '--events', 'enforcement, rating-declined', '--json',
      ],
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    const body = run.json();
    assert.deepEqual(Object.keys(body).sort(), ['subscriptions', 'watched']);
    assert.deepEqual(body.watched, ['SC036109', '100000']);
    assert.deepEqual(
      body.subscriptions.map((s: Record<string, unknown>) => [s.scope, s.value]),
      [['urn', 'SC036109'], ['urn', '100000'], ['owner', 'Derby City Council'], ['la', 'Derby']],
    );
    for (const s of body.subscriptions) {
      assert.deepEqual(Object.keys(s).sort(), SUBSCRIPTION_KEYS);
      // EVENT_TYPES order, whatever order they were typed in.
      assert.deepEqual(s.events, ['rating-declined', 'enforcement']);
    }
    const watched = (await runCli(['watch', 'list', '--json'], env)).json().map((w: { urn: string }) => w.urn);
    assert.deepEqual(watched.sort(), ['100000', 'SC036109', 'SC036243']);
  });

  it('subscribes to every watched provider when no scope is given, and takes a webhook URL as a target', async () => {
    const email = await runCli(['subscribe', 'all@example.org', '--json'], env);
    assert.equal(email.code, 0, email.stderr);
    assert.deepEqual(
      email.json().subscriptions.map((s: Record<string, unknown>) => [s.channel, s.scope, s.value]),
      [['email', 'all', null]],
    );
    assert.deepEqual(email.json().watched, []);
    const hook = await runCli(['subscribe', 'https://hooks.example.org/services/T0/B0', '--la', 'Derby'], env);
    assert.equal(hook.code, 0, hook.stderr);
    const [subscribed, secretLine, ...rest] = hook.stdout.split('\n');
    assert.equal(subscribed, 'subscribed https://hooks.example.org/services/T0/B0 to local authority "Derby" (events: decline; immediate)');
    assert.match(secretLine ?? '', /^signing secret \(Standard Webhooks; shown only now, keep it to verify webhook-signature\): whsec_[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual(rest, ['']);
    const [s] = await subscriptions('https://HOOKS.example.org/services/T0/B0');
    assert.equal(s?.channel, 'webhook');
  });

  it('refuses a webhook on a loopback or private host with exit 2 and one line, unless WEBHOOK_ALLOW_HOSTS allows it', async () => {
    for (const target of ['https://127.0.0.1:9/hook', 'http://169.254.169.254/latest/meta-data/']) {
      const run = await runCli(['subscribe', target], env);
      assert.equal(run.code, 2, target);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, /^ofsted-monitor: webhook \S+ refused: .* is not a public address .*WEBHOOK_ALLOW_HOSTS\n$/);
      assert.deepEqual(await subscriptions(target), []);
    }
    const allowed = await runCli(['subscribe', 'https://127.0.0.1:9/hook', '--json'], { ...env, WEBHOOK_ALLOW_HOSTS: '127.0.0.0/8' });
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(allowed.json().signingSecret, /^whsec_/);
    const removed = await runCli(['unsubscribe', 'https://127.0.0.1:9/hook', '--all'], env);
    assert.equal(removed.code, 0, removed.stderr);
  });

  it('rejects an unknown event type with exit 2 and one line listing the valid names, storing nothing', async () => {
    const run = await runCli(['subscribe', 'new@example.org', '--urn', 'SC000001', '--events', 'decline,downgrade'], env);
    assert.equal(run.code, 2);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0] ?? '', /unknown event type "downgrade": use decline, any or report-published, .*scrape-failed/);
    assert.deepEqual(await subscriptions('new@example.org'), []);
  });

  it('rejects a target that is neither an email address nor an http(s) URL with exit 2 and one line', async () => {
    for (const target of ['carer.example.org', 'a@b@example.org', 'ftp://example.org/hook', 'carer@example.org\nBcc: x@y.z']) {
      const run = await runCli(['subscribe', target], env);
      assert.equal(run.code, 2, target);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, /^ofsted-monitor: (not an email address|a webhook must be an http or https URL)/);
    }
  });

  it('rejects a malformed URN with exit 2 before opening the database', async () => {
    const tmp = tempDir();
    try {
      // A database that cannot be opened: had the command got that far, it would fail differently.
      const unopenable = { DATABASE_URL: `sqlite:${join(tmp.dir, 'missing', 'dir', 'db.sqlite')}` };
      const run = await runCli(['subscribe', 'carer@example.org', '--urn', 'SC036243', '--urn', 'SC03624'], unopenable);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, 'ofsted-monitor: not a URN: "SC03624" (expected SC + 6 digits, 5-7 digits, or EY + digits)\n');
    } finally {
      tmp.cleanup();
    }
  });

  it('unsubscribe asks which subscriptions when given neither a scope nor --all', async () => {
    const run = await runCli(['unsubscribe', 'team@example.org'], env);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'ofsted-monitor: say which subscriptions of team@example.org to remove: --urn, --owner, --la, or --all for every one\n');
    assert.equal((await subscriptions('team@example.org')).length, 4);
  });

  it('unsubscribe removes only the scopes named, matching owner names whatever their case', async () => {
    const run = await runCli(['unsubscribe', 'TEAM@example.org', '--urn', 'sc036109', '--owner', 'derby city council'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'removed 2 subscriptions of team@example.org\n');
    assert.deepEqual(
      (await subscriptions('team@example.org')).map((s) => `${s.scope} ${s.value}`).sort(),
      ['la Derby', 'urn 100000'],
    );
    // Unsubscribing leaves the watchlist alone: someone else may rely on the URN being swept.
    const watched = (await runCli(['watch', 'list', '--json'], env)).json().map((w: { urn: string }) => w.urn);
    assert.ok(watched.includes('SC036109'));
  });

  it('unsubscribe that matches nothing exits 0 and says so', async () => {
    const run = await runCli(['unsubscribe', 'team@example.org', '--urn', 'SC036243'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^no matching subscriptions of team@example\.org: nothing removed/);
    const json = await runCli(['unsubscribe', 'nobody@example.org', '--all', '--json'], env);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(json.json(), { removed: 0 });
  });

  it('unsubscribe --all removes every subscription of the target and no one else\'s', async () => {
    const run = await runCli(['unsubscribe', 'team@example.org', '--all', '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.json(), { removed: 2 });
    assert.deepEqual(await subscriptions('team@example.org'), []);
    assert.deepEqual(
      (await subscriptions()).map((s) => s.target).sort(),
      ['all@example.org', 'carer@example.org', 'https://hooks.example.org/services/T0/B0'],
    );
  });

  it('subscriptions lists one line per subscription, and tells how to add one when there are none', async () => {
    const run = await runCli(['subscriptions'], env);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.ok(lines.some((l) => /\tcarer@example\.org\tSC036243\tdigest\tany$/.test(l)), run.stdout);
    const none = await runCli(['subscriptions', '--target', 'nobody@example.org'], env);
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /^no subscriptions: add one with `ofsted-monitor subscribe/);
  });
});
