import type { ReportKind } from '../vocabulary.js';
import type { ReportText } from './report-text.js';

// The family is read from the document itself (title lines, labels), never from a file name or the
// provider page: Ofsted's link titles and our guesses about them are less reliable than the report.

const TITLE_LINES = 40;

const CHILDRENS_HOME_TITLES: readonly [RegExp, ReportKind][] = [
  [/^(?:full|standard)\s+inspection$/i, 'childrens-home-full'],
  [/^interim\s+inspection$/i, 'childrens-home-interim'],
  [/^monitoring\s+(?:inspection|visit)$/i, 'childrens-home-monitoring'],
  [/^assurance\s+(?:inspection|visit)$/i, 'childrens-home-assurance'],
];

/** Report family and kind, or null when the document does not read as an Ofsted report at all. */
export function detectReportKind(text: ReportText): ReportKind | null {
  const title = text.lines.slice(0, TITLE_LINES);
  const head = title.join(' ');
  const flat = text.flat;

  const childrensHome =
    /children'?s home/i.test(head) || /social care common inspection framework/i.test(head) || /\bSC\d{6}\b/.test(head);
  const la = /local authority children'?s services|children'?s services in .{2,60}? (?:are|is)\b|inspection of .{2,60}? children'?s services/i.test(head);

  if (la) return /focused visit|monitoring visit/i.test(head) ? 'la-focused-visit' : 'la-childrens-services';

  if (childrensHome) {
    for (const line of title) {
      for (const [re, kind] of CHILDRENS_HOME_TITLES) if (re.test(line)) return kind;
    }
    // Older and letter-style reports say it in a sentence or a "Type of inspection" cell.
    const typed = /type of (?:inspection|visit)\s*:?\s*(full|interim|monitoring|assurance|random|key|announced|unannounced)/i.exec(flat);
    const typeWord = typed?.[1]?.toLowerCase();
    if (typeWord === 'interim') return 'childrens-home-interim';
    if (typeWord === 'monitoring') return 'childrens-home-monitoring';
    if (typeWord === 'assurance') return 'childrens-home-assurance';
    if (/\bassurance (?:visit|inspection)\b/i.test(head)) return 'childrens-home-assurance';
    if (/\bmonitoring (?:visit|inspection)\b/i.test(head)) return 'childrens-home-monitoring';
    if (/\binterim inspection\b/i.test(head)) return 'childrens-home-interim';
    if (typeWord || /overall experiences and progress|overall effectiveness/i.test(flat)) return 'childrens-home-full';
  }

  if (/\bschool report\b|\binspection of (?:a |an )?.{2,80}?\b(?:school|academy|college)\b|\bschool inspection report\b/i.test(head)) {
    return 'school';
  }
  if (/\bofsted\b|\bunique reference number\b|\binspection report\b/i.test(flat)) return 'other';
  return null;
}
