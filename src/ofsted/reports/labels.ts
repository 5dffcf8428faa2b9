import { GRADE_PATTERN, normaliseGrade, type Grade } from '../vocabulary.js';
import type { ReportText } from './report-text.js';

// Label-anchored reading: find a label's words anywhere (wrapping and page breaks already folded away in
// ReportText.flat), then read what follows it. Never rely on a line position.

/** Build a label regex whose words may be separated by any whitespace (labels wrap mid-phrase). */
export function labelPattern(words: string, flags = 'i'): RegExp {
  const body = words
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]?"))
    .join('\\s+');
  return new RegExp(body, flags);
}

/** The grade that follows position `from` within `window` characters, if nothing but filler stands between. */
export function gradeAt(flat: string, from: number, window = 140): { grade: Grade; end: number } | null {
  const slice = flat.slice(from, from + window);
  // Filler Ofsted prints between a label and its grade: colons, "taking into account", "including the
  // effectiveness of leaders and managers", table rules. A sentence end means the grade is not here.
  const m = new RegExp(`^[\\s:|\\-–]*(?:[,;]?\\s*(?:taking into account|including [^:.]{0,80}?)\\s*[:,]?\\s*)?(?:is\\s+|judged\\s+|grade\\s*:?\\s*)?${GRADE_PATTERN.source}\\b`, 'i').exec(slice);
  if (!m) return null;
  const grade = normaliseGrade(m[1]);
  return grade ? { grade, end: from + m[0].length } : null;
}

/** All start offsets of a regex in the flat text. */
export function findAll(flat: string, re: RegExp): { index: number; end: number; match: RegExpExecArray }[] {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const out: { index: number; end: number; match: RegExpExecArray }[] = [];
  for (let m = g.exec(flat); m; m = g.exec(flat)) {
    out.push({ index: m.index, end: m.index + m[0].length, match: m });
    if (m[0].length === 0) g.lastIndex++;
  }
  return out;
}

/** First label occurrence followed by a grade; null if the label never carries one. */
export function gradeForLabel(flat: string, label: RegExp, window?: number): { grade: Grade; index: number } | null {
  for (const hit of findAll(flat, label)) {
    const g = gradeAt(flat, hit.end, window);
    if (g) return { grade: g.grade, index: hit.index };
  }
  return null;
}

/** A short run of capitalised words: a person's or an organisation's name, not a wrapped sentence. */
export function looksLikeName(value: string): boolean {
  const words = value.trim().split(/\s+/);
  return words.length <= 8 && /^[A-Z(]/.test(value) && !/[.;]$/.test(value) && words.filter((w) => /^[a-z]/.test(w) && !/^(?:of|and|the|for|in|on|at|a|an|de|van|von)$/.test(w)).length === 0;
}

/**
 * The value printed after a label ("Registered manager: Jane Smith"), on the next line when the label
 * stands alone (two-column tables extract as label line, value line). Without a colon the value must
 * look like a name, so a wrapped sentence that happens to start with the label's words is not read.
 */
export function lineValue(text: ReportText, label: RegExp, accept: (v: string) => boolean = (v) => v.length > 0): string | null {
  const anchored = new RegExp(`^\\s*(?:${label.source})\\s*(?:\\(s\\))?\\s*(:)?\\s*(.*)$`, label.flags.replace('g', ''));
  for (let i = 0; i < text.lines.length; i++) {
    const m = anchored.exec(text.lines[i]!);
    if (!m) continue;
    const colon = m[1] === ':';
    const sameLine = (m[2] ?? '').trim();
    if (sameLine && accept(sameLine) && (colon || looksLikeName(sameLine))) return sameLine;
    const next = text.lines[i + 1]?.trim();
    if (!sameLine && next && accept(next) && looksLikeName(next)) return next;
  }
  return null;
}

/**
 * The flat text between the first match of `start` (after `from`) and the earliest following match of
 * any `ends`; null when `start` is absent.
 */
export function sectionBetween(
  flat: string,
  start: RegExp,
  ends: readonly RegExp[],
  from = 0,
): { text: string; index: number; bodyStart: number; end: number } | null {
  const s = new RegExp(start.source, start.flags.replace('g', '') + 'g');
  s.lastIndex = from;
  const m = s.exec(flat);
  if (!m) return null;
  const bodyStart = m.index + m[0].length;
  let end = flat.length;
  for (const e of ends) {
    const re = new RegExp(e.source, e.flags.replace('g', '') + 'g');
    re.lastIndex = bodyStart;
    const em = re.exec(flat);
    if (em && em.index < end) end = em.index;
  }
  return { text: flat.slice(bodyStart, end).trim(), index: m.index, bodyStart, end };
}

/**
 * A list bullet standing alone between spaces. Symbol and Wingdings bullets extract as private-use code points
 * (U+F06E for Wingdings' square, U+F0B7 for Symbol's dot, …), so the whole U+F000-U+F0FF block counts.
 */
export const BULLET_MARK = /(?:^|\s)[•▪◼■●◦‣⁃\uF000-\uF0FF](?=\s)/;
