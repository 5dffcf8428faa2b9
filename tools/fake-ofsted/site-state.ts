// The site's mutable state: its clock and the injected faults. Pure (no I/O) so the HTTP layer only
// asks it what to do.

import type { Scenario, ScenarioProvider, ScenarioReport } from './scenario/types.js';
import { faultSchema } from './fault-schema.js';
import { SEARCH_SHAPES, type SearchShape } from './pages/search-page.js';
import type { Fault, FaultTarget } from './types.js';
import { isIsoDate } from './util/dates.js';

const PAGE_ONLY = new Set<Fault['kind']>(['js-shell']);
const FILE_ONLY = new Set<Fault['kind']>(['html-as-pdf', 'truncated-pdf', 'scanned-pdf', 'huge', 'inflate-bomb']);

interface ActiveFault {
  fault: Fault;
  /** Responses left to spoil; null = every response. */
  remaining: number | null;
}

export function faultKey(target: FaultTarget): string {
  if ('search' in target) return 'search';
  return 'urn' in target ? `urn:${target.urn.toUpperCase()}` : `file:${target.fileId}`;
}

export class SiteState {
  private current: string;
  private readonly faults = new Map<string, ActiveFault>();
  private shape: SearchShape = 'real';

  constructor(
    private readonly scenario: Scenario,
    readonly initialNow: string,
  ) {
    if (!isIsoDate(initialNow)) throw new TypeError(`fake-ofsted: "now" must be an ISO date, got "${initialNow}"`);
    this.current = initialNow;
  }

  now(): string {
    return this.current;
  }

  setNow(isoDate: string): void {
    if (!isIsoDate(isoDate)) throw new TypeError(`fake-ofsted: setNow needs an ISO date (YYYY-MM-DD), got "${isoDate}"`);
    this.current = isoDate;
  }

  advance(urn?: string): string | null {
    let reports: ScenarioReport[];
    if (urn !== undefined) {
      const provider = this.scenario.provider(urn.trim().toUpperCase());
      if (!provider) return null;
      reports = provider.reports;
    } else {
      reports = this.scenario.curated.flatMap((p) => p.reports);
    }
    const next = reports
      .map((r) => r.publishedAt)
      .filter((d) => d > this.current)
      .sort()[0];
    if (!next) return null;
    this.current = next;
    return next;
  }

  /** The provider exists on the site today: known, and registered by now. */
  isVisible(provider: ScenarioProvider): boolean {
    return provider.registrationDate === null || provider.registrationDate <= this.current;
  }

  published(provider: ScenarioProvider): ScenarioReport[] {
    return provider.reports.filter((r) => r.publishedAt <= this.current);
  }

  setFault(target: FaultTarget, fault: Fault): void {
    const checked = faultSchema.safeParse(fault);
    if (!checked.success) throw new TypeError(`fake-ofsted: invalid fault ${JSON.stringify(fault)}: ${checked.error.message}`);
    const isPage = !('fileId' in target);
    if (isPage && FILE_ONLY.has(fault.kind)) throw new TypeError(`fake-ofsted: fault "${fault.kind}" applies to report files only`);
    if (!isPage && PAGE_ONLY.has(fault.kind)) throw new TypeError(`fake-ofsted: fault "${fault.kind}" applies to provider pages only`);
    let remaining: number | null = null;
    if (fault.kind === 'status') remaining = fault.times ?? null;
    if (fault.kind === 'challenge') remaining = fault.times ?? 1;
    this.faults.set(faultKey(target), { fault, remaining });
  }

  /** Also puts the search back in its real shape. */
  clearFaults(): void {
    this.faults.clear();
    this.shape = 'real';
  }

  searchShape(): SearchShape {
    return this.shape;
  }

  setSearchShape(shape: SearchShape): void {
    if (!SEARCH_SHAPES.includes(shape)) throw new TypeError(`fake-ofsted: search shape must be one of ${SEARCH_SHAPES.join(', ')}`);
    this.shape = shape;
  }

  /** The fault to apply to this response, counting it down; undefined when none. */
  takeFault(target: FaultTarget): Fault | undefined {
    const key = faultKey(target);
    const active = this.faults.get(key);
    if (!active) return undefined;
    if (active.remaining !== null) {
      active.remaining--;
      if (active.remaining <= 0) this.faults.delete(key);
    }
    return active.fault;
  }

  describeFaults(): Array<{ target: string; fault: Fault; remaining: number | null }> {
    return [...this.faults.entries()].map(([target, a]) => ({ target, fault: a.fault, remaining: a.remaining }));
  }
}
