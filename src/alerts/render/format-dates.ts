const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Formatted by hand rather than with toLocaleDateString: ICU versions differ ("Sep" or "Sept"), and a
// subject must be the same on every machine.

function parts(iso: string): { year: number; month: string; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return null;
  return { year: Number(m[1]), month, day: Number(m[3]) };
}

/** "29 Oct 2019" from an ISO date or timestamp; the input unchanged when it is not one. */
export function formatDay(iso: string): string {
  const p = parts(iso);
  return p ? `${p.day} ${p.month} ${p.year}` : iso;
}

/**
 * An inspection's dates as Ofsted-style short text: "29 Oct 2019", "29–30 Oct 2019",
 * "30 Sep – 1 Oct 2019", "31 Dec 2019 – 2 Jan 2020". Null without a start date.
 */
export function formatDateRange(start: string | null, end: string | null): string | null {
  if (!start) return null;
  const a = parts(start);
  const b = end ? parts(end) : null;
  if (!a) return start;
  if (!b || !end || end.slice(0, 10) <= start.slice(0, 10)) return formatDay(start);
  if (a.year === b.year && a.month === b.month) return `${a.day}–${formatDay(end)}`;
  if (a.year === b.year) return `${a.day} ${a.month} – ${formatDay(end)}`;
  return `${formatDay(start)} – ${formatDay(end)}`;
}

/** "27 Nov 2019, 06:00 UTC" from an ISO timestamp; just the day for a bare date. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (!/T\d{2}:\d{2}/.test(iso) || Number.isNaN(d.getTime())) return formatDay(iso);
  const day = formatDay(d.toISOString());
  return `${day}, ${d.toISOString().slice(11, 16)} UTC`;
}
