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
