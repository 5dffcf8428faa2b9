// Registered managers who moved between one owner's homes: named in home A's reports, later in home B's. Pure.
import type { HistoryEntry } from '../../store/store.js';
import { managerKey, managerSpans } from './manager-history.js';

export interface ManagerMove {
  /** As the report of the home they moved to prints it. */
  name: string;
  from: { urn: string; name: string | null; until: string };
  to: { urn: string; name: string | null; since: string };
}

export interface ManagedHome {
  urn: string;
  name: string | null;
  history: readonly HistoryEntry[];
}

/**
 * Every move, in date order. Names are matched case-, space- and apostrophe-insensitively; a manager
 * who returns to a home they left makes a second move. Two homes naming the same manager at once
 * (one person registered for both) still show as a move when the second home's run starts later.
 */
export function managerMoves(homes: readonly ManagedHome[]): ManagerMove[] {
  const byManager = new Map<string, { urn: string; home: string | null; name: string; from: string; to: string }[]>();
  for (const home of homes) {
    for (const span of managerSpans(home.history)) {
      const key = managerKey(span.name);
      const list = byManager.get(key) ?? [];
      list.push({ urn: home.urn, home: home.name, name: span.name, from: span.from, to: span.to });
      byManager.set(key, list);
    }
  }
  const moves: ManagerMove[] = [];
  for (const spans of byManager.values()) {
    spans.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.urn.localeCompare(b.urn));
    for (let i = 1; i < spans.length; i++) {
      const before = spans[i - 1]!;
      const after = spans[i]!;
      if (before.urn === after.urn) continue;
      moves.push({
        name: after.name,
        from: { urn: before.urn, name: before.home, until: before.to },
        to: { urn: after.urn, name: after.home, since: after.from },
      });
    }
  }
  return moves.sort((a, b) => a.to.since.localeCompare(b.to.since) || a.name.localeCompare(b.name));
}
