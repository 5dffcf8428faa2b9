import { GRADE_PATTERN, normaliseGrade, type Grade, type JudgementArea } from '../vocabulary.js';
import type { Judgement, StatutoryRequirement } from '../types.js';
import { findAllDates, parseDate } from '../dates.js';
import { findAll } from './labels.js';
import { lineAt, sentences, type ReportText } from './report-text.js';

// Field readers shared by every report family. Each takes the normalised ReportText and returns null/[]
// rather than guessing.

// What may stand between a judgement's label and its grade: the rest of a wrapped label, "taking into
// account", a colon or table rule. Anything else (a legend, the next section) means this label has no grade
// here, and reading on would borrow someone else's.
const LABEL_TO_GRADE_FILLER =
  /^(?:[\s:|\-,;]|of children|and young people|young people|people|taking into account|including the effectiveness of leaders and managers|is|was|judged)*$/i;

/**
 * Judgements for a set of areas: the grade that follows each area's label with nothing but filler between
 * them. The first occurrence of a label that carries a grade wins (the summary table comes first).
 */
export function readJudgements(text: ReportText, areas: readonly JudgementArea[], window = 220): Judgement[] {
  const flat = text.flat;
  const out: Judgement[] = [];
  for (const area of areas) {
    for (const hit of findAll(flat, area.labels)) {
      const slice = flat.slice(hit.end, hit.end + window);
      const m = GRADE_PATTERN.exec(slice);
      if (!m || !LABEL_TO_GRADE_FILLER.test(slice.slice(0, m.index))) continue;
      const grade = normaliseGrade(m[1]);
      if (grade) {
        out.push({ area: area.area, key: area.key, grade });
        break;
      }
    }
  }
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
// Words of a role, never of a name: "Social Care Regulatory Inspector" on its own line is not a person.
const ROLE_WORDS = /\b(?:inspectors?|social care|regulatory|majesty'?s|ofsted|lead|senior)\b/i;
const ROLE_ONLY = /^(?:lead\s+)?(?:senior\s+)?(?:social care (?:regulatory )?inspector|(?:his|her) majesty'?s inspector|regulatory inspector|social care inspector|ofsted inspector)s?$/i;

/** Inspector names: "Jane Smith, Social Care Inspector" lines, or values of an "Inspector(s):" label. */
export function readInspectors(text: ReportText): string[] {
  const names: string[] = [];
  const add = (raw: string) => {
    const name = raw.replace(/^(?:lead\s+)?inspectors?\s*(?:\(s\))?\s*:?\s*/i, '').replace(/[,;]+$/, '').trim();
    if (NAME.test(name) && !ROLE_WORDS.test(name) && !names.includes(name)) names.push(name);
  };
  // Letters: "The visit was carried out by Jane Smith, Social Care Regulatory Inspector."
  for (const m of text.flat.matchAll(/\bcarried out by ((?:[A-Z][a-zA-Z'\-]+\s+){1,3}[A-Z][a-zA-Z'\-]+),?\s+(?:an?\s+)?(?:lead\s+)?(?:social care|(?:his|her) majesty|regulatory|ofsted)/g)) {
    add(m[1]!);
  }
  text.lines.forEach((line, i) => {
    // A sign-off: the name on one line, the role alone on the next.
    if (ROLE_ONLY.test(line)) {
      if (i > 0) add(text.lines[i - 1]!);
      return;
    }
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
      if (r) add(r[1]!);
      // A table's value cell may list several: "Jane Smith, John Brown".
      else for (const part of next.split(/\s*(?:,|;| and )\s*/)) add(part);
    }
  });
  return names;
}

/**
 * Whether line i opens the inspector's sign-off that closes a visit report's last section: "Inspector" alone
 * with a name on the next line, "Inspector: Jane Smith", "Jane Smith, Social Care Inspector" as a whole line,
 * or a name line followed by the role alone. A sentence that merely mentions an inspector is no sign-off.
 */
function opensSignOff(lines: readonly string[], i: number): boolean {
  const line = lines[i]!.replace(/[.,;]+$/, '');
  const next = (lines[i + 1] ?? '').replace(/[.,;]+$/, '');
  const isName = (s: string) => NAME.test(s) && !ROLE_WORDS.test(s);
  const nameWithRole = (s: string) => {
    const m = INSPECTOR_ROLE.exec(s);
    return m !== null && isName(m[1]!.replace(/,$/, '').trim()) && m[0].length >= s.trim().length - 1;
  };
  if (/^(?:lead\s+)?inspectors?(?:\(s\))?:?$/i.test(line)) return isName(next) || nameWithRole(next);
  const labelled = /^(?:lead\s+)?inspectors?(?:\(s\))?\s*:\s*(.+)$/i.exec(line);
  if (labelled) return labelled[1]!.split(/\s*(?:,|;| and )\s*/).some(isName);
  if (nameWithRole(line)) return true;
  return isName(line) && ROLE_ONLY.test(next);
}

/**
 * Offset in `text.flat` where an inspector's sign-off starts between `from` and `to`, or `to` when there is
 * none: visit reports print it straight after the requirements table, and a section read to the next
 * heading would otherwise end its last item with "Jane Smith, Social Care Inspector".
 */
export function signOffStart(text: ReportText, from: number, to: number): number {
  for (let i = lineAt(text, from); i < text.lines.length && text.lineStarts[i]! < to; i++) {
    if (text.lineStarts[i]! >= from && opensSignOff(text.lines, i)) return text.lineStarts[i]!;
  }
  return to;
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
  const regColumn = /\bReg\.?\s+(?:Requirement|Action)s?\b/i.exec(body);
  body = body.replace(/\bRequirements?\s+Due date\b/gi, ' ');

  const citations = findAll(body, REGULATION_CITATION);
  const chunks: { text: string; regulation: string | null }[] = [];
  if (regColumn && citations.length === 0) {
    // Pre-2015 tables: "Reg. | Requirement | Due date", the regulation number opening each row and the
    // requirement text starting in lower case ("ensure that ...").
    body = body.slice(body.search(/\bReg\.?\s/i) + 4).replace(/\b(?:Requirements?|Actions?)\b\s*|\bDue date\b/gi, ' ');
    // A row number, not a number inside the text ("Schedule 6", "regulation 12").
    const starts = findAll(body, /(?<!\b(?:Schedule|[Rr]egulations?|paragraph|page|section|NMS|[Ss]tandard|of|to|and|for|in|by|under))(?:^|\s)(\d{1,2})\s+(?=[a-z(])/g);
    starts.forEach((st, i) => {
      chunks.push({ text: body.slice(st.end, starts[i + 1]?.index ?? body.length), regulation: st.match[1]! });
    });
  } else if (citations.length > 0) {
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
  const numbered = findAll(body, /(?:^|\s)(\d{1,2})[.)]\s+(?=[A-Za-z'"(])/g).filter((m, i) => Number(m.match[1]) === i + 1);
  if (BULLET.test(body)) {
    BULLET.lastIndex = 0;
    items = body.split(BULLET);
  } else if (numbered.length >= 2) {
    items = [body.slice(0, numbered[0]!.index), ...numbered.map((m, i) => body.slice(m.end, numbered[i + 1]?.index ?? body.length))];
  } else {
    body = body.replace(/^(?:The registered (?:person|provider|manager)s?\s+should take (?:the following|these) actions?[^.:]*[.:])/i, '');
    items = body.split(
      /(?=(?:\bThe |(?<!\bThe )\b)[Rr]egistered (?:person|manager|provider|individual)(?:\(s\))?s? (?:should|must)\b)|(?<=(?:paragraph \d+(?:\.\d+)*|NMS \d+(?:\.\d+)*)\)\.?)\s+(?=[A-Za-z])/,
    );
  }
  return items
    .map(cleanItem)
    .filter((t) => t.length > 20 && !/^(?:To improve|This section|The registered person should take (?:the following|account))/i.test(t))
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

// How the inspection was done, not what it found.
const METHOD_SENTENCE =
  /^(?:The |An? )?(?:inspectors?|visit|inspection|this (?:letter|visit|inspection|monitoring visit|assurance visit))\b[^.]{0,40}\b(?:looked|spoke|met|reviewed|considered|checked|visited|observed|summarises|was carried out|focused)\b/i;

/**
 * The sentences a reader would quote. Ofsted opens each judgement section with its verdict and each
 * paragraph with its point, so: each section's first sentence, then urgent concerns ("at risk of harm"),
 * then each paragraph's first sentence, then the most evaluative of the rest. A section is its text or its
 * paragraphs. At most `limit`, returned in document order.
 */
export function readKeyFindings(sections: readonly (string | readonly string[])[], limit = 6): string[] {
  type Candidate = { s: string; order: number; lead: boolean; paraLead: boolean; urgent: boolean; score: number };
  const all: Candidate[] = [];
  sections.forEach((section, si) => {
    const paragraphs = typeof section === 'string' ? [section] : section;
    let n = 0;
    paragraphs.forEach((paragraph, pi) => {
      sentences(paragraph)
        .filter((s) => s.length >= 30 && s.length <= 400 && /[.!?]$/.test(s) && !GRADE_ONLY_HEADING.test(s) && !METHOD_SENTENCE.test(s))
        .forEach((s, i) => {
          const negative = s.match(NEGATIVE_CUES)?.length ?? 0;
          const positive = s.match(POSITIVE_CUES)?.length ?? 0;
          all.push({ s, order: si * 100_000 + n++, lead: pi === 0 && i === 0, paraLead: i === 0, urgent: URGENT_CUES.test(s), score: negative * 2 + positive });
        });
    });
  });
  const chosen: Candidate[] = [];
  const take = (xs: Candidate[]) => {
    for (const x of xs) if (chosen.length < limit && !chosen.some((c) => c.s === x.s)) chosen.push(x);
  };
  take(all.filter((x) => x.lead));
  take(all.filter((x) => x.urgent));
  take(all.filter((x) => x.paraLead));
  take(all.filter((x) => x.score > 0).sort((a, b) => b.score - a.score || a.order - b.order));
  return chosen.sort((a, b) => a.order - b.order).map((x) => x.s);
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

/** One row of a label/value table: the row's label and the shape of the value it may carry. */
export interface TableRowSpec {
  key: string;
  labels: RegExp;
  /** The value's words (e.g. GRADE_PATTERN); must capture the value in group 1. */
  value: RegExp;
}

// Between two label cells of one column nothing but numbering ("2.1"), rules, or the next label's "The" may stand.
const COLUMN_GAP = /^[\s|]*(?:\d{1,2}(?:\.\d{1,2})?\.?)?[\s|]*(?:the\s*)?$/i;

/**
 * Values of a label/value table (a judgement table, say), whichever way the extractor ordered its cells:
 * row by row ("Label Good", "Label: good", label line then value line), or column by column: every label,
 * then (possibly after other text) every value in the same order. pdftotext reads LibreOffice's tables the
 * second way, so pairing "the grade after the label" would give the last label the first row's grade.
 * The first occurrence of a row that yields a value wins; a column whose values do not line up with its
 * labels yields nothing rather than a shifted guess.
 */
export function readLabelledTable(text: ReportText, rows: readonly TableRowSpec[]): Map<string, string> {
  const first = new Map<string, string>();
  for (const [key, readings] of readLabelledValues(text, rows)) first.set(key, readings[0]!.value);
  return first;
}

/** One value read for a row, and where its label stands in the flat text. */
export interface TableReading {
  value: string;
  index: number;
}

/**
 * Every value the document prints for each row, in document order: the summary table's cell, and again
 * wherever the label is followed straight by a value (a section heading "Label: good", a sentence "Label
 * is good"). Callers that must not guess compare them: two readings that differ mean the field is unreadable.
 */
export function readLabelledValues(text: ReportText, rows: readonly TableRowSpec[]): Map<string, TableReading[]> {
  const flat = text.flat;
  type Hit = { row: TableRowSpec; index: number; end: number };
  const all: Hit[] = rows
    .flatMap((row) => findAll(flat, row.labels).map((h) => ({ row, index: h.index, end: h.end })))
    .sort((a, b) => a.index - b.index || b.end - b.index - (a.end - a.index));
  // A label inside a longer one ("Personal development" in "Personal development and well-being") is not a cell.
  const hits: Hit[] = [];
  for (const h of all) if (hits.length === 0 || h.index >= hits[hits.length - 1]!.end) hits.push(h);

  const values = new Map<string, TableReading[]>();
  const add = (key: string, value: string, index: number) => values.set(key, [...(values.get(key) ?? []), { value, index }]);
  for (let i = 0; i < hits.length; ) {
    let j = i;
    while (j + 1 < hits.length && COLUMN_GAP.test(flat.slice(hits[j]!.end, hits[j + 1]!.index))) j++;
    const run = hits.slice(i, j + 1);
    if (run.length >= 2 && new Set(run.map((h) => h.row.key)).size === run.length) {
      for (const [k, v] of columnValues(text, run)) add(k, v, run.find((h) => h.row.key === k)!.index);
    } else {
      for (const h of run) {
        const value = rowValue(text, h.end, h.row.value);
        if (value) add(h.row.key, value, h.index);
      }
    }
    i = j + 1;
  }
  return values;
}

/** What agreeing readings of a table give: one value per row, and the rows whose readings disagreed. */
export interface AgreedValues {
  values: Map<string, string>;
  /** Keys of rows read two different ways: unreadable, never guessed. */
  conflicts: string[];
}

/**
 * Each row's value when every reading of it agrees (after `normalise`, which also drops what is no value);
 * a row read two different ways has none and is named in `conflicts`. `skip` leaves out readings that speak of
 * something else (an earlier inspection, say) by where their label stands.
 */
export function readAgreedValues(
  text: ReportText,
  rows: readonly TableRowSpec[],
  normalise: (key: string, raw: string) => string | null,
  skip: (index: number) => boolean = () => false,
): AgreedValues {
  const values = new Map<string, string>();
  const conflicts: string[] = [];
  for (const [key, readings] of readLabelledValues(text, rows)) {
    const distinct = [...new Set(readings.filter((r) => !skip(r.index)).map((r) => normalise(key, r.value)).filter((v): v is string => v !== null))];
    if (distinct.length > 1) conflicts.push(key);
    else if (distinct.length === 1) values.set(key, distinct[0]!);
  }
  return { values, conflicts };
}

/**
 * The value straight after a row's label, filling the rest of its line (a cell, a heading "Label: good", a
 * sentence "Label is good.", with its number: "Good 2"). "Overall effectiveness Good progress has been made" is
 * prose, not a row. A value followed at once by another value is the first of a column of values printed after
 * every label (the label before them is the column's last, not this value's row).
 */
function rowValue(text: ReportText, from: number, value: RegExp): string | null {
  const flat = text.flat;
  const m = new RegExp(`^[\\s:|\\-]*(?:(?:is|are)\\s+)?(?:${value.source})(?![\\w-])`, 'i').exec(flat.slice(from, from + 120));
  if (!m?.[1]) return null;
  const end = from + m[0].length;
  const line = lineAt(text, end - 1);
  const rest = flat.slice(end, text.lineStarts[line]! + text.lines[line]!.length);
  // Older tables print the grade's number after it ("Good 2", "Good (grade 2)").
  if (!/^\s*(?:\(?\s*(?:grade\s*)?[1-4]\s*\)?)?[\s.:;,)]*$/i.test(rest)) return null;
  const next = flat.slice(end, end + 60);
  return new RegExp(`^\\s*(?:${value.source})(?![\\w-])`, 'i').test(next) ? null : m[1];
}

/**
 * Values of a column of labels: the first block of values, one per label in order and nothing else between
 * them, that starts and ends on line boundaries in the lines after the column (a wrapped value may span lines).
 */
function columnValues(text: ReportText, run: readonly { row: TableRowSpec; end: number }[]): Map<string, string> {
  const flat = text.flat;
  const firstLine = lineAt(text, run[run.length - 1]!.end);
  const lineEnds = new Set(text.lines.map((l, i) => text.lineStarts[i]! + l.length));
  // Values sit within the next few dozen lines (the rest of the page); further on, a match would be coincidence.
  for (let li = firstLine + 1; li < Math.min(text.lines.length, firstLine + 60); li++) {
    let pos = text.lineStarts[li]!;
    const found: string[] = [];
    for (const h of run) {
      const m = new RegExp(`^\\s*(?:${h.row.value.source})(?![\\w-])`, 'i').exec(flat.slice(pos, pos + 80));
      if (!m?.[1]) break;
      found.push(m[1]);
      pos += m[0].length;
    }
    if (found.length === run.length && lineEnds.has(pos)) {
      return new Map(run.map((h, k) => [h.row.key, found[k]!]));
    }
  }
  return new Map();
}
