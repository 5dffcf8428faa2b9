import { OfstedMonitorError } from '../../errors.js';

/**
 * What came back for a report is not the report Ofsted publishes: an HTML page where the PDF should be, a
 * PDF cut short, nothing at all. A fault of the delivery, never a verdict on the report: what happens next
 * is that the monitor tries it again later (see src/monitor/report-retry.ts). Exit 4, like Ofsted being
 * unavailable.
 */
export class DamagedDownloadError extends OfstedMonitorError {
  override readonly exitCode: number = 4;
}
