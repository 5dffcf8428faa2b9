import type { ParsedReport } from '../types.js';
import { normaliseUrn } from '../urn.js';
import type { ReportKind } from '../vocabulary.js';
import { gradeAfterLabel, readInspectors } from './common-fields.js';
import { parseDateRange } from '../dates.js';
import { findAll } from './labels.js';
import { PARSER_VERSION } from './parser-version.js';
import type { ReportText } from './report-text.js';

/**
 * The fields every Ofsted report shares (dates, an overall effectiveness grade if any, inspectors).
 * Families without a dedicated parser yet get this much and list the rest as unreadable.
 */
export function parseGenericReport(text: ReportText, kind: ReportKind): ParsedReport {
  const flat = text.flat;
  let dates: { start: string; end: string } | null = null;
  // Letters (focused visits) say it in a sentence: "the focused visit to Derby City children's services on 25 to 26 October 2023".
  for (const hit of findAll(flat, /\b(?:inspection|visit) dates?\s*:?|\bdates? of (?:the )?(?:inspection|visit)\s*:?|\b(?:visit|inspection) (?:to|of) [^.]{0,100}? (?:on|between)\s/i)) {
    dates = parseDateRange(flat.slice(hit.end, hit.end + 70));
    if (dates) break;
  }
  const urnMatch = /unique reference number\s*(?:\(URN\))?\s*:?\s*(SC\d{6}|EY\d{5,7}|\d{5,7})\b/i.exec(flat);
  const overall = kind === 'la-focused-visit' ? null : gradeAfterLabel(text, /\boverall effectiveness\b(?!\s+at)/i);
  const report: ParsedReport = {
    urn: urnMatch ? normaliseUrn(urnMatch[1]!) : null,
    kind,
    inspectionStart: dates?.start ?? null,
    inspectionEnd: dates?.end ?? null,
    overall,
    judgements: overall ? [{ area: 'Overall effectiveness', key: 'overall-effectiveness', grade: overall }] : [],
    interimOutcome: null,
    previous: null,
    enforcementSinceLast: null,
    registeredProvider: null,
    registeredManager: null,
    inspectors: readInspectors(text).concat(inspectorsInSentence(flat)).filter((n, i, all) => all.indexOf(n) === i),
    requirements: [],
    recommendations: [],
    keyFindings: [],
    safeguarding: null,
    parserVersion: PARSER_VERSION,
    unreadable: [],
  };
  if (!report.inspectionStart) report.unreadable.push('inspectionStart');
  return report;
}

/** "His Majesty's Inspectors for this visit were Jo Warburton, Rachel Fairhurst and Matthew Hedges." */
function inspectorsInSentence(flat: string): string[] {
  const m = /inspectors? for this (?:visit|inspection) (?:were|was)\s+([^.]+)\./i.exec(flat);
  if (!m) return [];
  return m[1]!
    .split(/\s*,\s*|\s+and\s+/)
    .map((n) => n.trim())
    .filter((n) => /^[A-Z][a-zA-Z'\-]+(?:\s+[A-Z][a-zA-Z'\-]+){1,3}$/.test(n));
}
