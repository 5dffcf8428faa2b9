import { OfstedMonitorError } from '../../errors.js';

/** A report URL answered with something other than a PDF (often an HTML error page served with 200). Exit 2. */
export class NotAPdfError extends OfstedMonitorError {
  override readonly exitCode = 2;
}
