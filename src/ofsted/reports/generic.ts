import type { ParsedReport } from '../types.js';
import { normaliseUrn } from '../urn.js';
import type { ReportKind } from '../vocabulary.js';
import { gradeAfterLabel } from './common-fields.js';
import { parseDateRange, type DateRange } from '../dates.js';
import { findAll } from './labels.js';
import { PARSER_VERSION } from './parser-version.js';
import type { ReportText } from './report-text.js';

// Readers for what every Ofsted report family prints the same way (dates, the inspection team), and the
// fallback parser for documents that read as Ofsted's but belong to no family we know.

/**
 * Inspection dates: after an "Inspection date(s)" label, in a letter's sentence ("the focused visit to Derby City
 * children's services on 25 to 26 October 2023"), or, when a two-column table was extracted column by column,
 * the first line near the top that is nothing but a date.
 */
export function readInspectionDates(text: ReportText): DateRange | null {
  const flat = text.flat;
  for (const hit of findAll(flat, /\b(?:inspection|visit)\s+dates?\s*(?:\(s\))?\s*:?|\bdates?\s+of\s+(?:the\s+)?(?:inspection|visit)\s*:?/i)) {
    const slice = flat.slice(hit.end, hit.end + 70);
    if (!/^[\s:|\-]*\d/.test(slice)) continue;
    const range = parseDateRange(slice);
    if (range) return range;
  }
  for (const hit of findAll(flat, /\b(?:visit|inspection)\s+(?:to|of)\s+[^.]{0,100}?\s(?:on|between)\s/i)) {
    const range = parseDateRange(flat.slice(hit.end, hit.end + 70));
    if (range) return range;
  }
  if (/\b(?:inspection|visit)\s+dates?\b/i.test(text.lines.slice(0, 40).join(' '))) {
    for (const line of text.lines.slice(0, 40)) {
      if (/^\d{1,2}(?:st|nd|rd|th)?\b[\w\s\-]*\b(?:19|20)\d{2}$/i.test(line)) {
        const range = parseDateRange(line);
        if (range) return range;
      }
    }
  }
  return null;
}

// Role words printed next to inspectors' names; never part of a name.
const ROLE =
  /,?\s*\(?\b(?:(?:deputy\s+)?lead\s+inspector|(?:senior\s+)?(?:his|her)\s+majesty'?s\s+inspectors?(?:\s*\(HMI\))?|(?:senior\s+)?ofsted\s+inspectors?(?:\s*\(OI\))?|(?:senior\s+)?HMI|social\s+care\s+(?:regulatory\s+)?inspectors?|(?:team\s+|regulatory\s+)?inspectors?)\b\)?/gi;
const PERSON = /^(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?[A-Z][a-zA-Z'\-]+(?:\s+(?:[A-Z][a-zA-Z'\-]+|de|van|von|da|le)){1,3}$/;
const NOT_A_NAME = /\b(?:inspectors?|majesty|ofsted|hmi|team|report|school|services?|council|children|local|authority)\b/i;

function namesIn(value: string): string[] {
  return value
    .replace(ROLE, '|')
    .split(/\s*(?:\||,|;|\band\b)\s*/)
    .map((n) => n.replace(/[.\s]+$/, '').trim())
    .filter((n) => PERSON.test(n) && !NOT_A_NAME.test(n));
}

/**
 * The inspectors, lead first: an "Inspection team" block (names with their roles, or "Lead inspector: …",
 * "Team inspectors: …" lines beside data analysts who are not inspectors), a "Lead inspector:" line, a letter's
 * "His Majesty's Inspectors for this visit were …" sentence, and its signature.
 */
export function readInspectionTeam(text: ReportText): string[] {
  const names: string[] = [];
  const add = (list: string[]) => {
    for (const n of list) if (!names.includes(n)) names.push(n);
  };
  const flat = text.flat;

  // Labelled lists anywhere: "Lead inspector: Karen Wareing", "Team inspectors: A, B, C Senior data analysts: …".
  for (const hit of findAll(flat, /\b(?:(?:deputy\s+)?lead\s+inspector|team\s+inspectors?|inspectors?)\s*(?:\(s\))?\s*:\s*/i)) {
    let value = flat.slice(hit.end, hit.end + 240);
    // The value runs to the next "Label:" (a capitalised phrase ending in a colon) or the end of the sentence.
    const next = /\s(?=[A-Z][a-z]+(?:\s+[a-z]+){0,4}\s*:)|[.;](?:\s|$)/.exec(value);
    if (next) value = value.slice(0, next.index);
    // "Lead inspector: Jane Smith, His Majesty's Inspector Judgement Grade …": the name ends at the role.
    const role = new RegExp(ROLE.source, 'i').exec(value);
    if (role && /lead\s+inspector/i.test(hit.match[0])) value = value.slice(0, role.index);
    add(namesIn(value));
  }

  // "Inspection team" heading, then name/role lines until the closing boilerplate.
  const headingAt = text.lines.findIndex((l) => /^(?:the\s+)?inspection\s+team:?$/i.test(l));
  if (headingAt >= 0) {
    const block: string[] = [];
    for (const line of text.lines.slice(headingAt + 1, headingAt + 25)) {
      if (/^(?:any complaints|the office for standards|if you would like|©|crown copyright|inspection report\b|page \d|in the report,|you can use parent view)/i.test(line)) break;
      if (/:\s*\S/.test(line)) break; // labelled lines were read above
      block.push(line);
    }
    add(namesIn(block.join(' | ')));
  }

  add(inspectorsInSentence(flat));

  // Before 2014 the title page's cell reads "Reporting inspector Sarah Jones HMI", without a colon.
  for (const line of text.lines.slice(0, 40)) {
    const m = /^(?:lead|reporting)\s+inspector\s+(?!:)(.+)$/i.exec(line);
    if (m) add(namesIn(m[1]!));
  }

  const signed = text.lines.findIndex((l) => /^yours (?:sincerely|faithfully),?$/i.test(l));
  if (signed >= 0) add(namesIn(text.lines[signed + 1] ?? ''));
  return names;
}

/** "His Majesty's Inspectors for this visit were Jo Warburton, Rachel Fairhurst and Matthew Hedges." */
export function inspectorsInSentence(flat: string): string[] {
  const m = /inspectors?\s+for\s+this\s+(?:visit|inspection)\s+(?:were|was)\s+([^.]+)\./i.exec(flat);
  return m ? namesIn(m[1]!) : [];
}

/**
 * The fields every Ofsted report shares (dates, an overall effectiveness grade if any, inspectors), for a
 * document that reads as Ofsted's but belongs to no family with a parser; the rest is left empty.
 */
export function parseGenericReport(text: ReportText, kind: ReportKind): ParsedReport {
  const flat = text.flat;
  const dates = readInspectionDates(text);
  const urnMatch = /unique reference number\s*(?:\(URN\))?\s*:?\s*(SC\d{6}|EY\d{5,7}|\d{5,7})\b/i.exec(flat);
  const overall = gradeAfterLabel(text, /\boverall effectiveness\b(?!\s+at)/i);
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
    inspectors: readInspectionTeam(text),
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
