import { OfstedMonitorError } from '../../errors.js';

/** A report file is gone from files.ofsted.gov.uk (404/410). Exit 3, like a missing provider: never retried. */
export class ReportNotFoundError extends OfstedMonitorError {
  override readonly exitCode = 3;
}
