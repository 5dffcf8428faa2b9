// The shared x axis of the dashboard's charts: ISO dates onto pixels, with year ticks. Pure.

const DAY_MS = 86_400_000;

export interface TimeAxis {
  /** Left and right ends of the plotting area, in SVG units. */
  left: number;
  right: number;
  /** First and last day shown (epoch ms, UTC midnight). */
  startMs: number;
  endMs: number;
  /** The x of an ISO date or timestamp (clamped to the axis). */
  x(iso: string): number;
  /** 1 January of the years labelled, with their x. */
  ticks: { year: number; x: number }[];
}

/** Epoch ms of an ISO date's day, or null when it is not one. */
export function dayMs(iso: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return null;
  const ms = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * An axis covering `dates` with a little room either side (half a year around a single date, so one
 * inspection does not sit on the frame), labelled with at most about ten years.
 */
export function timeAxis(dates: readonly string[], left: number, right: number): TimeAxis {
  const days = dates.map(dayMs).filter((d): d is number => d !== null);
  let startMs = days.length ? Math.min(...days) : Date.UTC(2000, 0, 1);
  let endMs = days.length ? Math.max(...days) : Date.UTC(2001, 0, 1);
  const pad = Math.max(90 * DAY_MS, (endMs - startMs) * 0.04);
  startMs -= pad;
  endMs += pad;
  const span = endMs - startMs;
  const x = (iso: string): number => {
    const d = dayMs(iso) ?? startMs;
    const clamped = Math.min(endMs, Math.max(startMs, d));
    return round(left + ((clamped - startMs) / span) * (right - left));
  };

  const firstYear = new Date(startMs).getUTCFullYear() + 1;
  const lastYear = new Date(endMs).getUTCFullYear();
  const years = Math.max(0, lastYear - firstYear + 1);
  const step = Math.max(1, Math.ceil(years / 10));
  const ticks: TimeAxis['ticks'] = [];
  for (let year = firstYear; year <= lastYear; year += step) {
    ticks.push({ year, x: x(`${year}-01-01`) });
  }
  return { left, right, startMs, endMs, x, ticks };
}

/** Two decimals are plenty for a 720-unit-wide chart and keep the SVG short. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
