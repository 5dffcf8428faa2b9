import { GRADE_LABEL, REPORT_KIND_LABEL, type Grade, type ReportKind } from '../ofsted/vocabulary.js';
import type { Disagreement, FieldFigures, Reconciliation } from './reconcile.js';

// Words for a reconciliation, shared by the CLI's output and the operator's alert so both say the same.

/** "92.9%" of agree/compared; "-" when nothing was compared. */
export function share(f: FieldFigures): string {
  return f.compared === 0 ? '-' : `${(Math.floor((f.agree / f.compared) * 1000) / 10).toFixed(1)}%`;
}

function valueText(field: string, value: string | null): string {
  if (value === null) return 'nothing';
  if (field === 'kind') return REPORT_KIND_LABEL[value as ReportKind] ?? value;
  return GRADE_LABEL[value as Grade] ?? value;
}

/** One disagreement in two parts: which inspection ("SC065730, inspected 2017-09-26") and what differs. */
export function disagreementParts(d: Disagreement): { lead: string; text: string } {
  const lead = `${d.urn}, inspected ${d.inspectionDate}`;
  if (d.field === 'inspectionDate') {
    return {
      lead,
      text: d.ours ? `no stored inspection of that date (nearest: ${d.ours}, perhaps its date misread)` : 'no stored inspection of that date',
    };
  }
  // A null grade of ours is a field the parser could not read (or did not find in the report).
  const ours = d.ours === null ? 'not read' : valueText(d.field, d.ours);
  return { lead, text: `${d.field}: ours ${ours}, Ofsted ${valueText(d.field, d.ofsted)}` };
}

/** One disagreement as a line: "SC065730, inspected 2017-09-26: overall: ours Requires improvement to be good, Ofsted Good". */
export function disagreementText(d: Disagreement): string {
  const { lead, text } = disagreementParts(d);
  return `${lead}: ${text}`;
}

/** The headline: "all fields agree on 13 of 14 inspections (92.8%)". */
export function agreementText(r: Pick<Reconciliation, 'compared' | 'agree'>): string {
  if (r.compared === 0) return 'no inspection of the file belongs to a provider the store has scraped';
  return `all fields agree on ${r.agree} of ${r.compared} inspections (${share(r)})`;
}

/** Per-field figures as aligned text rows, with a header row. */
export function fieldTable(fields: Reconciliation['fields']): string[] {
  const names = Object.keys(fields);
  const width = Math.max(5, ...names.map((n) => n.length));
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(width)}  ${b.padStart(8)}  ${c.padStart(6)}  ${d.padStart(6)}`;
  return [line('field', 'compared', 'agree', 'share'), ...names.map((n) => {
    const f = fields[n]!;
    return line(n, String(f.compared), String(f.agree), share(f));
  })];
}
