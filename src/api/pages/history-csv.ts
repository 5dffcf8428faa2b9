import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ProviderInfo } from '../../ofsted/types.js';
import {
  ALL_JUDGEMENT_AREAS,
  CARE_AND_SUPPORT_AREA,
  CHILDRENS_HOME_AREAS,
  CHILDRENS_HOME_LEGACY_AREAS,
  LA_ILACS_AREAS,
  LA_LOOKED_AFTER_2012_AREAS,
  LA_SIF_AREAS,
  OVERALL_EFFECTIVENESS_AREA,
  SCHOOL_2012_AREAS,
  SCHOOL_CIF_AREAS,
  SCHOOL_EIF_AREAS,
  SCHOOL_REPORT_CARD_AREAS,
  type JudgementArea,
  type ReportKind,
} from '../../ofsted/vocabulary.js';
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

/** Every judgement area a report of each family may give, across the family's frameworks. */
const FAMILY_AREAS: Readonly<Record<'home' | 'la' | 'school' | 'other', readonly JudgementArea[]>> = {
  home: [...CHILDRENS_HOME_AREAS, CARE_AND_SUPPORT_AREA, ...CHILDRENS_HOME_LEGACY_AREAS, OVERALL_EFFECTIVENESS_AREA],
  la: [...LA_ILACS_AREAS, ...LA_SIF_AREAS, ...LA_LOOKED_AFTER_2012_AREAS, OVERALL_EFFECTIVENESS_AREA],
  school: [...SCHOOL_2012_AREAS, ...SCHOOL_CIF_AREAS, ...SCHOOL_EIF_AREAS, ...SCHOOL_REPORT_CARD_AREAS, OVERALL_EFFECTIVENESS_AREA],
  other: [OVERALL_EFFECTIVENESS_AREA],
};

function family(kind: ReportKind): keyof typeof FAMILY_AREAS {
  if (kind.startsWith('childrens-home')) return 'home';
  if (kind.startsWith('la-')) return 'la';
  return kind === 'school' ? 'school' : 'other';
}

/**
 * The judgement columns of an export holding these kinds of report: every area of their families, in
 * the vocabulary's order, so a children's homes export is not padded with school columns. Decided from
 * the kinds alone (one cheap query) because the header is written before the first row is read: the
 * export streams.
 */
export function judgementColumns(kinds: readonly ReportKind[]): string[] {
  const present = new Set(kinds.flatMap((k) => FAMILY_AREAS[family(k)].map((a) => a.key)));
  return KNOWN_KEYS.filter((k) => present.has(k));
}

const LEADING_COLUMNS = ['urn', 'provider', 'owner', 'local_authority', 'kind', 'inspection_start', 'inspection_end', 'overall'];
const TRAILING_COLUMNS = ['interim_outcome', 'published', 'file_id', 'pdf_url'];

/** The header record. */
export function csvHeader(keys: readonly string[]): string {
  return csvRow([...LEADING_COLUMNS, ...keys.map((k) => `judgement:${k}`), ...TRAILING_COLUMNS]);
}

/** One record per inspection, providers in the order given; judgements under `keys`' columns. */
export function csvRecords(keys: readonly string[], providers: readonly ProviderHistory[]): string {
  const out: string[] = [];
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

/** A whole CSV of a few providers at hand: a header for the kinds they hold, then their records. */
export function historyCsv(providers: readonly ProviderHistory[]): string {
  const keys = judgementColumns(providers.flatMap((p) => p.history.map((h) => h.kind)));
  return csvHeader(keys) + csvRecords(keys, providers);
}

/**
 * The CSV as chunks, one per batch of providers, for a streamed response: the header first, then each
 * batch as the store gives it, so no export is ever one string in memory.
 */
export async function* historyCsvChunks(keys: readonly string[], batches: AsyncIterable<readonly ProviderHistory[]>): AsyncGenerator<string> {
  yield csvHeader(keys);
  for await (const batch of batches) {
    const text = csvRecords(keys, batch);
    if (text) yield text;
    // SQLite answers synchronously, so awaiting it never leaves the microtask queue, and a fast client
    // never makes the socket push back: without this turn, a whole export would hold the event loop.
    await nextTurn();
  }
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
