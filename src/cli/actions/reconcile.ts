import type { Action } from '../lazy-action.js';
import type { Reconciliation } from '../../monitor/reconcile.js';
import { agreementText, disagreementText, fieldTable } from '../../monitor/reconcile-text.js';
import { reconcileWithStore } from '../../monitor/reconcile-with-store.js';
import { readProviderData } from '../../ofsted/provider-data/read-provider-data.js';
import type { ProviderLevelData } from '../../ofsted/provider-data/provider-level-rows.js';
import { printJson } from '../context.js';

/** URNs never scraped shown in the human output; --json lists them all. */
const NOT_STORED_SHOWN = 10;

export const reconcileCommand: Action<[string, { json?: boolean }]> = async (ctx, file, opts) => {
  const data = await readProviderData(file);
  const result = await reconcileWithStore(data, await ctx().openStore());
  if (opts.json) return printJson(result);
  process.stdout.write(`${humanReport(file, data, result).join('\n')}\n`);
};

function humanReport(file: string, data: ProviderLevelData, r: Reconciliation): string[] {
  const stored = data.urns.length - r.notStored.length;
  const out = [
    `${file}: ${data.urns.length} providers, ${data.inspections.length} inspections (${data.tables.join(', ')})`,
    `the store has scraped ${stored} of these providers; ${agreementText(r)}`,
  ];
  if (r.compared > 0) out.push('', ...fieldTable(r.fields));
  if (r.disagree.length > 0) {
    out.push('', `${r.disagree.length} ${r.disagree.length === 1 ? 'disagreement' : 'disagreements'}:`, ...r.disagree.map((d) => `  ${disagreementText(d)}`));
  } else if (r.compared > 0) {
    out.push('', 'no disagreements');
  }
  if (r.notStored.length > 0) {
    const shown = r.notStored.slice(0, NOT_STORED_SHOWN).join(', ');
    const more = r.notStored.length - NOT_STORED_SHOWN;
    out.push('', `never scraped (${r.notStored.length}): ${shown}${more > 0 ? `, and ${more} more (--json lists them all)` : ''}`);
  }
  return out;
}
