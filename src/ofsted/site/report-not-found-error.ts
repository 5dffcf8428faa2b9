import { DamagedDownloadError } from './damaged-download-error.js';

/**
 * A report file the provider page lists is not on files.ofsted.gov.uk (404/410). Not retried within the
 * request; the monitor tries it again on a later scrape, since the page still lists it (the files host can
 * lag the page). Exit 3, like a missing provider.
 */
export class ReportNotFoundError extends DamagedDownloadError {
  override readonly exitCode: number = 3;
}
