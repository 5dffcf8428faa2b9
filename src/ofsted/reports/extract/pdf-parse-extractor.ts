import { availableParallelism } from 'node:os';
import { OfstedMonitorError, UnreadableReportError } from '../../../errors.js';
import { resolveLimits, type ExtractorLimits, type ExtractorOptions } from './extractor-limits.js';
import { crashMessage, memoryMessage, timeoutMessage } from './limit-messages.js';
import { checkPdfBytes } from './pdf-precheck.js';
import type { PdfParseTask } from './pdf-parse-worker.js';
import { siblingModule } from './start-worker.js';
import type { TextExtractor } from './text-extractor.js';
import { WorkerPool, type WorkerPoolStats } from './worker-pool.js';
import { WorkerTaskError } from './worker-task-error.js';

export interface PdfParseExtractorOptions extends ExtractorOptions {
  /** Worker threads kept for reuse. @defaultValue 2, or fewer on a machine with fewer CPUs */
  poolSize?: number;
  /** Reports one worker reads before it is replaced. @defaultValue 200 */
  maxTasksPerWorker?: number;
}

/**
 * Text of each page via pdf-parse (pdf.js), run in a small pool of worker threads, each with a heap cap
 * and a per-report timeout that terminates it: pure JavaScript, so it works where poppler is not installed.
 */
export class PdfParseExtractor implements TextExtractor {
  readonly name = 'pdf-parse';
  readonly limits: Readonly<ExtractorLimits>;
  readonly #pool: WorkerPool<PdfParseTask, string[]>;

  constructor(options: PdfParseExtractorOptions = {}) {
    const { poolSize, maxTasksPerWorker, ...limits } = options;
    this.limits = resolveLimits(limits);
    this.#pool = new WorkerPool({
      entry: siblingModule('pdf-parse-worker', import.meta.url),
      size: poolSize ?? Math.min(2, availableParallelism()),
      timeoutMs: this.limits.timeoutMs,
      maxHeapMb: this.limits.maxMemoryMb,
      maxTasksPerWorker: maxTasksPerWorker ?? 200,
    });
  }

  /** Workers started and stopped, reports read: shows reuse (and what a timeout cost). */
  get stats(): Readonly<WorkerPoolStats> {
    return this.#pool.stats;
  }

  async extract(pdf: Uint8Array): Promise<string[]> {
    checkPdfBytes(pdf, this.limits);
    // A copy is moved to the worker, not cloned, and the caller keeps its bytes.
    const copy = new Uint8Array(pdf);
    try {
      return await this.#pool.run({ pdf: copy, maxPages: this.limits.maxPages }, [copy.buffer]);
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
