import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OfstedMonitorError, UnreadableReportError } from '../../../../src/errors.js';
import { pdftotextFailure, type PdftotextOutcome } from '../../../../src/ofsted/reports/extract/pdftotext-failure.js';

const LIMITS = { timeoutMs: 20_000, maxMemoryMb: 512 };
const ended = (o: Partial<PdftotextOutcome>): PdftotextOutcome => ({ exitCode: 1, signal: null, stderr: '', timedOut: false, outputTooLarge: false, ...o });

// stderr texts as poppler 22 prints them.
describe('pdftotextFailure', () => {
  const says = (o: Partial<PdftotextOutcome>, message: string) => {
    const err = pdftotextFailure(ended(o), LIMITS);
    assert.ok(err instanceof UnreadableReportError, String(err));
    assert.equal(err.message, message);
  };

  it('is null for a clean exit, whatever poppler grumbled', () => {
    assert.equal(pdftotextFailure(ended({ exitCode: 0, stderr: "Syntax Error: Couldn't read xref table\n" }), LIMITS), null);
  });
  it('reads "Incorrect password" as password-protected', () => says({ stderr: 'Command Line Error: Incorrect password\n' }, 'the PDF is password-protected'));
  it('reads a broken xref as damaged', () =>
    says({ stderr: "Syntax Error: Couldn't find trailer dictionary\nSyntax Error: Couldn't read xref table\n" }, 'the PDF is damaged or truncated and cannot be read'));
  it('reads "May not be a PDF file" with no xref as not a PDF', () =>
    says({ stderr: "Syntax Warning: May not be a PDF file (continuing anyway)\nSyntax Error: Couldn't read xref table\n" }, 'the file is not a PDF'));
  it('reads an abort with bad_alloc as the memory cap', () =>
    says({ exitCode: null, signal: 'SIGABRT', stderr: "terminate called after throwing an instance of 'std::bad_alloc'\n" }, 'reading the PDF needed more than 512 MB of memory; it may be damaged or hostile'));
  it('reads another signal as a crash', () => says({ exitCode: null, signal: 'SIGSEGV' }, 'the PDF reader crashed on this file (SIGSEGV); it may be damaged'));
  it('puts the timeout before anything pdftotext said', () =>
    says({ exitCode: null, signal: 'SIGKILL', timedOut: true, stderr: 'Incorrect password' }, 'reading the PDF took longer than 20 s; it may be damaged or built to be slow'));
  it('refuses a flood of text', () => says({ exitCode: null, signal: 'SIGKILL', outputTooLarge: true }, 'the PDF holds far more text than an Ofsted report'));
  it('keeps an unknown failure to one bounded line', () => {
    const err = pdftotextFailure(ended({ exitCode: 99, stderr: `first\n${'x'.repeat(500)}\n` }), LIMITS)!;
    assert.ok(err instanceof UnreadableReportError);
    assert.doesNotMatch(err.message, /\n/);
    assert.ok(err.message.length < 220, err.message);
  });
  it('blames the installation, not the PDF, when pdftotext cannot start', () => {
    const err = pdftotextFailure(ended({ exitCode: 127, stderr: 'sh: 1: exec: pdftotext: not found\n' }), LIMITS)!;
    assert.ok(err instanceof OfstedMonitorError && !(err instanceof UnreadableReportError));
    assert.equal(err.message, 'pdftotext could not start (sh: 1: exec: pdftotext: not found)');
  });
});
