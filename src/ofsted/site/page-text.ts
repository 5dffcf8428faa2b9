// Small text helpers shared by the page parsers: whitespace, labels and the date formats Ofsted prints.
import { normaliseText } from '../vocabulary.js';

/** Normalise quotes/dashes and collapse all whitespace to single spaces. */
export function cleanText(text: string): string {
  return normaliseText(text).replace(/\s+/g, ' ').trim();
}

/** A label as printed ("Local authority:", "URN") reduced to a comparable key ("local authority", "urn"). */
export function labelKey(text: string): string {
  return cleanText(text).toLowerCase().replace(/[:\s]+$/, '').trim();
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function iso(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  // Reject 31 September and friends rather than let Date roll them over.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

const DAY_MONTH_YEAR = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b/i;
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const SLASH_DATE = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;

/** The first date in a piece of text as ISO YYYY-MM-DD ("29 October 2019", "2019-10-29", "29/10/2019"); null if none. */
export function findDate(text: string): string | null {
  const candidates: Array<{ at: number; value: string | null }> = [];
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) {
    const month = MONTHS[dmy[2]!.toLowerCase()];
    candidates.push({ at: dmy.index, value: month ? iso(Number(dmy[3]), month, Number(dmy[1])) : null });
  }
  const isoMatch = ISO_DATE.exec(text);
  if (isoMatch) {
    candidates.push({ at: isoMatch.index, value: iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])) });
  }
  // UK order: day/month/year.
  const slash = SLASH_DATE.exec(text);
  if (slash) candidates.push({ at: slash.index, value: iso(Number(slash[3]), Number(slash[2]), Number(slash[1])) });
  const found = candidates.filter((c) => c.value !== null).sort((a, b) => a.at - b.at);
  return found[0]?.value ?? null;
}
