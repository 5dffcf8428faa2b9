import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { recordChanges, type ProviderListing, type ScrapeDeps } from '../../src/monitor/scrape-provider.js';
import type { ChangeEvent, ParsedReport } from '../../src/ofsted/types.js';
import { GRADE_RANK, GRADED_KINDS, gradeScale, type Grade } from '../../src/ofsted/vocabulary.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store, StoredReport } from '../../src/store/store.js';
import { SeededRandom } from '../../tools/fake-ofsted/util/seeded-random.js';
import { laHistories, providerLevelHistories, scenarioHistories, type RealHistory } from '../helpers/real-histories.js';

// Property: whatever order and grouping a provider's reports arrive in after the same baseline, the events
// that stand once all have arrived (stored, not superseded) are the same; each comparison has at most one;
// none claims a decline that the inspection-date-ordered history does not show, and none it shows is missing.
// Histories are real (the local site's Derby homes, Ofsted's provider-level data, the real LA corpus); the
// arrival orders are drawn from a seeded generator, so a failure names its seed and reproduces.

const SEED = Number(process.env.ARRIVAL_ORDER_SEED ?? 20261122);
/** Histories sampled from each larger source: children's homes in Ofsted's data, councils in the LA corpus. */
const SAMPLED = 20;
/** Random shuffled-and-grouped arrivals per history, besides the two fixed ones. */
const RANDOM_PLANS = 2;

const AT = Date.parse('2026-11-22T06:00:00.000Z');
const COMPARISONS = new Set(['rating-declined', 'rating-improved', 'judgement-declined', 'judgement-improved', 'interim-declined', 'manager-changed']);
const DECLINES = new Set(['rating-declined', 'judgement-declined', 'interim-declined']);

/** Groups of report indexes, in the order they arrive. */
type Plan = number[][];

interface Trial {
  /** Trial number: the URN and file ids carry it, so every trial has its own rows in the one store. */
  n: number;
  history: RealHistory;
  baseline: number[];
  plan: Plan;
}

let trials = 0;
let clock = 0;

async function run(store: Store, t: Trial): Promise<{ urn: string; events: ChangeEvent[]; index: (fileId: string | null) => number }> {
  const urn = `${t.history.urn}~${t.n}`;
  const fileId = (i: number) => `t${t.n}r${i}`;
  const stored = (i: number): StoredReport => {
    const h = t.history.reports[i]!;
    return {
      fileId: fileId(i),
      urn,
      url: `http://files/v1/file/${fileId(i)}`,
      title: h.parsed.kind,
      publishedAt: h.publishedAt,
      sha256: null,
      parserVersion: h.parsed.parserVersion,
      parsed: { ...h.parsed, urn },
      error: null,
      fetchedAt: new Date(AT).toISOString(),
    };
  };
  const provider = { urn, name: null, category: 'CARE', providerType: null, localAuthority: null, owner: null, url: `http://reports/provider/CARE/${urn}` };
  const deps: ScrapeDeps = {
    // recordChanges reads nothing from the site.
    site: { fetchProviderPage: () => Promise.reject(new Error('unused')), downloadReport: () => Promise.reject(new Error('unused')) },
    store,
    logger: pino({ level: 'silent' }),
    now: () => new Date(AT + (clock += 1000)),
  };
  const arrive = async (indexes: number[], baseline: boolean) => {
    const listing: ProviderListing = { urn, provider, fresh: [], baseline, contentHash: null, unchanged: false };
    await recordChanges(listing, indexes.map(stored), deps);
  };
  await arrive(t.baseline, true);
  for (const group of t.plan) await arrive(group, false);
  const index = (id: string | null) => (id === null ? -1 : Number(/r(\d+)$/.exec(id)?.[1] ?? -1));
  return { urn, events: await store.listEvents({ urn }), index };
}

/** The events that stand: stored and not superseded by a report that arrived later. */
const standing = (events: ChangeEvent[]) => events.filter((e) => !(e as { supersededBy?: string | null }).supersededBy);

/** What an event says, without its trial's URN and file ids. */
function says(e: ChangeEvent, urn: string, index: (fileId: string | null) => number): string {
  return [e.type, index(e.fileId), e.inspectionDate, e.from, e.to, e.summary.replace(urn, 'URN')].join(' | ');
}

/** The judgement area an event is about ('overall' for ratings), read from its summary. */
function areaOf(e: ChangeEvent, urn: string): string {
  if (!e.type.startsWith('judgement-')) return 'overall';
  return e.summary.slice(`${urn}: `.length).split(': ')[0]!;
}

const rank = (g: Grade | null | undefined) => (g ? GRADE_RANK[g] : null);
const comparable = (a: Grade | null | undefined, b: Grade | null | undefined): a is Grade =>
  !!a && !!b && rank(a) !== null && rank(b) !== null && gradeScale(a) === gradeScale(b);

/**
 * The declines the history shows, read afresh from it in inspection-date order: each graded report against
 * the previous graded report of its kind (an overall grade, else the judgements when the overall held or is
 * absent), each interim "declined in effectiveness" against the last full inspection's grade.
 */
function declinesShown(reports: readonly ParsedReport[]): string[] {
  const out: string[] = [];
  const ordered = reports.map((r, i) => ({ r, i })).sort((a, b) => (a.r.inspectionStart ?? '').localeCompare(b.r.inspectionStart ?? ''));
  ordered.forEach(({ r, i }, at) => {
    const earlier = ordered.slice(0, at).reverse();
    if (r.kind === 'childrens-home-interim' && r.interimOutcome === 'declined') {
      const full = earlier.find((e) => e.r.kind === 'childrens-home-full' && e.r.overall)?.r.overall ?? null;
      out.push(`interim-declined|${i}|overall|${full}|declined`);
    }
    if (!GRADED_KINDS.has(r.kind)) return;
    const prev = earlier.find((e) => e.r.kind === r.kind && (e.r.overall || e.r.judgements.length > 0))?.r;
    if (!prev) return;
    if (comparable(prev.overall, r.overall) && rank(prev.overall) !== rank(r.overall)) {
      if (rank(r.overall)! < rank(prev.overall)!) out.push(`rating-declined|${i}|overall|${prev.overall}|${r.overall}`);
      return;
    }
    if (prev.overall && r.overall && !comparable(prev.overall, r.overall)) return;
    for (const j of r.judgements) {
      const was = prev.judgements.find((p) => p.key === j.key);
      if (j.key === 'overall-effectiveness' || !was || !comparable(was.grade, j.grade)) continue;
      if (rank(j.grade)! < rank(was.grade)!) out.push(`judgement-declined|${i}|${j.area}|${was.grade}|${j.grade}`);
    }
  });
  return out.sort();
}

function plansFor(rng: SeededRandom, rest: number[]): Plan[] {
  // In inspection-date order one at a time (the reference), and newest first: every report late.
  const plans: Plan[] = [rest.map((i) => [i]), [...rest].reverse().map((i) => [i])];
  for (let k = 0; k < RANDOM_PLANS; k += 1) {
    const plan: Plan = [];
    for (const i of rng.shuffle(rest)) {
      if (plan.length === 0 || rng.chance(0.5)) plan.push([i]);
      else plan[plan.length - 1]!.push(i);
    }
    plans.push(plan);
  }
  return plans;
}

describe('change detection whatever order the reports arrive in (real histories)', () => {
  let store: Store;
  let histories: RealHistory[] = [];

  before(async () => {
    store = await openStore('sqlite::memory:');
    const rng = new SeededRandom(SEED);
    const councils = laHistories().filter((h) => h.reports.length >= 3);
    histories = [...scenarioHistories(), ...rng.sample(await providerLevelHistories(3), SAMPLED), ...rng.sample(councils, SAMPLED)];
  });
  after(async () => {
    await store?.close();
  });

  it(`gives the same events, one per comparison and only declines the history shows (seed ${SEED})`, async () => {
    assert.ok(histories.length >= 2 * SAMPLED, `only ${histories.length} histories`);
    const rng = new SeededRandom(SEED + 1);
    const failures: string[] = [];
    for (const history of histories) {
      const all = history.reports.map((_, i) => i);
      // The first scrape's reports: any of them (an older report may be published after a newer one), or none.
      const baseline = all.filter(() => rng.chance(0.4));
      const rest = all.filter((i) => !baseline.includes(i));
      if (rest.length === 0) continue;
      const shown = declinesShown(history.reports.map((h) => h.parsed));
      let expected: string[] | null = null;
      for (const plan of plansFor(rng, rest)) {
        const trial: Trial = { n: (trials += 1), history, baseline, plan };
        const { urn, events, index } = await run(store, trial);
        const where = `${history.source}: baseline [${baseline}], arrivals ${JSON.stringify(plan)} (seed ${SEED})`;
        const stand = standing(events);
        const news = stand.filter((e) => !e.backfill).map((e) => says(e, urn, index)).sort();
        if (expected === null) expected = news;
        else if (JSON.stringify(news) !== JSON.stringify(expected)) {
          const missing = expected.filter((x) => !news.includes(x));
          const extra = news.filter((x) => !expected!.includes(x));
          failures.push(`${where}\n    missing: ${JSON.stringify(missing)}\n    extra: ${JSON.stringify(extra)}`);
          continue;
        }
        const perComparison = new Map<string, number>();
        for (const e of stand.filter((x) => COMPARISONS.has(x.type))) {
          const key = `${index(e.fileId)}|${e.type.split('-')[0]}|${areaOf(e, urn)}`;
          perComparison.set(key, (perComparison.get(key) ?? 0) + 1);
        }
        const twice = [...perComparison].filter(([, n]) => n > 1).map(([k]) => k);
        if (twice.length > 0) failures.push(`${where}\n    more than one event for ${JSON.stringify(twice)}`);
        const claimed = stand
          .filter((e) => DECLINES.has(e.type))
          .map((e) => `${e.type}|${index(e.fileId)}|${e.type === 'judgement-declined' ? areaOf(e, urn) : 'overall'}|${e.from}|${e.to}`)
          .sort();
        const falseDeclines = claimed.filter((c) => !shown.includes(c));
        const lost = shown.filter((c) => !claimed.includes(c));
        if (falseDeclines.length > 0) failures.push(`${where}\n    declines not in the history: ${JSON.stringify(falseDeclines)}`);
        if (lost.length > 0) failures.push(`${where}\n    declines lost: ${JSON.stringify(lost)}`);
        // Alerts: of everything ever stored (superseded events included, they may have been sent), one move of
        // one thing by one report alerts once; a restatement points at the event that did alert.
        const alerting = events.filter((e) => !e.backfill && !e.restates && COMPARISONS.has(e.type));
        const told = alerting.map((e) => `${index(e.fileId)}|${e.type}|${areaOf(e, urn)}`);
        const toldTwice = told.filter((k, i) => told.indexOf(k) !== i);
        if (toldTwice.length > 0) failures.push(`${where}\n    alerted twice: ${JSON.stringify(toldTwice)}`);
        const byId = new Map(events.map((e) => [e.id, e]));
        for (const e of events.filter((x) => x.restates)) {
          const root = byId.get(e.restates!);
          if (!root || root.backfill || root.restates) failures.push(`${where}\n    ${e.id} restates ${e.restates}, which alerted nobody`);
        }
      }
    }
    assert.deepEqual(failures.slice(0, 5), [], `${failures.length} failing arrivals; the first five above`);
  });
});
