/**
 * `load`'s value, kept for `ttlMs` and then read again on the next call. Callers while a load runs share
 * it; a failed load is not kept. For what a page shows as a hint (the watchlist form's choices), where
 * a few seconds out of date costs nothing and reading it on every request costs a third of the page.
 */
export function keptFor<T>(ttlMs: number, load: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let kept: { value: Promise<T>; until: number } | null = null;
  return () => {
    if (kept && now() < kept.until) return kept.value;
    const value = load();
    const entry = { value, until: Number.POSITIVE_INFINITY };
    kept = entry;
    value.then(
      () => {
        entry.until = now() + ttlMs;
      },
      () => {
        if (kept === entry) kept = null;
      },
    );
    return value;
  };
}
