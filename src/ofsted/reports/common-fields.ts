import { GRADE_PATTERN, normaliseGrade, type Grade, type JudgementArea } from '../vocabulary.js';
import type { Judgement, StatutoryRequirement } from '../types.js';
import { findAllDates, parseDate } from '../dates.js';
import { findAll } from './labels.js';
import { sentences, type ReportText } from './report-text.js';

// Field readers shared by every report family. Each takes the normalised ReportText and returns null/[]
// rather than guessing.

/**
 * Judgements for a set of areas. The grade is the first grade phrase after the area's label, looked for only
 * up to the next area's label or the end of the sentence, so a missing grade never borrows a neighbour's.
 * Tolerates a wrapped label cell whose grade cell was extracted between the label's lines.
 */
export function readJudgements(text: ReportText, areas: readonly JudgementArea[], window = 220): Judgement[] {
  const flat = text.flat;
  const starts = areas.map((a) => findAll(flat, a.labels).map((h) => h.index));
  const out: Judgement[] = [];
  areas.forEach((area, i) => {
    for (const start of starts[i] ?? []) {
      const others = starts.flatMap((s, j) => (j === i ? [] : s)).filter((s) => s > start);
      const stop = Math.min(start + window, ...others);
      let slice = flat.slice(start, stop);
      const sentenceEnd = /[.;]\s+(?=[A-Z])/.exec(slice);
      if (sentenceEnd) slice = slice.slice(0, sentenceEnd.index);
      const m = GRADE_PATTERN.exec(slice);
      const grade = m ? normaliseGrade(m[1]) : null;
      if (grade) {
        out.push({ area: area.area, key: area.key, grade });
        return;
      }
    }
  });
  return out;
}

/** A grade straight after a label ("Overall judgement at last inspection: good"). */
export function gradeAfterLabel(text: ReportText, label: RegExp, window = 60): Grade | null {
  for (const hit of findAll(text.flat, label)) {
    const slice = text.flat.slice(hit.end, hit.end + window);
    const m = new RegExp(`^[\\s:\\-|]*(?:was\\s+|is\\s+)?${GRADE_PATTERN.source}`, 'i').exec(slice);
    const g = m ? normaliseGrade(m[1]) : null;
    if (g) return g;
  }
  return null;
}

/** A single date straight after a label ("Date of last inspection: 8 January 2019"). */
export function dateAfterLabel(text: ReportText, label: RegExp, window = 48): string | null {
  for (const hit of findAll(text.flat, label)) {
    const slice = text.flat.slice(hit.end, hit.end + window).replace(/^[\s:\-|]+/, '');
    // Only a date that starts the value counts, not one further along in the sentence.
    if (!/^\d/.test(slice)) continue;
    const d = parseDate(slice.slice(0, 30));
    if (d) return d;
  }
  return null;
}

const INSPECTOR_ROLE =
  /^(.{3,60}?),?\s+(?:lead\s+)?(?:senior\s+)?(?:social care (?:regulatory )?inspector|(?:his|her) majesty'?s inspector|regulatory inspector|ofsted inspector|hmi|social care inspector)\b/i;
const NAME = /^(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?[A-Z][a-zA-Z'\-]+(?:\s+[A-Z][a-zA-Z'\-]+){1,3}$/;

/** Inspector names: "Jane Smith, Social Care Inspector" lines, or values of an "Inspector(s):" label. */
export function readInspectors(text: ReportText): string[] {
  const names: string[] = [];
  const add = (raw: string) => {
    const name = raw.replace(/^(?:lead\s+)?inspectors?\s*(?:\(s\))?\s*:?\s*/i, '').replace(/[,;]+$/, '').trim();
    if (NAME.test(name) && !names.includes(name)) names.push(name);
  };
  text.lines.forEach((line, i) => {
    const role = INSPECTOR_ROLE.exec(line);
    if (role) {
      add(role[1]!);
      return;
    }
    // "Inspector: Jane Smith", or a legacy table cell "Inspector Jane Smith" (add() keeps only names).
    const labelled = /^(?:lead\s+)?inspectors?\s*(?:\(s\))?\s*:?\s+(.+)$/i.exec(line);
    if (labelled) {
      for (const part of labelled[1]!.split(/\s*(?:,|;| and )\s*/)) add(part);
      return;
    }
    // "Inspector" heading alone, then the name on the next line (the role may follow on that line).
    if (/^(?:lead\s+)?inspectors?(?:\(s\))?$/i.test(line)) {
      const next = text.lines[i + 1] ?? '';
      const r = INSPECTOR_ROLE.exec(next);
      add(r ? r[1]! : next);
    }
  });
  return names;
}

// "(Regulation 12 (1)(2)(a)(i))": one level of nested brackets after the number.
const REGULATION_CITATION = /\(\s*(?:Regulations?|Reg\.?)\s+(\d{1,3})\b(?:[^()]|\([^()]*\))*\)/gi;

/**
 * Statutory requirements from a "Requirement | Due date" section. Requirements end with their regulation
 * citation; due dates are paired by order, because table extraction may put a row's date before or after
 * its text. When the counts disagree, due dates are left null rather than mismatched.
 */
export function readRequirements(section: string): { requirements: StatutoryRequirement[]; datesUnreadable: boolean } {
  let body = section;
  const preambleEnd = /within the (?:given )?timescales?\.?/i.exec(body);
  if (preambleEnd) body = body.slice(preambleEnd.index + preambleEnd[0].length);
  body = body.replace(/\bRequirements?\s+Due date\b/gi, ' ');

  const citations = findAll(body, REGULATION_CITATION);
  const chunks: { text: string; regulation: string | null }[] = [];
  if (citations.length > 0) {
    let prev = 0;
    for (const c of citations) {
      chunks.push({ text: body.slice(prev, c.index), regulation: c.match[1] ?? null });
      prev = c.end;
    }
    // Whatever follows the last citation can only hold its due date.
    const tail = body.slice(prev);
    if (findAllDates(tail).length > 0 && chunks.length > 0) chunks[chunks.length - 1]!.text += ` ${tail}`;
  } else {
    // No citations: each row ends at its due date.
    let prev = 0;
    for (const d of findAllDates(body)) {
      chunks.push({ text: body.slice(prev, d.index + d.length), regulation: null });
      prev = d.index + d.length;
    }
  }

  const allDates = findAllDates(body);
  const numeric = allDates.filter((d) => /^\d{1,2}\/\d/.test(body.slice(d.index, d.index + 3)));
  const dates = numeric.length === chunks.length ? numeric : allDates.length === chunks.length ? allDates : null;
  const stripDates = (t: string) =>
    (dates ?? []).reduce((acc, d) => acc.replace(body.slice(d.index, d.index + d.length), ' '), t);

  const requirements = chunks
    .map((c, i) => ({
      regulation: c.regulation,
      text: cleanItem(stripDates(c.text)),
      dueDate: dates?.[i]?.iso ?? null,
    }))
    .filter((r) => r.text.length > 15);
  return { requirements, datesUnreadable: requirements.length > 0 && dates === null };
}

const BULLET = /(?:^|\s)[•▪◼■●◦‣⁃\uF0A7\uF0B7\uF076\uF0D8\uF0FC](?=\s)/g;

/** Recommendation items: bullet-separated, or else one per "The registered person should…" sentence group. */
export function readRecommendations(section: string): string[] {
  let body = section.replace(/^[\s:]+/, '');
  let items: string[];
  if (BULLET.test(body)) {
    BULLET.lastIndex = 0;
    items = body.split(BULLET);
  } else {
    body = body.replace(/^(?:The registered (?:person|provider|manager)s?\s+should take (?:the following|these) actions?[^.:]*[.:])/i, '');
    items = body.split(
      /(?=(?:\bThe |(?<!\bThe )\b)[Rr]egistered (?:person|manager|provider|individual)(?:\(s\))?s? (?:should|must)\b)|(?<=paragraph \d+(?:\.\d+)*\)\.?)\s+(?=[A-Z])/,
    );
  }
  return items
    .map(cleanItem)
    .filter((t) => t.length > 20 && !/^(?:To improve|This section|The registered person should take the following)/i.test(t))
    .filter((t, i, all) => all.indexOf(t) === i);
}

export function cleanItem(t: string): string {
  return t
    .replace(/\s+/g, ' ')
    .replace(/^[\s\d.)•▪◼■●◦‣⁃\-:;|]+(?=[A-Za-z'"(])/, '')
    .trim();
}

const NEGATIVE_CUES =
  /\b(?:not|no longer|fail\w*|insufficient\w*|poor\w*|weak\w*|serious\w*|unsafe|harm\w*|risks?|concern\w*|inadequate\w*|lacks?|lacking|breach\w*|deteriorat\w*|declin\w*|ineffective|unable|inconsistent\w*|shortfall\w*|limited)\b/gi;
const POSITIVE_CUES =
  /\b(?:strong\w*|excellent|exceptional\w*|outstanding|improv\w*|effective\w*|good progress|thriv\w*|consistently|well)\b/gi;
const URGENT_CUES = /\b(?:at risk of (?:significant )?harm|immediate action|compliance notice|serious (?:concerns?|weakness\w*)|not safe)\b/i;

/**
 * The sentences a reader would quote. Ofsted opens each judgement section with its verdict in a sentence,
 * so each section's first sentence comes first; then urgent concerns; then the most evaluative of the
 * rest. At most `limit`, returned in document order.
 */
export function readKeyFindings(sections: readonly string[], limit = 6): string[] {
  const all = sections.map((section, si) =>
    sentences(section)
      .filter((s) => s.length >= 30 && s.length <= 400 && /[.!?]$/.test(s) && !GRADE_ONLY_HEADING.test(s))
      .map((s, i) => {
        const negative = s.match(NEGATIVE_CUES)?.length ?? 0;
        const positive = s.match(POSITIVE_CUES)?.length ?? 0;
        return { s, order: si * 10_000 + i, lead: i === 0, urgent: URGENT_CUES.test(s), score: negative * 2 + positive };
      }),
  );
  const flat = all.flat();
  const chosen = new Set<(typeof flat)[number]>();
  const take = (xs: typeof flat) => {
    for (const x of xs) if (chosen.size < limit && ![...chosen].some((c) => c.s === x.s)) chosen.add(x);
  };
  take(flat.filter((x) => x.lead));
  take(flat.filter((x) => x.urgent));
  take(flat.filter((x) => x.score > 0).sort((a, b) => b.score - a.score || a.order - b.order));
  return [...chosen].sort((a, b) => a.order - b.order).map((x) => x.s);
}

/** Split judgement narrative at its section headings ("The effectiveness of leaders and managers: good"). */
export function splitAtJudgementHeadings(narrative: string, areas: readonly JudgementArea[]): string[] {
  const heading = new RegExp(`(?:${areas.map((a) => a.labels.source).join('|')})[^:.]{0,60}:\\s*${GRADE_PATTERN.source}`, 'gi');
  return narrative
    .split(heading)
    .filter((part): part is string => typeof part === 'string' && part.trim().length > 0 && !GRADE_PATTERN_ONLY.test(part.trim()));
}

const GRADE_PATTERN_ONLY = new RegExp(`^${GRADE_PATTERN.source}$`, 'i');

const GRADE_ONLY_HEADING = new RegExp(`^[^.]{0,120}:\\s*${GRADE_PATTERN.source}\\s*$`, 'i');
