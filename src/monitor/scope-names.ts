import { distance } from 'fastest-levenshtein';
import { BadInputError } from '../errors.js';
import { LOCAL_AUTHORITIES } from '../ofsted/local-authorities.js';
import type { Store } from '../store/store.js';

/** Case, spacing, punctuation and "&"/"and" folded: "Bournemouth, Christchurch & Poole" ~ "bournemouth christchurch and poole". */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
}

export interface NameCheck {
  /** As the message says it: "local authority", "owner". */
  noun: string;
  /** Every name the list holds (a local authority): anything else is refused. Otherwise only a near miss is. */
  complete: boolean;
}

/**
 * The known spelling `input` means, matched on nameKey (earlier spellings in `known` win, so put the store's,
 * which providers are matched by, first). Refused with one line and a suggestion when it is a near miss of a
 * known name; an owner the store has not seen yet (nothing near) is taken as given, tidied.
 */
export function resolveName(input: string, known: readonly string[], o: NameCheck): string {
  const key = nameKey(input);
  const exact = known.find((k) => nameKey(k) === key);
  if (exact !== undefined) return exact;
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = distance(key, nameKey(name));
    if (!best || d < best.d) best = { name, d };
  }
  // Near: a couple of slips in a short name, about one in four letters in a long one.
  const near = best && best.d <= Math.max(2, Math.floor(key.length / 4)) ? best.name : undefined;
  if (near !== undefined) throw new BadInputError(`no ${o.noun} called '${input.trim()}'; did you mean '${near}'?`);
  if (o.complete) throw new BadInputError(`no ${o.noun} called '${input.trim()}' (spell it as Ofsted's search does, e.g. 'Derby', 'Bristol')`);
  return input.trim().replace(/\s+/g, ' ');
}

/** `--la` and `--owner` as the store and Ofsted spell them; BadInputError for a near miss (or an unknown LA). */
export async function resolveScopeNames(store: Store, given: { la?: string | null; owner?: string | null }): Promise<{ la?: string; owner?: string }> {
  const out: { la?: string; owner?: string } = {};
  if (given.la != null) {
    out.la = resolveName(given.la, [...(await store.listNames('localAuthority')), ...LOCAL_AUTHORITIES], { noun: 'local authority', complete: true });
  }
  if (given.owner != null) out.owner = resolveName(given.owner, await store.listNames('owner'), { noun: 'owner', complete: false });
  return out;
}
