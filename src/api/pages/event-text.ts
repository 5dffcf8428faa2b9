import { outcomeLabel } from '../../alerts/render/labels.js';
import type { ChangeEvent } from '../../ofsted/types.js';
import type { EventType } from '../../ofsted/vocabulary.js';

// How an event reads on the events page and in the feeds.

export const EVENT_TYPE_LABEL: Readonly<Record<EventType, string>> = {
  'report-published': 'Report published',
  'rating-declined': 'Rating declined',
  'rating-improved': 'Rating improved',
  'judgement-declined': 'Judgement declined',
  'judgement-improved': 'Judgement improved',
  'interim-declined': 'Declined at interim',
  enforcement: 'Enforcement',
  'manager-changed': 'Manager changed',
  'provider-closed': 'Provider closed',
  'scrape-failed': 'Report unreadable',
};

/** The summary without its leading "<URN>: ", which the provider column already shows. */
export function summaryText(event: Pick<ChangeEvent, 'urn' | 'summary'>): string {
  const prefix = `${event.urn}: `;
  return event.summary.startsWith(prefix) ? event.summary.slice(prefix.length) : event.summary;
}

/** "Good → Inadequate", "to Good", or "" when the event carries neither. */
export function fromToText(event: Pick<ChangeEvent, 'from' | 'to'>): string {
  const from = event.from ? outcomeLabel(event.from) : null;
  const to = event.to ? outcomeLabel(event.to) : null;
  if (from && to) return `${from} → ${to}`;
  if (to) return `to ${to}`;
  if (from) return `from ${from}`;
  return '';
}
