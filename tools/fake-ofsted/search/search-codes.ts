// The codes the real search uses in its query string (REAL-EVIDENCE §2 and the saved real page's filter form),
// and which of our providers each one covers.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../util/repo-root.js';

/** level_1_types / level_2_types of a provider; level2 null where the evidence gives no sub-category code. */
export interface TypeCodes {
  level1: number;
  level2: number | null;
}

// Evidence: children's homes 3/11, LA children's services 12 (under 3), early years 2/7, primary 1/1 and
// secondary 1/2 (saved page's sub-category list). Other social care types (fostering agencies, supported
// accommodation, family centres…) have sub-category codes we have no evidence for: they match level 1 only.
const BY_PROVIDER_TYPE: ReadonlyArray<[RegExp, TypeCodes]> = [
  [/children's home/i, { level1: 3, level2: 11 }],
  [/^local authority children's services$/i, { level1: 3, level2: 12 }],
  [/^primary$/i, { level1: 1, level2: 1 }],
  [/^secondary$/i, { level1: 1, level2: 2 }],
  [/^(?:childminder|childcare|nursery|early years)/i, { level1: 2, level2: 7 }],
];

export function typeCodesOf(providerType: string, category: string): TypeCodes {
  for (const [pattern, codes] of BY_PROVIDER_TYPE) if (pattern.test(providerType)) return codes;
  if (category === 'CARE' || category === '2') return { level1: 3, level2: null };
  if (category === '16') return { level1: 2, level2: null };
  if (category === '44') return { level1: 3, level2: 12 };
  return { level1: 1, level2: null };
}

/** Status codes of the real filter: 1 Open, 2 Closed, 4 Proposed to open. */
export const STATUS_OPEN = 1;
export const STATUS_CLOSED = 2;

let laCodes: Map<string, number> | null = null;
let laOptions: Array<{ code: number; label: string }> = [];

/** "Bournemouth, Christchurch & Poole" and "…and Poole" are one authority. */
export function laKey(name: string): string {
  return name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z]+/g, ' ').trim();
}

/**
 * The real local_authority[] codes (e.g. 886 Kent), read from the filter of the saved real page. Welsh
 * authorities, which the CSVs name for a few providers, have no code there and cannot be filtered on.
 */
export function localAuthorityCode(name: string | null): number | null {
  if (!name) return null;
  if (!laCodes) {
    const html = readFileSync(
      join(repoRoot(), 'fixtures', 'real', 'html', 'search_results_folkestone_primary_2023-11.html'),
      'utf8',
    );
    const select = /<select name="local_authority\[\]"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
    laCodes = new Map();
    for (const m of select.matchAll(/<option value="(\d+)"[^>]*>([^<]+)<\/option>/g)) {
      const label = (m[2] ?? '').replace(/&#0?39;/g, "'").replace(/&amp;/g, '&');
      laCodes.set(laKey(label), Number(m[1]));
      laOptions.push({ code: Number(m[1]), label });
    }
    if (laCodes.size === 0) throw new Error('fake-ofsted: no local authority codes in the saved real search page');
  }
  return laCodes.get(laKey(name)) ?? null;
}

/** The local_authority[] options of the real filter, in the saved page's order (the search page serves them). */
export function localAuthorityOptions(): ReadonlyArray<{ code: number; label: string }> {
  localAuthorityCode('x'); // loads the options once
  return laOptions;
}
