import { normaliseText, type ReportKind } from '../vocabulary.js';

// The columns of Ofsted's "Children's social care data in England" provider-level tables, as they have
// been headed since 2015. Headings change almost every year ("Inspection Date", "Latest full inspection
// date", "Inspection date"; "Latest full inspectio health services"), cells carry line breaks, and the
// 2024 file adds the previous inspection's columns beside the latest one's.

/** What a column of a provider-level table holds. */
export type ColumnRole = 'urn' | 'inspectionDate' | 'publishedAt' | 'eventType';

/**
 * A graded column. `legacyKey` is its judgement before the SCCIF, `sccifKey` after; older files kept the
 * pre-2015 headings ("Overall effectiveness", "Safeguarding children and young people") for SCCIF
 * inspections, so which judgement such a column holds depends on the inspection's date.
 */
export interface GradeColumn {
  /** The provider's headline grade: what the store keeps as `overall`. */
  headline: boolean;
  legacyKey: string | null;
  sccifKey: string | null;
}

/** Lower case, one space between words, Ofsted's curly quotes folded: how headings are compared. */
export function normaliseHeading(cell: string): string {
  return normaliseText(cell).replace(/\s+/g, ' ').trim().toLowerCase();
}

// "Latest full inspection date" and the 2022 file's "Latest full inspectio health services".
const LATEST_PREFIX = /^latest full inspectio?n?\s+/;

const ROLES: ReadonlyMap<string, ColumnRole> = new Map<string, ColumnRole>([
  ['urn', 'urn'],
  ['inspection date', 'inspectionDate'],
  ['date', 'inspectionDate'],
  ['publication date', 'publishedAt'],
  ['inspection publication date', 'publishedAt'],
  ['event type', 'eventType'],
  ['inspection type', 'eventType'],
  ['inspection event type', 'eventType'],
]);

const sccif = (key: string, headline = false): GradeColumn => ({ headline, legacyKey: null, sccifKey: key });
const legacy = (key: string): GradeColumn => ({ headline: false, legacyKey: key, sccifKey: null });

const GRADE_COLUMNS: ReadonlyMap<string, GradeColumn> = new Map([
  ['overall experiences and progress of children and young people', sccif('experiences-and-progress', true)],
  ['how well children and young people are helped and protected', sccif('help-and-protection')],
  ['the effectiveness of leaders and managers', sccif('leadership-and-management')],
  ['overall effectiveness', { headline: true, legacyKey: 'overall-effectiveness', sccifKey: 'experiences-and-progress' }],
  ['outcomes for children and young people', legacy('outcomes')],
  ['quality of care', legacy('quality-of-care')],
  ['the safety of children and young people', { headline: false, legacyKey: 'safeguarding', sccifKey: 'help-and-protection' }],
  ['safeguarding children and young people', { headline: false, legacyKey: 'safeguarding', sccifKey: 'help-and-protection' }],
  ['leadership and management', { headline: false, legacyKey: 'leadership-and-management', sccifKey: 'leadership-and-management' }],
]);

/**
 * The role of a heading, or null for a column reconciliation does not read: provider details, the
 * previous inspection's columns, and judgements the parsers do not store (health services, outcomes in
 * education, supported accommodation outcomes).
 */
export function columnRole(heading: string): ColumnRole | GradeColumn | null {
  const h = normaliseHeading(heading);
  if (h.startsWith('previous ')) return null;
  const core = h.replace(LATEST_PREFIX, '');
  // "Registration date" and "Previous full inspection event date" are not the inspection's date.
  return ROLES.get(core) ?? GRADE_COLUMNS.get(core) ?? null;
}

/** The judgement keys a graded column can stand for (for checking them against the vocabulary). */
export function gradeColumnKeys(): string[] {
  return [...new Set([...GRADE_COLUMNS.values()].flatMap((c) => [c.legacyKey, c.sccifKey]).filter((k): k is string => k !== null))];
}

/** The report kind an event type names ("Full inspection", "Monitoring Inspection", "Assurance visit"); null if unknown. */
export function eventKind(eventType: string): ReportKind | null {
  const t = normaliseHeading(eventType);
  if (t === 'full inspection') return 'childrens-home-full';
  if (t === 'interim inspection') return 'childrens-home-interim';
  if (/^monitoring (?:inspection|visit)$/.test(t)) return 'childrens-home-monitoring';
  if (/^assurance (?:visit|inspection)$/.test(t)) return 'childrens-home-assurance';
  return null;
}
