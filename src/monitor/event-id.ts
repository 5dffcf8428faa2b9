import { createHash } from 'node:crypto';
import type { EventType } from '../ofsted/vocabulary.js';

/**
 * An event's id, derived from what the event is about (never from when it was raised), so a retried or
 * repeated scrape produces the same ids and the store keeps each event once.
 */
export function eventId(urn: string, type: EventType, ...parts: (string | null | undefined)[]): string {
  const hash = createHash('sha256').update([urn, type, ...parts.map((p) => p ?? '')].join('|')).digest('hex');
  return `${urn}-${type}-${hash.slice(0, 16)}`;
}
