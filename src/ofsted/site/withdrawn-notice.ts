// Ofsted's answer for a report it has withdrawn: an HTML page saying "We cannot publish this report"
// where the PDF was (REAL-EVIDENCE §1: pipelines that read the real site handle it).
import { cleanText } from './page-text.js';

const WORDING = /\bwe cannot publish\b/i;
/** The notice is a short page; a body this long read as text is plenty to find it. */
const READ_BYTES = 64 * 1024;

/** True when a response body that is not a PDF is Ofsted's withdrawn-report notice. */
export function isWithdrawnNotice(body: Buffer): boolean {
  const text = body.subarray(0, READ_BYTES).toString('utf8').replace(/<[^>]*>/g, ' ');
  return WORDING.test(cleanText(text));
}
