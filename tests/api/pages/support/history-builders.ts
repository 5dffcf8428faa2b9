import type { HistoryEntry } from '../../../../src/store/store.js';
import { parsed } from '../../../store/builders.js';

// Plain history entries for the page renderers' tests: a full inspection graded `overall` unless told otherwise.

let next = 1000;

export function entry(start: string, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  const fileId = overrides.fileId ?? String(++next);
  const report = parsed(start, { judgements: [], enforcementSinceLast: null });
  return { ...report, fileId, url: `http://127.0.0.1/v1/file/${fileId}`, publishedAt: null, ...overrides };
}

export function interim(start: string, outcome: HistoryEntry['interimOutcome']): HistoryEntry {
  return entry(start, { kind: 'childrens-home-interim', overall: null, interimOutcome: outcome });
}

export function visit(start: string, kind: HistoryEntry['kind'] = 'childrens-home-monitoring'): HistoryEntry {
  return entry(start, { kind, overall: null });
}
