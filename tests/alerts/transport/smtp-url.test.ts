import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/config.js';
import { describeSmtpServer, parseSmtpUrl } from '../../../src/alerts/transport/smtp-url.js';

describe('parseSmtpUrl', () => {
  it('reads host, port and percent-decoded credentials from smtp://', () => {
    assert.deepEqual(parseSmtpUrl('smtp://alerts%40example.org:p%40ss%3Aw%2Frd@mail.example.org:2525'), {
      secure: false,
      host: 'mail.example.org',
      port: 2525,
      auth: { user: 'alerts@example.org', pass: 'p@ss:w/rd' },
    });
  });

  it('defaults to port 587 for smtp:// and 465 with TLS for smtps://', () => {
    assert.deepEqual(parseSmtpUrl('smtp://mail.example.org'), { secure: false, host: 'mail.example.org', port: 587 });
    assert.deepEqual(parseSmtpUrl('smtps://mail.example.org'), { secure: true, host: 'mail.example.org', port: 465 });
  });

  it('takes the last @ as the end of the password, as URL parsing does', () => {
    assert.deepEqual(parseSmtpUrl('smtp://user:p@ss@127.0.0.1:1025').auth, { user: 'user', pass: 'p@ss' });
  });

  it('gives a user without a password an empty one', () => {
    assert.deepEqual(parseSmtpUrl('smtp://user@127.0.0.1:1025').auth, { user: 'user', pass: '' });
  });

  it('unwraps an IPv6 host and shows it bracketed', () => {
    const settings = parseSmtpUrl('smtp://[::1]:1025');
    assert.equal(settings.host, '::1');
    assert.equal(describeSmtpServer(settings), '[::1]:1025');
  });

  it('rejects other schemes and non-URLs with a ConfigError that does not repeat the value', () => {
    for (const bad of ['http://user:hunter2@mail.example.org', 'hunter2', 'smtp://user:hunter2@', 'smtp://u:%E0%A4%A@h']) {
      assert.throws(
        () => parseSmtpUrl(bad),
        (error: unknown) => error instanceof ConfigError && /SMTP_URL/.test(error.message) && !error.message.includes('hunter2') && !error.message.includes('%A'),
        bad,
      );
    }
  });
});
