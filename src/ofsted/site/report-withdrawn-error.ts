import { OfstedMonitorError } from '../../errors.js';

/**
 * Ofsted withdrew the report: its file URL answers the "We cannot publish" page instead of the PDF.
 * What happens next: the report is stored once, unread, with this reason (so it raises one scrape-failed
 * event and the operator hears of it), is never parsed and never fetched again, and so can move no
 * grade. A report Ofsted publishes again comes under a new file id and is read then. Exit 3, like a
 * report that is gone.
 */
export class ReportWithdrawnError extends OfstedMonitorError {
  override readonly exitCode = 3;
}
