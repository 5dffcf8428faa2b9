// The text Ofsted gives each report link for screen readers: "<Title>, pdf - <DD Month YYYY>", e.g.
// "Full inspection, pdf - 08 September 2026" ("pdf" or "PDF"). The date is the PUBLICATION date
// (REAL-EVIDENCE §1: JT-39's history shows it row after row against reports' own inspection dates).
import { parseDate } from '../dates.js';
import { cleanText } from './page-text.js';

// The title is everything before the last ", pdf - "; the date must be all that follows it.
const FORM = /^(.+),\s*pdf\s+-\s+(\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})$/i;

export interface PublicationText {
  /** "Full inspection". */
  title: string;
  /** ISO date. */
  publishedAt: string;
}

/** The title and publication date of a link text in that form; null for any other text. */
export function publicationText(text: string): PublicationText | null {
  const match = FORM.exec(cleanText(text));
  if (!match) return null;
  const title = match[1]!.trim();
  const publishedAt = parseDate(match[2]!);
  return title && publishedAt ? { title, publishedAt } : null;
}
