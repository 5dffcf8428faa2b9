import { monthNumber } from './vocabulary.js';

// Dates as Ofsted prints them: "8 January 2019", "08/01/2019", "29 to 30 October 2019", "9–10 November 2016",
// "30 September to 1 October 2019", "6 March 2017–30 March 2017". Text is expected to be normalised already
// (dashes folded to '-', whitespace collapsed), but line breaks inside a range are tolerated.

export interface DateRange {
  start: string;
  end: string;
}

const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';
const SEP = '\\s*(?:-|to|and|until)\\s*';

const LONG_DATE = new RegExp(`${DAY}\\s+${MONTH}\\s*,?\\s+${YEAR}`, 'i');
const NUMERIC_DATE = /\b(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})\b/;
const ISO_DATE = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/;

// Ranges, most specific first. Each yields [startDay, startMonth?, startYear?, endDay, endMonth, endYear].
const RANGE_PATTERNS: readonly { re: RegExp; pick: (m: RegExpExecArray) => [string, string, string, string, string, string] }[] = [
  {
    // 6 March 2017 - 30 March 2017
    re: new RegExp(`${DAY}\\s+${MONTH}\\s+${YEAR}${SEP}${DAY}\\s+${MONTH}\\s+${YEAR}`, 'i'),
    pick: (m) => [m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!],
  },
  {
    // 30 September to 1 October 2019
    re: new RegExp(`${DAY}\\s+${MONTH}${SEP}${DAY}\\s+${MONTH}\\s+${YEAR}`, 'i'),
    pick: (m) => [m[1]!, m[2]!, m[5]!, m[3]!, m[4]!, m[5]!],
  },
  {
    // 29 to 30 October 2019, 9-10 November 2016
    re: new RegExp(`${DAY}${SEP}${DAY}\\s+${MONTH}\\s+${YEAR}`, 'i'),
    pick: (m) => [m[1]!, m[3]!, m[4]!, m[2]!, m[3]!, m[4]!],
  },
];

function iso(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fromParts(day: string, month: string, year: string): string | null {
  const m = monthNumber(month);
  return m ? iso(Number(year), m, Number(day)) : null;
}

/** The first single date in the text ("8 January 2019", "08/01/2019" day first, "2019-01-08"), as ISO; null if none. */
export function parseDate(text: string): string | null {
  const t = text.replace(/\s+/g, ' ');
  const candidates: { index: number; value: string | null }[] = [];
  const long = LONG_DATE.exec(t);
  if (long) candidates.push({ index: long.index, value: fromParts(long[1]!, long[2]!, long[3]!) });
  const num = NUMERIC_DATE.exec(t);
  if (num) candidates.push({ index: num.index, value: iso(Number(num[3]), Number(num[2]), Number(num[1])) });
  const isoMatch = ISO_DATE.exec(t);
  if (isoMatch) candidates.push({ index: isoMatch.index, value: iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])) });
  // Whichever comes first in the text wins, so "Inspection date: 08/01/2019 ... 9 May 2019" reads the first.
  return candidates.filter((c) => c.value !== null).sort((a, b) => a.index - b.index)[0]?.value ?? null;
}

/**
 * The first date range (or single date, as a one-day range) in the text; null if none. An inspection held in
 * two parts ("19 November-11 December 2013 and 28 - 30 January 2014") runs from the first part's start to the
 * last part's end.
 */
export function parseDateRange(text: string): DateRange | null {
  const t = text.replace(/\s+/g, ' ');
  const first = firstRange(t);
  if (!first) return null;
  const more = /^\s*(?:,|and|&)\s*(?=\d)/i.exec(t.slice(first.end));
  const next = more ? firstRange(t.slice(first.end + more[0].length)) : null;
  if (next && next.index === 0 && next.range.end > first.range.end) return { start: first.range.start, end: next.range.end };
  return first.range;
}

function firstRange(t: string): { index: number; end: number; range: DateRange } | null {
  let best: { index: number; end: number; range: DateRange } | null = null;
  for (const { re, pick } of RANGE_PATTERNS) {
    const m = re.exec(t);
    if (!m || (best && best.index <= m.index)) continue;
    const [sd, sm, sy, ed, em, ey] = pick(m);
    const start = fromParts(sd, sm, sy);
    const end = fromParts(ed, em, ey);
    if (start && end && start <= end) best = { index: m.index, end: m.index + m[0].length, range: { start, end } };
  }
  const numeric = new RegExp(`${NUMERIC_DATE.source}\\s*(?:-|to)\\s*${NUMERIC_DATE.source}`).exec(t);
  if (numeric && (!best || numeric.index < best.index)) {
    const start = iso(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
    const end = iso(Number(numeric[6]), Number(numeric[5]), Number(numeric[4]));
    if (start && end && start <= end) best = { index: numeric.index, end: numeric.index + numeric[0].length, range: { start, end } };
  }
  const long = LONG_DATE.exec(t);
  const num = NUMERIC_DATE.exec(t);
  const single = [long, num].filter((m): m is RegExpExecArray => m !== null).sort((a, b) => a.index - b.index)[0];
  if (single && (!best || single.index < best.index)) {
    const value = parseDate(single[0]);
    if (value) return { index: single.index, end: single.index + single[0].length, range: { start: value, end: value } };
  }
  return best;
}

/** Every date in the text, in order of appearance (ISO). */
export function findAllDates(text: string): { iso: string; index: number; length: number }[] {
  const out: { iso: string; index: number; length: number }[] = [];
  const re = new RegExp(`${LONG_DATE.source}|${NUMERIC_DATE.source}`, 'gi');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const value = m[1] ? fromParts(m[1], m[2]!, m[3]!) : iso(Number(m[6]), Number(m[5]), Number(m[4]));
    if (value) out.push({ iso: value, index: m.index, length: m[0].length });
  }
  return out;
}
