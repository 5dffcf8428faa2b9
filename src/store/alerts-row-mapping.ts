import type { Insertable, Selectable } from 'kysely';
import type {
  Channel,
  DeliveryMode,
  MessageKind,
  MessageStatus,
  NewOutboxMessage,
  NewSubscription,
  OutboxMessage,
  ScrapeHealth,
  Subscription,
  SubscriptionScope,
} from '../alerts/types.js';
import { BadInputError } from '../errors.js';
import type { EventType } from '../ofsted/vocabulary.js';
import type { OutboxMessagesTable, ScrapeHealthTable, SubscriptionsTable } from './schema.js';

// Pure translation between the alerting shapes and their rows, plus the scrape-health rule.
// No I/O here, so every dialect's store shares it.

/** How a subscription without a value (scope `all`) is stored: see the subscriptions migration. */
export const NO_VALUE = '';

/** The stored form of a subscription's value; rejects a value that does not fit the scope. */
export function subscriptionValueToColumn(scope: SubscriptionScope, value: string | null): string {
  if (scope === 'all') {
    if (value !== null) throw new BadInputError(`a subscription to all providers takes no value (got ${JSON.stringify(value)})`);
    return NO_VALUE;
  }
  if (value === null || value === NO_VALUE) throw new BadInputError(`a subscription by ${scope} needs a value`);
  return value;
}

/** The column value a filter's `value` matches: null means the `all` subscriptions' ''. */
export function subscriptionFilterValue(value: string | null): string {
  return value ?? NO_VALUE;
}

export function subscriptionToRow(s: NewSubscription, id: string, at: string): Insertable<SubscriptionsTable> {
  return {
    id,
    channel: s.channel,
    target: s.target,
    scope: s.scope,
    value: subscriptionValueToColumn(s.scope, s.value),
    events_json: JSON.stringify(s.events),
    mode: s.mode,
    created_at: at,
  };
}

/** The secret stays behind: a subscription is listed and shown, its secret only once, when made. */
export function rowToSubscription(row: Omit<Selectable<SubscriptionsTable>, 'signing_secret'>): Subscription {
  return {
    id: row.id,
    channel: row.channel as Channel,
    target: row.target,
    scope: row.scope as SubscriptionScope,
    value: row.value === NO_VALUE ? null : row.value,
    events: JSON.parse(row.events_json) as EventType[],
    mode: row.mode as DeliveryMode,
    createdAt: row.created_at,
  };
}

/** A newly queued message: no attempts yet, due at once. */
export function messageToRow(m: NewOutboxMessage, at: string): Insertable<OutboxMessagesTable> {
  return {
    key: m.key,
    kind: m.kind,
    event_id: m.eventId,
    subscription_id: m.subscriptionId,
    channel: m.channel,
    recipient: m.recipient,
    subject: m.subject,
    body_text: m.text,
    body_html: m.html,
    status: m.status,
    attempts: 0,
    next_attempt_at: at,
    last_error: null,
    message_id: m.messageId,
    unsubscribe_url: m.unsubscribeUrl,
    digest_key: null,
    created_at: at,
    sent_at: null,
    lease_until: null,
  };
}

export function rowToMessage(row: Selectable<OutboxMessagesTable>): OutboxMessage {
  return {
    key: row.key,
    kind: row.kind as MessageKind,
    eventId: row.event_id,
    subscriptionId: row.subscription_id,
    channel: row.channel as Channel,
    recipient: row.recipient,
    subject: row.subject,
    text: row.body_text,
    html: row.body_html,
    status: row.status as MessageStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    messageId: row.message_id,
    unsubscribeUrl: row.unsubscribe_url,
    digestKey: row.digest_key,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

export function rowToScrapeHealth(row: Selectable<ScrapeHealthTable>): ScrapeHealth {
  return {
    urn: row.urn,
    failures: row.failures,
    failingSince: row.failing_since,
    lastError: row.last_error,
    alertedAt: row.alerted_at,
  };
}

export interface ScrapeOutcome {
  ok: boolean;
  error?: string;
  at: string;
}

/**
 * A URN's health after one more scrape. A success ends the run of failures (and forgets that the
 * operator was told of it, so the next run is alerted afresh); a failure extends it, dating the run
 * from its first failure. lastError is kept after a success: it is the last error seen, not a state.
 */
export function nextScrapeHealth(urn: string, previous: ScrapeHealth | null, outcome: ScrapeOutcome): ScrapeHealth {
  const lastError = previous?.lastError ?? null;
  if (outcome.ok) return { urn, failures: 0, failingSince: null, lastError, alertedAt: null };
  const failures = (previous?.failures ?? 0) + 1;
  return {
    urn,
    failures,
    failingSince: failures === 1 ? outcome.at : (previous?.failingSince ?? outcome.at),
    lastError: outcome.error ?? null,
    alertedAt: failures === 1 ? null : (previous?.alertedAt ?? null),
  };
}
