import { availableParallelism } from 'node:os';
import { OfstedMonitorError, UnreadableReportError } from '../../../errors.js';
import { resolveLimits, type ExtractorLimits, type ExtractorOptions } from './extractor-limits.js';
import { crashMessage, memoryMessage, timeoutMessage } from './limit-messages.js';
import { checkPdfBytes } from './pdf-precheck.js';
import type { PdfParseTask } from './pdf-parse-child.js';
import { ProcessPool, siblingModule, type ProcessPoolStats } from './process-pool.js';
import type { TextExtractor } from './text-extractor.js';
import { WorkerTaskError } from './worker-task-error.js';

/**
 * Address space a Node child reserves without using it, MB: a 512 MB code range, thread stacks and malloc
 * arenas come to ~0.85 GB before the first report (measured on Node 20, x64). A child's address-space cap
 * is this plus maxMemoryMb, so maxMemoryMb is what a PDF can actually make it use.
 */
export const NODE_RESERVED_MB = 1024;

export interface PdfParseExtractorOptions extends ExtractorOptions {
  /** Child processes kept for reuse. @defaultValue 2, or fewer on a machine with fewer CPUs */
  poolSize?: number;
  /** Reports one child reads before it is replaced. @defaultValue 200 */
  maxTasksPerWorker?: number;
}

/**
 * Text of each page via pdf-parse (pdf.js), run in a small pool of child processes, each with a heap cap of
 * maxMemoryMb, an address-space cap of maxMemoryMb + NODE_RESERVED_MB (which also bounds the buffers a
 * stream inflates into), and a per-report timeout that kills it: pure JavaScript, so it works where poppler
 * is not installed.
 */
export class PdfParseExtractor implements TextExtractor {
  readonly name = 'pdf-parse';
  readonly limits: Readonly<ExtractorLimits>;
  readonly #pool: ProcessPool<PdfParseTask, string[]>;

  constructor(options: PdfParseExtractorOptions = {}) {
    const { poolSize, maxTasksPerWorker, ...limits } = options;
    this.limits = resolveLimits(limits);
    this.#pool = new ProcessPool({
      entry: siblingModule('pdf-parse-child', import.meta.url),
      size: poolSize ?? Math.min(2, availableParallelism()),
      timeoutMs: this.limits.timeoutMs,
      maxHeapMb: this.limits.maxMemoryMb,
      maxAddressSpaceMb: this.limits.maxMemoryMb + NODE_RESERVED_MB,
      maxTasksPerWorker: maxTasksPerWorker ?? 200,
    });
  }

  /** Children started and stopped, reports read, their peak memory: shows reuse, and that the caps held. */
  get stats(): Readonly<ProcessPoolStats> {
    return this.#pool.stats;
  }

  async extract(pdf: Uint8Array): Promise<string[]> {
    checkPdfBytes(pdf, this.limits);
    try {
      // Serialised onto the channel: the caller keeps its bytes intact.
      return await this.#pool.run({ pdf, maxPages: this.limits.maxPages });
    } catch (err) {
      throw this.#toUnreadable(err);
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  #toUnreadable(err: unknown): Error {
    if (!(err instanceof WorkerTaskError)) return err instanceof Error ? err : new Error(String(err));
    switch (err.reason) {
      case 'failed':
        return new UnreadableReportError(err.message);
      case 'timeout':
        return new UnreadableReportError(timeoutMessage(this.limits.timeoutMs));
      case 'out-of-memory':
        return new UnreadableReportError(memoryMessage(this.limits.maxMemoryMb));
      case 'crashed':
        return new UnreadableReportError(crashMessage(err.message));
      case 'closed':
        // Shutting down is not the report's fault: no UnreadableReportError (that would mark it unreadable).
        return new OfstedMonitorError('the PDF was not read: the extractor was closed');
    }
  }
}
