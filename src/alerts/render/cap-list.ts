/** The first `max` items, and how many were left out. */
export function capList<T>(items: readonly T[], max: number): { shown: T[]; more: number } {
  const shown = items.slice(0, Math.max(0, max));
  return { shown, more: items.length - shown.length };
}

/** "and 7 more in the report" style line for what capList left out; null when nothing was. */
export function moreLine(more: number, noun: string, where = 'in the report'): string | null {
  if (more <= 0) return null;
  return `…and ${more} more ${more === 1 ? noun : `${noun}s`} ${where}`.trim();
}
