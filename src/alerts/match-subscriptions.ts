import type { ChangeEvent, ProviderInfo } from '../ofsted/types.js';
import { normaliseText } from '../ofsted/vocabulary.js';
import type { Subscription } from './types.js';

/** What two spellings of one name share: no case, one space between words, one apostrophe style. */
export function nameKey(name: string): string {
  return normaliseText(name).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Owner and local authority names compare without regard to case, spacing or apostrophe style. */
export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && nameKey(a) === nameKey(b);
}

/** The subscriptions that want this event: their scope covers the provider and they chose its type. */
export function matchSubscriptions(
  event: ChangeEvent,
  provider: ProviderInfo | null,
  watched: boolean,
  subscriptions: readonly Subscription[],
): Subscription[] {
  return subscriptions.filter((s) => {
    if (!s.events.includes(event.type)) return false;
    switch (s.scope) {
      case 'urn':
        return s.value?.toUpperCase() === event.urn;
      case 'owner':
        return sameName(s.value, provider?.owner);
      case 'la':
        return sameName(s.value, provider?.localAuthority);
      case 'all':
        return watched;
    }
  });
}
