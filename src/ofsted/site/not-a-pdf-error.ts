import { DamagedDownloadError } from './damaged-download-error.js';

/**
 * A report URL answered with something other than a PDF (often an HTML error page served with 200): damage
 * on the way, tried again later. Exit 2 when a command meets it directly.
 */
export class NotAPdfError extends DamagedDownloadError {
  override readonly exitCode: number = 2;
}
