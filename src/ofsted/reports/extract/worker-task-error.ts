/** Why a WorkerPool task did not produce a value. */
export type WorkerTaskFailure = 'timeout' | 'out-of-memory' | 'crashed' | 'failed' | 'closed';

/** A task that a pooled worker could not finish; `reason` says whether the worker was to blame or the input. */
export class WorkerTaskError extends Error {
  constructor(
    readonly reason: WorkerTaskFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerTaskError';
  }
}
