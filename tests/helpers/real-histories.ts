import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readProviderData } from '../../src/ofsted/provider-data/read-provider-data.js';
import type { OfstedInspection } from '../../src/ofsted/provider-data/provider-level-rows.js';
import type { Judgement, ParsedReport } from '../../src/ofsted/types.js';
import { ALL_JUDGEMENT_AREAS, type Grade } from '../../src/ofsted/vocabulary.js';
import { FakeScenario } from '../../tools/fake-ofsted/scenario/fake-scenario.js';
import type { ScenarioGrade, ScenarioReport } from '../../tools/fake-ofsted/scenario/types.js';
import { CSC_DIR } from './ofsted-workbook.js';
import { loadManifest } from './real-la-corpus.js';

// Real providers' inspection histories as ParsedReports, for tests of what the monitor makes of a whole
// history (change detection over arrival orders). Built from the data directly, not by parsing PDFs: the
// parsers have their own corpus tests, and a property test over hundreds of histories must take seconds.

export interface HistoryReport {
  parsed: ParsedReport;
  publishedAt: string | null;
}

export interface RealHistory {
  /** The provider's real URN. */
  urn: string;
  /** Where the history comes from, for failure messages. */
  source: string;
  /** Oldest inspection first. */
  reports: HistoryReport[];
}

function areaName(key: string): string {
  return ALL_JUDGEMENT_AREAS.find((a) => a.key === key)?.area ?? key;
}

function report(urn: string, fields: Partial<ParsedReport> & Pick<ParsedReport, 'kind' | 'inspectionStart'>): ParsedReport {
  return {
    urn,
    inspectionEnd: fields.inspectionStart,
    overall: null,
    judgements: [],
    interimOutcome: null,
    previous: null,
    enforcementSinceLast: null,
    registeredProvider: null,
    registeredManager: null,
    inspectors: [],
    requirements: [],
    recommendations: [],
    keyFindings: [],
    safeguarding: null,
    parserVersion: 'history',
    unreadable: [],
    ...fields,
  };
}

const judgement = (key: string, grade: Grade): Judgement => ({ area: areaName(key), key, grade });

function byDate(reports: HistoryReport[]): HistoryReport[] {
  return [...reports].sort((a, b) => (a.parsed.inspectionStart ?? '').localeCompare(b.parsed.inspectionStart ?? ''));
}

// --- The local Ofsted site's curated children's homes (tools/fake-ofsted/scenario/curated.json) ---------------

function fromScenario(urn: string, r: ScenarioReport): ParsedReport | null {
  const g = r.grades ?? {};
  const grades = (pairs: [string, ScenarioGrade | undefined][]) =>
    pairs.filter((p): p is [string, ScenarioGrade] => p[1] !== undefined).map(([key, grade]) => judgement(key, grade));
  const common = {
    inspectionStart: r.inspectionStart,
    inspectionEnd: r.inspectionEnd,
    registeredManager: r.registeredManager,
    enforcementSinceLast: r.enforcement,
  };
  switch (r.kind) {
    case 'full':
      return report(urn, {
        ...common,
        kind: 'childrens-home-full',
        overall: g.experiences ?? null,
        judgements: grades([
          ['experiences-and-progress', g.experiences],
          ['help-and-protection', g.protection],
          ['leadership-and-management', g.leadership],
        ]),
      });
    case 'legacy-full':
      return report(urn, {
        ...common,
        kind: 'childrens-home-full',
        overall: g.overall ?? null,
        judgements: grades([
          ['overall-effectiveness', g.overall],
          ['outcomes', g.outcomes],
          ['quality-of-care', g.qualityOfCare],
          ['safeguarding', g.safety],
          ['leadership-and-management', g.leadership],
        ]),
      });
    case 'interim':
      return report(urn, { ...common, kind: 'childrens-home-interim', interimOutcome: r.interimOutcome });
    case 'monitoring':
      return report(urn, { ...common, kind: 'childrens-home-monitoring' });
    case 'assurance':
      return report(urn, { ...common, kind: 'childrens-home-assurance' });
    case 'file':
      // Real LA and school PDFs: their histories come from the LA corpus's manifest instead.
      return null;
  }
}

/** The curated children's homes of the local Ofsted site, as its scenario tells their histories (withdrawn reports left out). */
export function scenarioHistories(): RealHistory[] {
  const scenario = new FakeScenario({ bulk: false });
  return scenario.curated
    .filter((p) => /children's home/i.test(p.providerType))
    .map((p) => ({
      urn: p.urn,
      source: `the local Ofsted site's scenario, ${p.urn}`,
      reports: byDate(
        p.reports
          .filter((r) => !r.withdrawn)
          .flatMap((r): HistoryReport[] => {
            const parsed = fromScenario(p.urn, r);
            return parsed ? [{ parsed, publishedAt: r.publishedAt }] : [];
          }),
      ),
    }));
}

// --- Ofsted's provider-level data (fixtures/real/csv/childrens_social_care) ------------------------------------

function fromOfstedRow(i: OfstedInspection): ParsedReport | null {
  if (!i.kind) return null;
  return report(i.urn, {
    kind: i.kind,
    inspectionStart: i.inspectionDate,
    overall: i.overall,
    judgements: i.judgements.map((j) => judgement(j.keys[0]!, j.grade)),
  });
}

/**
 * Children's homes' histories joined across Ofsted's provider-level files: the 40 homes of history_sample/ (their
 * rows of the "as at 31 March" 2015, 2019 and 2025 files, each the latest full inspection then, so three grades
 * in turn) and Derby's homes in every year's file 2015-2025 and the 2024-25 in-year sheet (derby_extracts/).
 * Only providers with at least `minReports` inspections.
 */
export async function providerLevelHistories(minReports = 3): Promise<RealHistory[]> {
  const inFolder = (folder: string) =>
    readdirSync(join(CSC_DIR, folder))
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .map((f) => join(folder, f));
  const files = [...inFolder('history_sample'), ...inFolder('derby_extracts')];
  const byUrn = new Map<string, Map<string, HistoryReport>>();
  for (const file of files) {
    for (const row of (await readProviderData(join(CSC_DIR, file))).inspections) {
      const parsed = fromOfstedRow(row);
      if (!parsed) continue;
      const reports = byUrn.get(row.urn) ?? new Map<string, HistoryReport>();
      byUrn.set(row.urn, reports);
      // One inspection appears in several years' files; any of them states it.
      reports.set(`${parsed.kind}|${parsed.inspectionStart}`, { parsed, publishedAt: row.publishedAt });
    }
  }
  return [...byUrn]
    .filter(([, reports]) => reports.size >= minReports)
    .map(([urn, reports]) => ({ urn, source: `Ofsted's provider-level data, ${urn}`, reports: byDate([...reports.values()]) }));
}

// --- Local authorities' inspections (tests/fixtures/real-la-corpus/manifest.jsonl) -------------------------------

/** Each council's inspections in the real LA corpus, as its manifest says they read (councils with two or more). */
export function laHistories(): RealHistory[] {
  const byUrn = new Map<string, HistoryReport[]>();
  for (const entry of loadManifest()) {
    if ('error' in entry.expect || entry.expect.kind !== 'la-childrens-services' || !entry.expect.inspectionStart) continue;
    const urn = entry.file.split('_')[0]!;
    const e = entry.expect;
    const parsed = report(urn, {
      kind: e.kind,
      inspectionStart: e.inspectionStart,
      inspectionEnd: e.inspectionEnd,
      overall: e.overall as Grade | null,
      judgements: Object.entries(e.judgements).map(([key, grade]) => judgement(key, grade as Grade)),
    });
    const publishedAt = /(\d{4}-\d{2}-\d{2})\.pdf$/.exec(entry.file)?.[1] ?? null;
    byUrn.set(urn, [...(byUrn.get(urn) ?? []), { parsed, publishedAt }]);
  }
  return [...byUrn]
    .filter(([, reports]) => reports.length >= 2)
    .map(([urn, reports]) => ({ urn, source: `the real LA corpus, council ${urn}`, reports: byDate(reports) }));
}
