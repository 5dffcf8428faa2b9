import { spawn, type ChildProcess } from 'node:child_process';
import { OfstedMonitorError, UnreadableReportError } from '../../../errors.js';
import { cappedCommand } from './capped-command.js';
import { resolveLimits, type ExtractorLimits, type ExtractorOptions } from './extractor-limits.js';
import { checkPdfBytes } from './pdf-precheck.js';
import { pdftotextFailure } from './pdftotext-failure.js';
import type { TextExtractor } from './text-extractor.js';

export interface PdftotextExtractorOptions extends ExtractorOptions {
  /** The pdftotext executable. @defaultValue 'pdftotext' (found on PATH) */
  command?: string;
}

/** More text than this is no Ofsted report (200 dense pages come to ~2 MB); stop reading rather than buffer it. */
const MAX_TEXT_BYTES = 16 * 1024 * 1024;
/** Poppler can print a syntax error per damaged byte; keep only the tail, where the verdict is. */
const MAX_STDERR_CHARS = 16 * 1024;

/**
 * Text of each page via poppler's pdftotext (plain reading order, UTF-8), run as a child process with the
 * PDF on stdin, a wall-clock timeout, an address-space cap and a page cap, so a hostile PDF costs at most
 * the limits and never this process.
 */
export class PdftotextExtractor implements TextExtractor {
  readonly name = 'pdftotext';
  readonly limits: Readonly<ExtractorLimits>;
  readonly #command: string;
  readonly #running = new Set<ChildProcess>();

  constructor(options: PdftotextExtractorOptions = {}) {
    const { command, ...limits } = options;
    this.limits = resolveLimits(limits);
    this.#command = command ?? 'pdftotext';
  }

  async extract(pdf: Uint8Array): Promise<string[]> {
    checkPdfBytes(pdf, this.limits);
    const text = await this.#run(pdf);
    const pages = text.split('\f');
    // pdftotext ends every page with a form feed, so the last piece is empty.
    if (pages.length > 0 && pages.at(-1) === '') pages.pop();
    if (pages.length > this.limits.maxPages) {
      throw new UnreadableReportError(`the PDF has more than ${this.limits.maxPages} pages; an Ofsted report has far fewer`);
    }
    return pages;
  }

  async close(): Promise<void> {
    for (const child of this.#running) child.kill('SIGKILL');
    this.#running.clear();
  }

  #run(pdf: Uint8Array): Promise<string> {
    const { timeoutMs, maxMemoryMb, maxPages } = this.limits;
    // One page beyond the cap tells "too long" apart from "exactly at the cap" without reading the rest.
    const args = ['-enc', 'UTF-8', '-l', String(maxPages + 1), '-', '-'];
    const [sh, shArgs] = cappedCommand(maxMemoryMb, this.#command, args);
    const child = spawn(sh, shArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#running.add(child);

    return new Promise<string>((resolve, reject) => {
      const out: Buffer[] = [];
      let outBytes = 0;
      let stderr = '';
      let timedOut = false;
      let outputTooLarge = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);

      child.stdout!.on('data', (chunk: Buffer) => {
        outBytes += chunk.length;
        if (outBytes > MAX_TEXT_BYTES) {
          outputTooLarge = true;
          child.kill('SIGKILL');
          return;
        }
        out.push(chunk);
      });
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.length > 2 * MAX_STDERR_CHARS) stderr = stderr.slice(-MAX_STDERR_CHARS);
      });
      // pdftotext may give up before reading all of stdin: the broken pipe is expected, its verdict is on stderr.
      child.stdin!.on('error', () => undefined);
      child.on('error', (err) => {
        clearTimeout(timer);
        this.#running.delete(child);
        reject(new OfstedMonitorError(`pdftotext could not start (${err.message})`, { cause: err }));
      });
      child.on('close', (exitCode, signal) => {
        clearTimeout(timer);
        this.#running.delete(child);
        const failure = pdftotextFailure({ exitCode, signal, stderr, timedOut, outputTooLarge }, this.limits);
        if (failure) reject(failure);
        else resolve(Buffer.concat(out).toString('utf8'));
      });
      child.stdin!.end(pdf);
    });
  }
}
