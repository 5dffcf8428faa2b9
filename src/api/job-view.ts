import type { Job, Queue } from 'bullmq';

/** What GET /api/jobs/<id> answers: a job's state and outcome, with ISO timestamps. */
export interface JobView {
  id: string;
  queue: string;
  name: string;
  state: string;
  progress: unknown;
  data: unknown;
  attemptsMade: number;
  /** The processor's result once completed; null before. */
  returnvalue: unknown;
  /** Why the last attempt failed; null when none has. */
  failedReason: string | null;
  createdAt: string | null;
  processedAt: string | null;
  finishedAt: string | null;
}

/** The first job with this id in these queues (ids are unique across them by construction), or null. */
export async function findJob(queues: readonly Queue[], id: string): Promise<JobView | null> {
  for (const queue of queues) {
    const job = await queue.getJob(id);
    if (job) return viewJob(queue.name, job, await job.getState());
  }
  return null;
}

export function viewJob(queueName: string, job: Job, state: string): JobView {
  return {
    id: job.id ?? '',
    queue: queueName,
    name: job.name,
    state,
    progress: job.progress ?? null,
    data: job.data ?? null,
    attemptsMade: job.attemptsMade,
    returnvalue: job.returnvalue ?? null,
    failedReason: job.failedReason || null,
    createdAt: iso(job.timestamp),
    processedAt: iso(job.processedOn),
    finishedAt: iso(job.finishedOn),
  };
}

function iso(ms: number | undefined): string | null {
  return ms ? new Date(ms).toISOString() : null;
}
