import type { Scenario, ScenarioProvider, ScenarioReport } from '../../../tools/fake-ofsted/scenario/types.js';
import type { Fault, FaultTarget } from '../../../tools/fake-ofsted/types.js';
import { SeededRandom } from '../../../tools/fake-ofsted/util/seeded-random.js';

// What the fault-matrix test sweeps and how it damages the sweep, chosen from the local site's scenario
// with a seed, so a failing run can be repeated exactly (FAULT_MATRIX_SEED).

/** Reports of `provider` the site lists on `date` (withdrawn ones aside: they are never read). */
export function listedOn(provider: ScenarioProvider, date: string): ScenarioReport[] {
  return provider.reports.filter((r) => r.publishedAt <= date && !r.withdrawn);
}

const RANK: Record<string, number> = { outstanding: 4, good: 3, 'requires-improvement': 2, inadequate: 1 };

/** True when a graded report published in (from, to] has a judgement lower than the last graded one before it. */
function declinesIn(provider: ScenarioProvider, from: string, to: string): boolean {
  const graded = provider.reports.filter((r) => r.grades && r.publishedAt <= to).sort((a, b) => a.inspectionStart.localeCompare(b.inspectionStart));
  for (let i = 1; i < graded.length; i++) {
    const [before, after] = [graded[i - 1]!, graded[i]!];
    if (after.publishedAt <= from) continue;
    const areas = Object.keys(after.grades!) as (keyof NonNullable<ScenarioReport['grades']>)[];
    if (areas.some((a) => (RANK[after.grades![a] ?? ''] ?? 0) < (RANK[before.grades?.[a] ?? ''] ?? 0))) return true;
  }
  return false;
}

/**
 * `count` bulk providers with a baseline on `baseline` and at least one report published after it, by
 * `news`: every one whose news holds a decline, then a seeded sample of the rest.
 */
export function chooseProviders(scenario: Scenario, o: { seed: string; count: number; baseline: string; news: string }): ScenarioProvider[] {
  const curated = new Set(scenario.curated.map((p) => p.urn));
  const candidates = scenario
    .urns()
    .filter((urn) => !curated.has(urn))
    .map((urn) => scenario.provider(urn)!)
    .filter((p) => (p.registrationDate ?? '') <= o.baseline && listedOn(p, o.baseline).length > 0 && listedOn(p, o.news).length > listedOn(p, o.baseline).length);
  const declining = candidates.filter((p) => declinesIn(p, o.baseline, o.news));
  const rest = candidates.filter((p) => !declining.includes(p));
  const chosen = [...declining.slice(0, o.count), ...new SeededRandom(`${o.seed}:providers`).sample(rest, Math.max(0, o.count - declining.length))];
  return chosen.sort((a, b) => a.urn.localeCompare(b.urn));
}

/** Transport faults a provider page may meet: errors, throttling, an off-host redirect, a slow answer, pages only a browser reads. */
export const PAGE_FAULTS: readonly Fault[] = [
  { kind: 'status', status: 500, times: 2 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429, retryAfter: '1', times: 1 },
  { kind: 'redirect-offsite' },
  { kind: 'slow', ms: 1_500 },
  { kind: 'challenge', times: 1 },
  { kind: 'js-shell' },
];

/** Transport faults a report file may meet: errors, throttling, an HTML page or half a PDF, an off-host redirect, a slow answer. */
export const FILE_FAULTS: readonly Fault[] = [
  { kind: 'status', status: 500, times: 3 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429, retryAfter: '1', times: 1 },
  { kind: 'html-as-pdf' },
  { kind: 'truncated-pdf' },
  { kind: 'redirect-offsite' },
  { kind: 'slow', ms: 2_000 },
];

export interface PlannedFault {
  target: FaultTarget;
  fault: Fault;
}

/** Each page and each file faulted with probability `share`, its fault drawn from the mixes above. */
export function planFaults(o: { seed: string; share: number; urns: readonly string[]; fileIds: readonly string[] }): PlannedFault[] {
  const rng = new SeededRandom(`${o.seed}:faults`);
  const plan: PlannedFault[] = [];
  for (const urn of o.urns) if (rng.chance(o.share)) plan.push({ target: { urn }, fault: rng.pick(PAGE_FAULTS) });
  for (const fileId of o.fileIds) if (rng.chance(o.share)) plan.push({ target: { fileId }, fault: rng.pick(FILE_FAULTS) });
  return plan;
}

/** "status 503", "html-as-pdf": a fault's kind for the figures. */
export function faultName(fault: Fault): string {
  return fault.kind === 'status' ? `status ${fault.status}` : fault.kind;
}
