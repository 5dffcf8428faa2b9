/**
 * The daemon is stopping: the job is handed back to the queue unfinished (nothing was stored), for
 * this or another daemon to run. Not an OfstedMonitorError, so the scrape steps pass it through.
 */
export class ReleaseJobError extends Error {
  constructor(reason = 'the daemon is stopping') {
    super(`job released: ${reason}`);
    this.name = 'ReleaseJobError';
  }
}
