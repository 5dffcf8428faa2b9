import { createHash } from 'node:crypto';
import type { Channel } from './types.js';

// Outbox keys are idempotency keys: the same message queued twice is one row (see types.ts).

export function eventMessageKey(eventId: string, channel: Channel, recipient: string): string {
  return `event|${eventId}|${channel}|${recipient}`;
}

export function digestMessageKey(day: string, channel: Channel, recipient: string): string {
  return `digest|${day}|${channel}|${recipient}`;
}

export function operatorMessageKey(what: string, subject: string, since: string): string {
  return `operator|${what}|${subject}|${since}`;
}

/** The Message-ID every attempt of a message carries, so a resend is recognisably the same mail. */
export function messageIdFor(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@ofsted-monitor>`;
}
