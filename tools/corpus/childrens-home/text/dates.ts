// How Ofsted's reports print dates and date ranges. Every form here occurs in real reports; the corpus
// uses all of them so that no reader can rely on one.

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

function parts(iso: string): { d: number; m: number; y: number } {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) throw new Error(`not an ISO date: ${iso}`);
  return { d, m, y };
}

/** "7 March 2019". */
export function longDate(iso: string): string {
  const { d, m, y } = parts(iso);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "07/03/2019". */
export function slashDate(iso: string): string {
  const { d, m, y } = parts(iso);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/** "13/05/2015" (CSV) to ISO. */
export function isoFromSlash(value: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!m) throw new Error(`not a dd/mm/yyyy date: "${value}"`);
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
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

export type RangeStyle = 'to' | 'dash' | 'full' | 'and' | 'split';

/**
 * An inspection's dates as printed. `split` is the `to` form with a manual line break in the middle (a range
 * that wraps in its cell); the two halves are returned separately so the caller can place the break.
 */
export function dateRange(start: string, end: string, style: RangeStyle): string[] {
  if (start === end) return [longDate(start)];
  const a = parts(start);
  const b = parts(end);
  const sameMonth = a.m === b.m && a.y === b.y;
  const sameYear = a.y === b.y;
  const head = sameMonth ? `${a.d}` : sameYear ? `${a.d} ${MONTHS[a.m - 1]}` : longDate(start);
  switch (style) {
    case 'to':
      return [`${head} to ${longDate(end)}`];
    case 'dash':
      // Word's en dash, closed up within a month and spaced across months.
      return [sameMonth ? `${head}\u2013${longDate(end)}` : `${head} \u2013 ${longDate(end)}`];
    case 'full':
      return [`${longDate(start)} to ${longDate(end)}`];
    case 'and':
      return [`${head} and ${longDate(end)}`];
    case 'split':
      return [`${head} to`, longDate(end)];
  }
}
