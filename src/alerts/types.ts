// The shapes alerting shares between the store, the renderer, the transports and the workers.
import type { EventType } from '../ofsted/vocabulary.js';

/** Where a message goes: an email address, or a URL that takes a JSON POST (Slack-compatible). */
export type Channel = 'email' | 'webhook';

/** Which providers a subscription covers. `all` means every watched provider. */
export type SubscriptionScope = 'urn' | 'owner' | 'la' | 'all';

/** `immediate`: one message per event as it is raised; `digest`: one message a day per recipient. */
export type DeliveryMode = 'immediate' | 'digest';

/** The events a subscription gets when it names none: the ones that mean a provider got worse. */
export const DEFAULT_ALERT_EVENTS: readonly EventType[] = [
  'rating-declined',
  'judgement-declined',
  'interim-declined',
  'enforcement',
  'provider-closed',
];

export interface Subscription {
  id: string;
  channel: Channel;
  /** Email address (lower-cased) or webhook URL. */
  target: string;
  scope: SubscriptionScope;
  /** URN, owner name or local authority as given; null for `all`. */
  value: string | null;
  events: EventType[];
  mode: DeliveryMode;
  createdAt: string;
}

export type NewSubscription = Omit<Subscription, 'id' | 'createdAt'>;

export interface SubscriptionFilter {
  id?: string;
  target?: string;
  scope?: SubscriptionScope;
  value?: string | null;
}

/**
 * A message in the outbox. Rendered when it is queued, so sending it later (after a crash, or once SMTP is
 * back) needs nothing but the transport. Its key is its idempotency key: one row per (event, recipient),
 * per (digest day, recipient) or per operator alert, so queuing it twice keeps one.
 */
export type MessageKind = 'event' | 'digest' | 'operator';

/**
 * pending: to send (or retry); held: waiting for the recipient's digest; digested: sent inside a digest;
 * sent: done; rejected: the server refused the address for good; failed: gave up after the last attempt.
 */
export type MessageStatus = 'pending' | 'held' | 'digested' | 'sent' | 'rejected' | 'failed';

export interface RenderedMessage {
  subject: string;
  /** Plain-text part of an email; for a webhook, the JSON body to POST. */
  text: string;
  /** HTML part (email only); null for webhook messages. */
  html: string | null;
}

export interface OutboxMessage extends RenderedMessage {
  key: string;
  kind: MessageKind;
  /** The event this message is about (kind `event`); null for digests and operator alerts. */
  eventId: string | null;
  /** The subscription it was queued for; null for operator alerts. */
  subscriptionId: string | null;
  channel: Channel;
  recipient: string;
  status: MessageStatus;
  attempts: number;
  /** ISO timestamp before which a pending message is not retried. */
  nextAttemptAt: string;
  lastError: string | null;
  /** RFC 5322 Message-ID used on every attempt, so a resend after a crash is recognisably the same mail. */
  messageId: string;
  /** One-click unsubscribe URL (List-Unsubscribe header); null for operator alerts. */
  unsubscribeUrl: string | null;
  /** Key of the digest a held message went out in. */
  digestKey: string | null;
  createdAt: string;
  sentAt: string | null;
}

export type NewOutboxMessage = Pick<
  OutboxMessage,
  | 'key'
  | 'kind'
  | 'eventId'
  | 'subscriptionId'
  | 'channel'
  | 'recipient'
  | 'subject'
  | 'text'
  | 'html'
  | 'messageId'
  | 'unsubscribeUrl'
> & {
  /** `held` for a digest subscription's event, otherwise `pending`. */
  status: 'pending' | 'held';
};

/** A URN's run of failed scrapes, for the operator's failure alert. */
export interface ScrapeHealth {
  urn: string;
  /** Failed scrapes in a row; 0 after a success. */
  failures: number;
  /** When the current run of failures began; null when the last scrape worked. */
  failingSince: string | null;
  lastError: string | null;
  /** When the operator was told about the current run; null if not (yet). */
  alertedAt: string | null;
}
