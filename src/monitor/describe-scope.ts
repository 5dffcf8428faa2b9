import type { ScopeKey } from '../store/store.js';

/** "childrens-homes la=Derby owner=Derby City Council": a scope as logs and the CLI show it. */
export function describeScope(s: ScopeKey): string {
  return [s.category, s.localAuthority ? `la=${s.localAuthority}` : null, s.owner ? `owner=${s.owner}` : null].filter(Boolean).join(' ');
}
