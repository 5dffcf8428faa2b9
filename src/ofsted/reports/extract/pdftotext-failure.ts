import { OfstedMonitorError, UnreadableReportError } from '../../../errors.js';
import { crashMessage, memoryMessage, timeoutMessage } from './limit-messages.js';

/** How a pdftotext run ended, as the extractor saw it. */
export interface PdftotextOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** The extractor killed it for running past its time limit. */
  timedOut: boolean;
  /** The extractor killed it for printing more text than any report holds. */
  outputTooLarge: boolean;
}

/**
 * One clear line for a pdftotext run that failed, read from how it ended. Poppler exits 1 for a document it
 * cannot open and explains why on stderr; it aborts (SIGABRT, "std::bad_alloc") when the memory cap bites.
 * Returns null when the run succeeded; an OfstedMonitorError (not the PDF's fault) when pdftotext could not start.
 */
export function pdftotextFailure(
  outcome: PdftotextOutcome,
  limits: { timeoutMs: number; maxMemoryMb: number },
): OfstedMonitorError | null {
  const { exitCode, signal, stderr } = outcome;
  if (outcome.timedOut) return new UnreadableReportError(timeoutMessage(limits.timeoutMs));
  if (outcome.outputTooLarge) return new UnreadableReportError('the PDF holds far more text than an Ofsted report');
  if (exitCode === 0 && signal === null) return null;
  if (/bad_alloc|out of memory|cannot allocate/i.test(stderr)) {
    return new UnreadableReportError(memoryMessage(limits.maxMemoryMb));
  }
  if (/incorrect password/i.test(stderr)) return new UnreadableReportError('the PDF is password-protected');
  if (/may not be a pdf file/i.test(stderr) && /couldn't read xref|couldn't find trailer|document stream is empty/i.test(stderr)) {
    return new UnreadableReportError('the file is not a PDF');
  }
  if (/xref|trailer|document stream is empty/i.test(stderr)) {
    return new UnreadableReportError('the PDF is damaged or truncated and cannot be read');
  }
  if (signal) return new UnreadableReportError(crashMessage(signal));
  if (exitCode === 127 || /error while loading shared libraries/i.test(stderr)) {
    return new OfstedMonitorError(`pdftotext could not start (${reasonLine(stderr) || `exit ${exitCode}`})`);
  }
  return new UnreadableReportError(`the PDF cannot be read (pdftotext exit ${exitCode}${reasonLine(stderr) ? `: ${reasonLine(stderr)}` : ''})`);
}

/** Last meaningful stderr line, trimmed and bounded (poppler repeats "Syntax Error" lines before the real reason). */
function reasonLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.at(-1) ?? '').slice(0, 160);
}
