import { OfstedMonitorError } from '../errors.js';
import { parseReportPages } from '../ofsted/reports/parse-report.js';
import { PARSER_VERSION } from '../ofsted/reports/parser-version.js';
import type { ParsedReport } from '../ofsted/types.js';
import type { Store, StoredReport } from '../store/store.js';

export interface ReparseResult {
  parserVersion: string;
  /** Reports looked at. */
  reports: number;
  /** Re-derived and stored (changed or not). */
  reparsed: number;
  /** Whose reading differs from what was stored. */
  changed: number;
  /** Unreadable before, readable now. */
  fixed: number;
  /** Still unreadable with the current parser. */
  unreadable: number;
  /** No stored text to re-read (the PDF itself could not be read when fetched). */
  noText: number;
}

/** A report's reading without the version stamp, for comparing two parser versions' output. */
function reading(parsed: ParsedReport | null): string {
  if (!parsed) return 'null';
  const { parserVersion: _v, ...rest } = parsed;
  return JSON.stringify(rest);
}

/**
 * Re-derive stored reports from their stored text with the current parser. It raises no events: the
 * history is only being re-read, and a re-read is not news (CONTRACT: events are raised once).
 */
export async function reparseReports(
  store: Store,
  scope: { urn: string } | { all: true },
  /** Told after each provider: how many of how many are done (the CLI's progress bar). */
  onProgress?: (done: number, total: number) => void,
): Promise<ReparseResult> {
  const urns = 'urn' in scope ? [scope.urn] : (await store.listProviders()).map((p) => p.urn);
  const result: ReparseResult = { parserVersion: PARSER_VERSION, reports: 0, reparsed: 0, changed: 0, fixed: 0, unreadable: 0, noText: 0 };

  for (const [i, urn] of urns.entries()) {
    onProgress?.(i, urns.length);
    const updates: StoredReport[] = [];
    for (const report of await store.listReports(urn)) {
      result.reports += 1;
      const pages = await store.getReportPages(report.fileId);
      if (!pages) {
        result.noText += 1;
        continue;
      }
      let parsed: ParsedReport | null = null;
      let error: string | null = null;
      try {
        parsed = parseReportPages(pages);
        if (parsed.urn && parsed.urn !== urn) throw new OfstedMonitorError(`the report is for URN ${parsed.urn}, not ${urn}`);
      } catch (err) {
        if (!(err instanceof OfstedMonitorError)) throw err;
        parsed = null;
        error = err.message;
      }
      if (!parsed) result.unreadable += 1;
      if (parsed && !report.parsed) result.fixed += 1;
      if (reading(parsed) !== reading(report.parsed)) result.changed += 1;
      result.reparsed += 1;
      updates.push({ ...report, parsed, error, parserVersion: PARSER_VERSION });
    }
    await store.updateReports(updates);
  }
  onProgress?.(urns.length, urns.length);
  return result;
}
