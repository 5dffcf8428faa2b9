import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { decodeEncodedWords, readMessage } from '../../helpers/mime-reader.js';

// The test helper that reads what the SMTP sink receives is checked here against messages nodemailer
// itself produced, so the transport tests rest on a reader known to decode nodemailer's output.

const SUBJECT = 'SC036243: Good → Inadequate (inspected 29–30 Oct 2019) — a subject long enough to be folded over several lines';
const TEXT = `Overall effectiveness: Good → Inadequate\n${'Statutory requirement: the registered person must ensure… '.repeat(4)}\nLast line, café\n`;
const HTML = '<h1>Good → Inadequate</h1>\n<p>Children’s home — “Derby”</p>';

async function compose(options: SendMailOptions): Promise<string> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail({
    from: 'Ofsted Monitor <alerts@example.org>',
    to: 'reader@example.org',
    messageId: '<id-1@ofsted-monitor>',
    ...options,
  });
  return (info.message as Buffer).toString('utf8');
}

describe('mime-reader on messages nodemailer produced', () => {
  it('reads a multipart/alternative message with a Q-encoded folded subject and quoted-printable parts', async () => {
    const raw = await compose({ subject: SUBJECT, text: TEXT, html: HTML });
    assert.match(raw, /^Subject: =\?UTF-8\?Q\?/m, 'the subject really is encoded');
    assert.match(raw, /Content-Transfer-Encoding: quoted-printable/);
    assert.match(raw, /=\r\n/, 'the text really has soft line breaks');
    const mail = readMessage(raw);
    assert.equal(mail.subject, SUBJECT);
    assert.equal(mail.headers.get('message-id'), '<id-1@ofsted-monitor>');
    assert.equal(mail.root.contentType, 'multipart/alternative');
    assert.deepEqual(
      mail.leaves.map((p) => p.contentType),
      ['text/plain', 'text/html'],
    );
    assert.equal(mail.text, TEXT);
    assert.equal(mail.html, HTML);
  });

  it('reads a B-encoded subject and base64 parts', async () => {
    const raw = await compose({ subject: SUBJECT, text: TEXT, html: HTML, textEncoding: 'base64', encoding: 'base64' });
    assert.match(raw, /^Subject: =\?UTF-8\?B\?/m);
    assert.match(raw, /Content-Transfer-Encoding: base64/);
    const mail = readMessage(raw);
    assert.equal(mail.subject, SUBJECT);
    assert.equal(mail.text, TEXT);
    assert.equal(mail.html, HTML);
  });

  it('finds the alternatives inside multipart/mixed and decodes an attachment', async () => {
    const raw = await compose({
      subject: 'with attachment',
      text: TEXT,
      html: HTML,
      attachments: [{ filename: 'notes.txt', content: Buffer.from('naïve → café\n'), contentType: 'text/plain; charset=utf-8' }],
    });
    const mail = readMessage(raw);
    assert.equal(mail.root.contentType, 'multipart/mixed');
    assert.equal(mail.root.parts[0]?.contentType, 'multipart/alternative');
    assert.equal(mail.text, TEXT);
    assert.equal(mail.html, HTML);
    assert.equal(mail.leaves[2]?.text, 'naïve → café\n');
  });
});

describe('mime-reader on hand-written messages', () => {
  it('unfolds headers and keeps repeated fields', () => {
    const mail = readMessage('Received: one\r\nReceived: two\r\nX-Long: first\r\n  second\r\n\r\nbody\r\n');
    assert.deepEqual(mail.headers.getAll('received'), ['one', 'two']);
    assert.equal(mail.headers.get('x-long'), 'first  second');
    assert.equal(mail.text, 'body\n');
  });

  it('joins encoded words split inside a character and keeps spaces between plain words', () => {
    // "→" is E2 86 92; here its bytes are split across two encoded words.
    assert.equal(decodeEncodedWords('=?UTF-8?Q?Good_=E2=86?= =?UTF-8?Q?=92_Inadequate?= now'), 'Good → Inadequate now');
    assert.equal(decodeEncodedWords('plain =?ISO-8859-1?Q?caf=E9?= text'), 'plain café text');
  });

  it('decodes a quoted-printable body in its declared charset', () => {
    const raw = 'Content-Type: text/plain; charset="iso-8859-1"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ncaf=E9 =\r\nau lait  \r\n';
    assert.equal(readMessage(raw).text, 'café au lait\n');
  });
});
