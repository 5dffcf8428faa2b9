// Date helpers on ISO calendar dates (YYYY-MM-DD), computed in UTC so results never depend on the host's zone.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** "13/05/2015" (Ofsted's CSV style) to "2015-05-13"; null when blank or malformed. */
export function ukDateToIso(value: string | undefined): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(value ?? '');
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

function parts(iso: string): { day: number; month: string; year: number } {
  const [y, m, d] = iso.split('-').map(Number);
  return { day: d ?? 1, month: MONTHS[(m ?? 1) - 1] ?? 'January', year: y ?? 1970 };
}

/** "8 January 2019"; with `pad`, "08 January 2019" (the search page's style). */
export function longDate(iso: string, pad = false): string {
  const p = parts(iso);
  return `${pad ? String(p.day).padStart(2, '0') : p.day} ${p.month} ${p.year}`;
}

/** "08/01/2019", the style of Ofsted's history tables. */
export function slashDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export type DateRangeStyle = 'to' | 'dash' | 'full';

/**
 * An inspection's dates as reports print them: "29 to 30 October 2019", "29–30 October 2019" or
 * "29 October 2019 to 30 October 2019"; a one-day inspection is just "8 January 2019".
 */
export function dateRange(start: string, end: string, style: DateRangeStyle): string {
  if (start === end) return longDate(start);
  const a = parts(start);
  const b = parts(end);
  if (style === 'full') return `${longDate(start)} to ${longDate(end)}`;
  const sep = style === 'dash' ? '\u2013' : ' to ';
  if (a.year !== b.year) return `${longDate(start)}${sep}${longDate(end)}`;
  if (a.month !== b.month) return `${a.day} ${a.month}${sep}${b.day} ${b.month} ${b.year}`;
  return `${a.day}${sep}${b.day} ${b.month} ${b.year}`;
}
