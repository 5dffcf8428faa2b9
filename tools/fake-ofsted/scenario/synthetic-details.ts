// Fills in what the real data does not say (managers, inspectors, requirements, recommendations, key
// findings, enforcement) deterministically, so that every report has a full, stable set of expected values.

import { personName } from '../text/names.js';
import { OUTSTANDING, TOPICS, VISIT_CONCERNS, type Area, type Tone } from '../text/narrative-bank.js';
import { RECOMMENDATIONS, REGULATIONS } from '../text/regulations.js';
import { addDays, longDate } from '../util/dates.js';
import { hashString, SeededRandom } from '../util/seeded-random.js';
import type {
  ScenarioGrade,
  ScenarioGrades,
  ScenarioProvider,
  ScenarioReport,
  ScenarioReportKind,
  ScenarioRequirement,
} from './types.js';

/** A report as the data describes it; `undefined` fields are filled here (an explicit null is kept). */
export interface ReportDraft {
  fileId: string;
  kind: ScenarioReportKind;
  title: string;
  inspectionStart: string;
  inspectionEnd: string;
  publishedAt: string;
  grades: ScenarioGrades | null;
  interimOutcome: 'improved' | 'sustained' | 'declined' | null;
  outcome: string | null;
  file: string | null;
  source: string;
  withdrawn?: boolean;
  enforcement?: string | null;
  registeredManager?: string | null;
  inspectors?: string[];
  requirements?: Array<{ regulation: string; text?: string; dueDate?: string }>;
  recommendations?: string[];
  keyFindings?: string[];
}

export type ProviderBasics = Omit<ScenarioProvider, 'reports'>;

/** The grade that stands for the whole report (SCCIF experiences, or pre-2015 overall effectiveness). */
export function overallGrade(grades: ScenarioGrades | null): ScenarioGrade | null {
  if (!grades) return null;
  return grades.experiences ?? grades.overall ?? null;
}

export function toneFor(grade: ScenarioGrade | null | undefined): Tone {
  return grade === 'outstanding' || grade === 'good' ? 'positive' : 'negative';
}

export function isChildrensHomeType(providerType: string): boolean {
  return /children's home/i.test(providerType);
}

/** Bank sentences that only make sense when a home has no registered manager. */
export function needsVacantManager(sentence: string): boolean {
  return /without a registered manager/.test(sentence);
}

function pickFinding(r: SeededRandom, area: Area, grade: ScenarioGrade | null | undefined, taken: Set<string>): string {
  const tone = toneFor(grade);
  const pool = [...TOPICS[area].flatMap((t) => t[tone]), ...(grade === 'outstanding' ? OUTSTANDING[area] : [])].filter(
    (s) => !taken.has(s),
  );
  const sentence = r.pick(pool);
  taken.add(sentence);
  return sentence;
}

function keyFindingsFor(r: SeededRandom, draft: ReportDraft, managerPresent: boolean): string[] {
  // Pre-seeding `taken` keeps manager-vacancy sentences out when the home has a manager.
  const taken = new Set<string>(
    managerPresent ? TOPICS.leadership.flatMap((t) => t.negative).filter(needsVacantManager) : [],
  );
  const g = draft.grades;
  switch (draft.kind) {
    case 'full': {
      const areas: Array<[Area, ScenarioGrade | undefined]> = [
        ['experiences', g?.experiences],
        ['protection', g?.protection],
        ['leadership', g?.leadership],
      ];
      const count = r.int(2, 3);
      return r.sample(areas, count).map(([area, grade]) => pickFinding(r, area, grade, taken));
    }
    case 'legacy-full':
      return [pickFinding(r, 'experiences', g?.outcomes, taken), pickFinding(r, 'protection', g?.safety, taken)];
    case 'interim': {
      const grade: ScenarioGrade = draft.interimOutcome === 'declined' ? 'requires-improvement' : 'good';
      return Array.from({ length: r.int(1, 2) }, () =>
        pickFinding(r, r.pick(['experiences', 'protection', 'leadership'] as const), grade, taken),
      );
    }
    case 'monitoring':
      return [pickFinding(r, r.pick(['protection', 'leadership'] as const), 'inadequate', taken)];
    case 'assurance':
      return r.chance(0.35)
        ? [r.pick(VISIT_CONCERNS)]
        : [pickFinding(r, r.pick(['experiences', 'protection', 'leadership'] as const), 'good', taken)];
    case 'file':
      return [];
  }
}

/** How many requirements and recommendations a report of this kind and grade typically carries. */
function actionCounts(r: SeededRandom, draft: ReportDraft): { requirements: number; recommendations: number } {
  const overall = overallGrade(draft.grades);
  switch (draft.kind) {
    case 'full':
    case 'legacy-full':
      switch (overall) {
        case 'outstanding':
          return { requirements: 0, recommendations: r.int(0, 1) };
        case 'good':
          return { requirements: r.chance(0.3) ? 1 : 0, recommendations: r.int(0, 3) };
        case 'inadequate':
          return { requirements: r.int(3, 5), recommendations: r.int(1, 3) };
        default:
          return { requirements: r.int(1, 3), recommendations: r.int(2, 4) };
      }
    case 'interim':
      return draft.interimOutcome === 'declined'
        ? { requirements: r.int(2, 3), recommendations: r.int(1, 2) }
        : { requirements: r.int(0, 1), recommendations: r.int(0, 2) };
    case 'monitoring':
      return { requirements: r.int(1, 2), recommendations: 0 };
    case 'assurance':
      return { requirements: r.int(0, 2), recommendations: r.int(0, 1) };
    case 'file':
      return { requirements: 0, recommendations: 0 };
  }
}

function requirementsFor(r: SeededRandom, draft: ReportDraft, count: number): ScenarioRequirement[] {
  if (count === 0) return [];
  const g = draft.grades;
  // Weakest areas first, so an inadequate protection judgement brings regulation 12 with it.
  const weak = new Set<string>();
  if (g?.protection && toneFor(g.protection) === 'negative') weak.add('protection');
  if (g?.leadership && toneFor(g.leadership) === 'negative') weak.add('leadership');
  if (g?.experiences && toneFor(g.experiences) === 'negative') weak.add('experiences');
  const ordered = [
    ...r.shuffle(REGULATIONS.filter((t) => weak.has(t.area))),
    ...r.shuffle(REGULATIONS.filter((t) => !weak.has(t.area))),
  ];
  const weeks = r.int(4, 8);
  return ordered.slice(0, count).map((t, i) => ({
    regulation: t.regulation,
    text: t.text,
    dueDate: addDays(draft.inspectionEnd, weeks * 7 + i * 7),
  }));
}

function managerFor(provider: ProviderBasics, draft: ReportDraft, r: SeededRandom): string | null {
  const overall = overallGrade(draft.grades);
  if ((draft.kind === 'full' || draft.kind === 'interim') && toneFor(overall) === 'negative' && r.chance(0.15)) {
    return null;
  }
  // Managers change every few years; the offset staggers changes between providers.
  const year = Number(draft.inspectionStart.slice(0, 4));
  const era = Math.floor((year + (hashString(provider.urn) % 3)) / 3);
  return personName(`${provider.urn}:manager:${era}`);
}

const COMPLIANCE_NOTICE = (regulation: string, date: string): string =>
  `Ofsted served a compliance notice in relation to regulation ${regulation} of the Children's Homes (England) Regulations 2015 on ${date}.`;

function enforcementFor(r: SeededRandom, draft: ReportDraft, previousFull: ReportDraft | undefined): string | null {
  if (draft.kind === 'monitoring' || draft.kind === 'assurance' || draft.kind === 'file') return null;
  if (previousFull && overallGrade(previousFull.grades) === 'inadequate' && r.chance(0.5)) {
    const when = addDays(previousFull.inspectionEnd, r.int(7, 20));
    return COMPLIANCE_NOTICE(r.pick(['12', '13', '6']), longDate(when));
  }
  return 'none';
}

/** Complete a provider's drafts (any order) into reports, oldest first. */
export function completeReports(provider: ProviderBasics, drafts: readonly ReportDraft[]): ScenarioReport[] {
  const sorted = [...drafts].sort(
    (a, b) => a.inspectionStart.localeCompare(b.inspectionStart) || a.publishedAt.localeCompare(b.publishedAt),
  );
  const childrensHome = isChildrensHomeType(provider.providerType);
  const out: ScenarioReport[] = [];
  let previousFull: ReportDraft | undefined;
  for (const draft of sorted) {
    const r = new SeededRandom(`details:${draft.fileId}`);
    const counts = actionCounts(r, draft);
    const isFile = draft.kind === 'file';
    const requirements =
      draft.requirements?.map((q) => ({
        regulation: q.regulation,
        text: q.text ?? REGULATIONS.find((t) => t.regulation === q.regulation)?.text ?? `Regulation ${q.regulation}.`,
        dueDate: q.dueDate ?? addDays(draft.inspectionEnd, 28),
      })) ?? (childrensHome ? requirementsFor(r, draft, counts.requirements) : []);
    const recommendations =
      draft.recommendations ?? (childrensHome ? r.sample(RECOMMENDATIONS, counts.recommendations) : []);
    const inspectorCount = draft.kind === 'full' && r.chance(0.4) ? 2 : 1;
    const registeredManager = isFile
      ? null
      : draft.registeredManager !== undefined
        ? draft.registeredManager
        : managerFor(provider, draft, r);
    out.push({
      fileId: draft.fileId,
      kind: draft.kind,
      title: draft.title,
      inspectionStart: draft.inspectionStart,
      inspectionEnd: draft.inspectionEnd,
      publishedAt: draft.publishedAt,
      grades: draft.grades,
      interimOutcome: draft.interimOutcome,
      enforcement: draft.enforcement !== undefined ? draft.enforcement : enforcementFor(r, draft, previousFull),
      registeredManager,
      inspectors:
        draft.inspectors ??
        (isFile ? [] : Array.from({ length: inspectorCount }, (_, i) => personName(`inspector:${draft.fileId}:${i}`))),
      requirements,
      recommendations,
      keyFindings: draft.keyFindings ?? keyFindingsFor(r, draft, registeredManager !== null),
      outcome: draft.outcome,
      file: draft.file,
      withdrawn: draft.withdrawn ?? false,
      source: draft.source,
    });
    if (draft.kind === 'full' || draft.kind === 'legacy-full') previousFull = draft;
  }
  return out;
}

/** Provider-level details no CSV holds (the responsible individual, a registered office address). */
export function syntheticProviderAddress(urn: string, localAuthority: string | null): string {
  const r = new SeededRandom(`address:${urn}`);
  const streets = ['Station Road', 'Church Street', 'Victoria Road', 'Park Lane', 'Mill Lane', 'High Street', 'Queens Road'];
  const kinds = ['Business Park', 'House', 'Court', 'Centre'];
  const names = ['Oakwood', 'Riverside', 'Meadow', 'Kingsway', 'Beacon', 'Heritage'];
  return `Unit ${r.int(1, 30)}, ${r.pick(names)} ${r.pick(kinds)}, ${r.int(2, 180)} ${r.pick(streets)}, ${localAuthority ?? 'England'}`;
}
