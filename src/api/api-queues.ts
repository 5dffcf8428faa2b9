import type { Queue } from 'bullmq';

/**
 * The BullMQ queues the API reads and writes: `provider` takes manual re-scrapes, all four are counted
 * on /metrics and shown on Bull Board, and job ids are looked up in them (see workers/queues.ts).
 */
export interface ApiQueues {
  sweep: Queue;
  provider: Queue;
  report: Queue;
  notify: Queue;
}

/** Every queue once, in the order the board lists them (the order work flows through). */
export function allQueues(queues: ApiQueues): Queue[] {
  return [queues.sweep, queues.provider, queues.report, queues.notify];
}
