import type { ProviderInfo } from '../../ofsted/types.js';
import { ALL_JUDGEMENT_AREAS } from '../../ofsted/vocabulary.js';
import type { HistoryEntry } from '../../store/store.js';
import { csvRow } from './csv-cell.js';

/** One provider's inspections, as the CSV exports take them. */
export interface ProviderHistory {
  provider: Pick<ProviderInfo, 'urn' | 'name' | 'owner' | 'localAuthority'>;
  /** Oldest first, as store.history gives them. */
  history: readonly HistoryEntry[];
}

/** Judgement columns come in the vocabulary's order (children's homes first), whatever order reports use. */
const KNOWN_KEYS: readonly string[] = [...new Set(ALL_JUDGEMENT_AREAS.map((a) => a.key))];

/**
 * The judgement keys present in these histories, one column each: only the areas some report
 * judged, so a children's homes export is not padded with school columns.
 */
export function judgementColumns(providers: readonly ProviderHistory[]): string[] {
  const present = new Set<string>();
  for (const p of providers) for (const h of p.history) for (const j of h.judgements) present.add(j.key);
  const known = KNOWN_KEYS.filter((k) => present.has(k));
  const others = [...present].filter((k) => !KNOWN_KEYS.includes(k)).sort();
  return [...known, ...others];
}

const LEADING_COLUMNS = ['urn', 'provider', 'owner', 'local_authority', 'kind', 'inspection_start', 'inspection_end', 'overall'];
const TRAILING_COLUMNS = ['interim_outcome', 'published', 'file_id', 'pdf_url'];

/** The whole CSV: a header, then one row per inspection, providers in the order given. */
export function historyCsv(providers: readonly ProviderHistory[]): string {
  const keys = judgementColumns(providers);
  const out = [csvRow([...LEADING_COLUMNS, ...keys.map((k) => `judgement:${k}`), ...TRAILING_COLUMNS])];
  for (const { provider, history } of providers) {
    for (const h of history) {
      const grades = keys.map((k) =>
        h.judgements
          .filter((j) => j.key === k)
          .map((j) => j.grade)
          .join(';'),
      );
      out.push(
        csvRow([
          provider.urn,
          provider.name,
          provider.owner,
          provider.localAuthority,
          h.kind,
          h.inspectionStart,
          h.inspectionEnd,
          h.overall,
          ...grades,
          h.interimOutcome,
          h.publishedAt,
          h.fileId,
          h.url,
        ]),
      );
    }
  }
  return out.join('');
}

/** A file name safe in any Content-Disposition and on any disk: "ofsted-history-derby-city-council.csv". */
export function csvFilename(scope: string): string {
  const slug = scope
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `ofsted-history-${slug || 'export'}.csv`;
}
