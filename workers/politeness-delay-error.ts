/**
 * Ofsted's request budget is spent for longer than a job should sit holding a worker slot (usually
 * because Ofsted answered 429/503 with a long Retry-After): the job goes back to its queue and the queue
 * pauses for `waitMs`. Not an OfstedMonitorError, so the scrape steps pass it through untouched.
 */
export class PolitenessDelayError extends Error {
  constructor(readonly waitMs: number) {
    super(`Ofsted's request budget is spent for the next ${Math.ceil(waitMs / 1000)} s`);
    this.name = 'PolitenessDelayError';
  }
}
