import { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  NOTIFY_QUEUE,
  PROVIDER_QUEUE,
  REPORT_QUEUE,
  SWEEP_QUEUE,
  type NotifyJobData,
  type ProviderJobData,
  type RecordJobData,
  type ReportJobData,
  type SweepJobData,
} from './queues.js';

/** The four queues and the flow producer of one process, on one Redis connection. */
export interface DaemonQueues {
  sweep: Queue<SweepJobData>;
  /** Provider jobs and their record jobs. */
  provider: Queue<ProviderJobData | RecordJobData>;
  report: Queue<ReportJobData>;
  notify: Queue<NotifyJobData>;
  /** Adds a provider's record job together with its report jobs, atomically. */
  flow: FlowProducer;
  prefix: string;
  close(): Promise<void>;
}

/**
 * Open the queues under `prefix` (QUEUE_PREFIX). The connection is shared and stays open: BullMQ does
 * not close a connection it was given, and the caller closes it last.
 */
export function openQueues(connection: Redis, prefix: string): DaemonQueues {
  const opts = { connection, prefix };
  const queues = {
    sweep: new Queue<SweepJobData>(SWEEP_QUEUE, opts),
    provider: new Queue<ProviderJobData | RecordJobData>(PROVIDER_QUEUE, opts),
    report: new Queue<ReportJobData>(REPORT_QUEUE, opts),
    notify: new Queue<NotifyJobData>(NOTIFY_QUEUE, opts),
    flow: new FlowProducer(opts),
  };
  let closing: Promise<void> | undefined;
  return {
    ...queues,
    prefix,
    close() {
      closing ??= Promise.all([
        queues.sweep.close(),
        queues.provider.close(),
        queues.report.close(),
        queues.notify.close(),
        queues.flow.close(),
      ]).then(() => undefined);
      return closing;
    },
  };
}
