import { UnrecoverableError, WaitingError, Worker, type Job, type Processor, type Queue } from 'bullmq';
import { BadInputError, ForbiddenHostError } from '../src/errors.js';
import type { Logger } from '../src/logger.js';
import { runWithJobLogger } from './job-context.js';
import { PolitenessDelayError } from './politeness-delay-error.js';
import { ReleaseJobError } from './release-job-error.js';

export type JobBody<D, R> = (job: Job<D, R>, token: string, signal: AbortSignal | undefined, log: Logger) => Promise<R>;

/**
 * Wrap a processor body: its log lines (and those of the shared site client) carry the job id, queue and
 * URN, and the errors that mean "not now" become BullMQ's ways of saying so, so they use up no attempt:
 * - PolitenessDelayError → the queue pauses for the wait (every worker of it, in every daemon) and the
 *   job goes back to waiting (BullMQ's manual rate limit);
 * - ReleaseJobError (shutdown) → the job goes back to waiting for another worker;
 * - a request off Ofsted's hosts or a malformed URN → UnrecoverableError (retrying cannot help).
 * Anything else fails the attempt, and BullMQ retries it with exponential backoff.
 */
export function jobProcessor<D extends object, R>(
  baseLogger: Logger,
  queue: () => Queue,
  body: JobBody<D, R>,
): Processor<D, R> {
  // Three declared parameters: BullMQ passes the cancellation signal only to processors that take it.
  return (job: Job<D, R>, token?: string, signal?: AbortSignal) => {
    const urn = (job.data as { urn?: unknown }).urn;
    const log = baseLogger.child({ jobId: job.id, queue: job.queueName, job: job.name, ...(typeof urn === 'string' ? { urn } : {}) });
    return runWithJobLogger(log, async () => {
      try {
        return await body(job, token ?? '', signal, log);
      } catch (err) {
        throw await translate(err, job, token, queue(), log);
      }
    });
  };
}

async function translate(err: unknown, job: Job, token: string | undefined, queue: Queue, log: Logger): Promise<unknown> {
  if (err instanceof PolitenessDelayError) {
    log.info({ waitMs: err.waitMs }, 'Ofsted request budget spent: pausing the queue and putting the job back');
    // queue.rateLimit is the non-deprecated form of worker.rateLimit: both set the queue's limiter key.
    await queue.rateLimit(err.waitMs);
    return Worker.RateLimitError();
  }
  if (err instanceof ReleaseJobError) {
    try {
      await job.moveToWait(token);
      log.info('released unfinished job back to the queue');
      return new WaitingError();
    } catch (moveErr) {
      // The lock is gone (e.g. Redis closing): the stalled-job check hands it to another worker.
      log.warn({ err: moveErr instanceof Error ? moveErr.message : String(moveErr) }, 'could not release job; it will be recovered as stalled');
      return err;
    }
  }
  if (err instanceof ForbiddenHostError || err instanceof BadInputError) {
    return new UnrecoverableError(err.message);
  }
  return err;
}
