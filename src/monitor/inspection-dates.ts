import type { ParsedReport } from '../ofsted/types.js';

// One formatter: toLocaleDateString builds a new one per call, and every comparison of a history is worded.
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

function shortDate(iso: string | null): string {
  if (!iso) return 'date unknown';
  return SHORT_DATE.format(new Date(`${iso}T00:00:00Z`));
}

/** An inspection's dates as event summaries print them: "29–30 Oct 2019", "8 Jan 2019". */
export function datesLabel(r: ParsedReport): string {
  if (!r.inspectionStart) return 'date unknown';
  if (!r.inspectionEnd || r.inspectionEnd === r.inspectionStart) return shortDate(r.inspectionStart);
  const [sy, sm] = r.inspectionStart.split('-');
  const [ey, em] = r.inspectionEnd.split('-');
  if (sy === ey && sm === em) return `${Number(r.inspectionStart.slice(8))}–${shortDate(r.inspectionEnd)}`;
  return `${shortDate(r.inspectionStart)} – ${shortDate(r.inspectionEnd)}`;
}
