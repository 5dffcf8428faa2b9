// What `watch import` tells before it adds anything: how much the first per-URN sweep of the import will
// ask of Ofsted, and how long that takes at the politeness cap. Pure.

export interface FirstSweepPlan {
  /** Distinct URNs the import watches. */
  urns: number;
  /** Of those, the ones not watched before. */
  newUrns: number;
  /**
   * Reports of the new URNs that the file lists (its dated inspections, one per URN and date): each is
   * one download. Their provider pages may list older ones too, which the file does not tell.
   */
  reports: number;
  requestsPerSecond: number;
}

const count = new Intl.NumberFormat('en-GB');

/**
 * One line, e.g. `watch import: 2,814 URNs (2,790 new); the first sweep reads at least 2,814 pages and
 * 2,790 reports: ~1 h 33 min at 1 request/s`. Every URN's page is read by the sweep, watched before or not.
 */
export function describeFirstSweep(plan: FirstSweepPlan): string {
  const requests = plan.urns + plan.reports;
  const reads = `${count.format(plan.urns)} pages${plan.reports > 0 ? ` and ${count.format(plan.reports)} reports` : ''}`;
  const rate = `${count.format(plan.requestsPerSecond)} request${plan.requestsPerSecond === 1 ? '' : 's'}/s`;
  return (
    `watch import: ${count.format(plan.urns)} URNs (${count.format(plan.newUrns)} new); ` +
    `the first sweep reads at least ${reads}: ~${duration(requests / plan.requestsPerSecond)} at ${rate}`
  );
}

/** Seconds as the rough figure a person plans with: "40 s", "47 min", "1 h 33 min", "3 d 4 h". */
export function duration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `${min} min`;
  if (min < 48 * 60) return `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
  const h = Math.round(min / 60);
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`;
}
