import type { OfstedInspection } from '../ofsted/provider-data/provider-level-rows.js';
import type { ParsedReport } from '../ofsted/types.js';
import { CHILDRENS_HOME_SCCIF_FROM, GRADED_KINDS } from '../ofsted/vocabulary.js';

/** What reconciliation needs of a stored inspection. */
export type StoredInspection = Pick<ParsedReport, 'kind' | 'inspectionStart' | 'inspectionEnd' | 'overall' | 'judgements'>;

/** One field on which the store and Ofsted's data disagree (CONTRACT.md `reconcile`). */
export interface Disagreement {
  urn: string;
  /** `inspectionDate` (the store holds no inspection on Ofsted's date), `kind`, `overall`, or a judgement key. */
  field: string;
  /** What the store holds; null when it holds nothing for the field (or could not read it). */
  ours: string | null;
  ofsted: string | null;
  /** Ofsted's date of the inspection (ISO). */
  inspectionDate: string;
}

export interface FieldFigures {
  compared: number;
  agree: number;
}

/** The outcome of comparing a provider-level data file with the store. */
export interface Reconciliation {
  /** Inspections of the file whose provider the store has scraped: each one compared. */
  compared: number;
  /** Compared inspections on which every field agrees. */
  agree: number;
  /** Every field that does not agree, in file order. */
  disagree: Disagreement[];
  /** URNs of the file that the store has never scraped. */
  notStored: string[];
  /** The same figures per field, in the order fields were first met (beyond CONTRACT's shape; see README). */
  fields: Record<string, FieldFigures>;
}

/**
 * A stored inspection this far from Ofsted's date is offered as "ours" for an inspection the store does not
 * hold on that date: most likely the same inspection with its date misread (the publication date taken
 * for the inspection's, which comes weeks later). Farther away, it is another inspection.
 */
const NEAR_DAYS = 62;
const DAY_MS = 86_400_000;

/**
 * Compare each inspection of Ofsted's data with the stored inspection of that date. `stored` has an entry
 * (possibly empty) for every URN the store has scraped. The file is a snapshot: stored inspections it does
 * not mention are not disagreements. Pure.
 */
export function reconcile(
  data: { urns: readonly string[]; inspections: readonly OfstedInspection[] },
  stored: ReadonlyMap<string, readonly StoredInspection[]>,
): Reconciliation {
  const result: Reconciliation = { compared: 0, agree: 0, disagree: [], notStored: data.urns.filter((u) => !stored.has(u)), fields: {} };
  const count = (field: string, agrees: boolean) => {
    const figures = (result.fields[field] ??= { compared: 0, agree: 0 });
    figures.compared += 1;
    if (agrees) figures.agree += 1;
  };

  for (const row of data.inspections) {
    const held = stored.get(row.urn);
    if (!held) continue;
    result.compared += 1;
    const found: Disagreement[] = [];
    const legacy = row.inspectionDate < CHILDRENS_HOME_SCCIF_FROM;
    const check = (field: string, ours: string | null, ofsted: string | null) => {
      const agrees = sameValue(ours, ofsted, legacy);
      count(field, agrees);
      if (!agrees) found.push({ urn: row.urn, field, ours, ofsted, inspectionDate: row.inspectionDate });
    };

    const match = matchInspection(row, held);
    if (!match) {
      check('inspectionDate', nearestDate(row, held), row.inspectionDate);
    } else {
      count('inspectionDate', true);
      if (row.kind) check('kind', match.kind, row.kind);
      // A visit grades nothing; the grade cells of a "Monitoring inspection" row restate the last full inspection's.
      const graded = row.kind === null || GRADED_KINDS.has(row.kind);
      if (graded && row.overall) check('overall', match.overall, row.overall);
      for (const j of graded ? row.judgements : []) {
        // Of the keys the column can stand for, the one the stored report has (its layout says which era it is).
        const key = j.keys.find((k) => match.judgements.some((m) => m.key === k)) ?? j.keys[0];
        if (!key) continue;
        check(key, match.judgements.find((m) => m.key === key)?.grade ?? null, j.grade);
      }
    }
    if (found.length === 0) result.agree += 1;
    result.disagree.push(...found);
  }
  return result;
}

/**
 * Whether our value and Ofsted's say the same. "Not judged" is no grade, as is a judgement the report does
 * not have. Ofsted's files from 2019 on restate pre-2015 inspections on today's scale (the 2010 "Satisfactory"
 * of SC023644 is "Requires improvement to be good" in the 2019 file), so for those, the third point of the
 * old scales is the third point of the new one.
 */
function sameValue(ours: string | null, ofsted: string | null, legacy: boolean): boolean {
  if (ours === ofsted) return true;
  if (ofsted === 'not-judged' && ours === null) return true;
  return legacy && ofsted === 'requires-improvement' && (ours === 'adequate' || ours === 'satisfactory');
}

/**
 * The stored inspection of Ofsted's date: one whose days include it (Ofsted's files give a two-day
 * inspection's first day in one year and its last in another), of the same kind when there is one.
 */
export function matchInspection(row: OfstedInspection, held: readonly StoredInspection[]): StoredInspection | null {
  const onDate = held.filter((h) => h.inspectionStart !== null && h.inspectionStart <= row.inspectionDate && row.inspectionDate <= (h.inspectionEnd ?? h.inspectionStart));
  return onDate.find((h) => h.kind === row.kind) ?? onDate[0] ?? null;
}

/** The start of the stored inspection of the row's kind nearest its date, within NEAR_DAYS; null if none. */
function nearestDate(row: OfstedInspection, held: readonly StoredInspection[]): string | null {
  const at = Date.parse(row.inspectionDate);
  let best: { date: string; days: number } | null = null;
  for (const h of held) {
    if (!h.inspectionStart || (row.kind && h.kind !== row.kind)) continue;
    const days = Math.abs(Date.parse(h.inspectionStart) - at) / DAY_MS;
    if (days <= NEAR_DAYS && (!best || days < best.days)) best = { date: h.inspectionStart, days };
  }
  return best?.date ?? null;
}
