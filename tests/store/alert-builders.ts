import type { NewOutboxMessage, NewSubscription } from '../../src/alerts/types.js';
import { URN } from './builders.js';

// Plain alerting data for store tests, shared by the tests of every dialect.

export function subscription(overrides: Partial<NewSubscription> = {}): NewSubscription {
  return {
    channel: 'email',
    target: 'carer@example.org',
    scope: 'urn',
    value: URN,
    events: ['rating-declined'],
    mode: 'immediate',
    ...overrides,
  };
}

/** An event message to `recipient`; its key follows the outbox's `event|<eventId>|<channel>|<recipient>`. */
export function message(eventId: string, recipient = 'carer@example.org', overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  const key = `event|${eventId}|email|${recipient}`;
  return {
    key,
    kind: 'event',
    eventId,
    subscriptionId: 'sub-1',
    channel: 'email',
    recipient,
    subject: `${URN}: Good → Inadequate`,
    text: `event ${eventId}`,
    html: `<p>event ${eventId}</p>`,
    messageId: `<${eventId}@ofsted-monitor>`,
    unsubscribeUrl: 'http://127.0.0.1/unsubscribe?t=abc',
    status: 'pending',
    ...overrides,
  };
}

export function digest(day: string, recipient = 'carer@example.org'): NewOutboxMessage {
  return {
    key: `digest|${day}|email|${recipient}`,
    kind: 'digest',
    eventId: null,
    subscriptionId: 'sub-1',
    channel: 'email',
    recipient,
    subject: `Ofsted changes on ${day}`,
    text: 'digest',
    html: '<p>digest</p>',
    messageId: `<digest-${day}@ofsted-monitor>`,
    unsubscribeUrl: 'http://127.0.0.1/unsubscribe?t=abc',
    status: 'pending',
  };
}
