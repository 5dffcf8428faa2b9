/** Largest report PDF accepted by default: real Ofsted reports are 0.1-2 MB, so 25 MB leaves room without inviting abuse. */
export const DEFAULT_MAX_PDF_BYTES = 25 * 1024 * 1024;

/**
 * Bounds on reading one PDF. Every TextExtractor applies the same ones, so both refuse the same files and a
 * hostile PDF costs at most `timeoutMs` and `maxMemoryMb`.
 */
export interface ExtractorLimits {
  /** Largest PDF accepted, bytes. @defaultValue 26214400 (25 MB) */
  maxBytes: number;
  /** Most pages accepted; Ofsted reports run to 10-60. @defaultValue 200 */
  maxPages: number;
  /** Wall-clock time allowed for one PDF, ms. @defaultValue 20000 */
  timeoutMs: number;
  /**
   * Memory allowed for one PDF, MB: the address space of a pdftotext process; the heap of a pdf-parse child,
   * whose address space is capped at this plus what Node reserves for itself (NODE_RESERVED_MB).
   * @defaultValue 512
   */
  maxMemoryMb: number;
}

export const DEFAULT_EXTRACTOR_LIMITS: Readonly<ExtractorLimits> = Object.freeze({
  maxBytes: DEFAULT_MAX_PDF_BYTES,
  maxPages: 200,
  timeoutMs: 20_000,
  maxMemoryMb: 512,
});

/** Defaults filled in; undefined values in `partial` count as unset. */
export function resolveLimits(partial: Partial<ExtractorLimits> = {}): ExtractorLimits {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_EXTRACTOR_LIMITS, ...defined };
}

/** Options every TextExtractor takes: any limit left out keeps its default. */
export type ExtractorOptions = Partial<ExtractorLimits>;
