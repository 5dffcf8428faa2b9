import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifySmtpError } from '../../../src/alerts/transport/smtp-error-classifier.js';

const context = { server: 'mail.example.org:587', recipient: 'reader@example.org', secrets: ['hunter2'] };

describe('classifySmtpError', () => {
  it('makes a 5xx to RCPT TO permanent and names the recipient', () => {
    const error = classifySmtpError(
      { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 User unknown', command: 'RCPT TO', rejected: ['reader@example.org'] },
      context,
    );
    assert.equal(error.permanent, true);
    assert.equal(error.responseCode, 550);
    assert.equal(error.message, 'SMTP mail.example.org:587 rejected recipient reader@example.org: 550 5.1.1 User unknown');
  });

  it('makes a 4xx to RCPT TO transient', () => {
    const error = classifySmtpError({ code: 'EENVELOPE', responseCode: 451, response: '451 later', command: 'RCPT TO' }, context);
    assert.equal(error.permanent, false);
    assert.match(error.message, /deferred recipient/);
  });

  it('makes a 5xx after DATA (content refused) permanent', () => {
    const error = classifySmtpError({ code: 'EMESSAGE', responseCode: 554, response: '554 spam', command: 'DATA' }, context);
    assert.equal(error.permanent, true);
  });

  it('keeps a 5xx to AUTH, MAIL FROM or the greeting transient: the fault is ours, not the recipient’s', () => {
    for (const command of ['AUTH PLAIN', 'MAIL FROM', 'CONN', 'EHLO']) {
      const error = classifySmtpError({ code: 'EAUTH', responseCode: 535, response: '535 bad', command }, context);
      assert.equal(error.permanent, false, command);
    }
  });

  it('keeps 503 (bad command sequence) transient even on RCPT TO', () => {
    assert.equal(classifySmtpError({ responseCode: 503, command: 'RCPT TO' }, context).permanent, false);
  });

  it('makes refused and reset connections transient, under Node’s own code', () => {
    for (const originalCode of ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND']) {
      const error = classifySmtpError({ code: 'ESOCKET', originalCode, message: 'connect ECONNREFUSED 10.0.0.1:587' }, context);
      assert.equal(error.permanent, false);
      assert.equal(error.code, originalCode);
      assert.ok(error.message.startsWith('SMTP mail.example.org:587 '));
    }
  });

  it('makes timeouts and abandoned sends transient', () => {
    const timeout = classifySmtpError({ code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' }, context);
    assert.equal(timeout.permanent, false);
    assert.match(timeout.message, /timed out \(GREETING_TIMEOUT\)/);
    assert.equal(classifySmtpError({ code: 'EABORT' }, context).permanent, false);
  });

  it('makes an unknown failure transient, on one line, without secrets', () => {
    const error = classifySmtpError(new Error('proxy said hunter2\nsecond line'), context);
    assert.equal(error.permanent, false);
    assert.equal(error.message, 'SMTP mail.example.org:587: proxy said ***');
  });

  it('blanks secrets out of server replies', () => {
    const error = classifySmtpError({ responseCode: 535, response: '535 hunter2 is wrong', command: 'AUTH PLAIN' }, context);
    assert.ok(!error.message.includes('hunter2'));
  });
});
