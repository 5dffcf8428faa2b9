import type { OutboxMessage } from '../../../src/alerts/types.js';

/** An outbox row as the sender would hand it to a transport; fields overridable per test. */
export function outboxMessage(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    key: 'event|ev-1|email|reader@example.org',
    kind: 'event',
    eventId: 'ev-1',
    subscriptionId: 'sub-1',
    channel: 'email',
    recipient: 'reader@example.org',
    subject: 'SC036243: Good → Inadequate (inspected 29–30 Oct 2019)',
    text: 'The Grange (children’s home, Derby)\nOverall: Good → Inadequate\n',
    html: '<p>The Grange (children’s home, Derby)</p><p>Overall: Good → Inadequate</p>',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: '2019-11-20T06:00:00.000Z',
    lastError: null,
    messageId: '<0123456789abcdef0123456789abcdef@ofsted-monitor>',
    unsubscribeUrl: 'http://127.0.0.1:3000/unsubscribe?token=abc.def',
    digestKey: null,
    createdAt: '2019-11-20T06:00:00.000Z',
    sentAt: null,
    ...overrides,
  };
}
