import type { TransferListItem, Worker } from 'node:worker_threads';
import { startWorker } from './start-worker.js';
import { WorkerTaskError } from './worker-task-error.js';

export interface WorkerPoolOptions {
  /** Module each worker runs; it answers `{ id, input }` with `{ id, ok: true, value }` or `{ id, ok: false, message }`. */
  entry: URL;
  /** Most workers alive at once. */
  size: number;
  /** Wall-clock time one task may take, counted from when a worker takes it, ms; then the worker is terminated. */
  timeoutMs: number;
  /** V8 old-generation heap of each worker, MB; a worker exceeding it is stopped by Node. */
  maxHeapMb: number;
  /** Tasks one worker runs before it is replaced, so caches and heap fragmentation cannot grow without end. */
  maxTasksPerWorker: number;
}

export interface WorkerPoolStats {
  workersStarted: number;
  workersStopped: number;
  tasksRun: number;
}

type Reply<T> = { id: number; ok: true; value: T } | { id: number; ok: false; message: string };

interface Task<TIn, TOut> {
  id: number;
  input: TIn;
  transfer: readonly TransferListItem[];
  resolve: (value: TOut) => void;
  reject: (err: WorkerTaskError) => void;
  timer?: NodeJS.Timeout;
}

interface Slot<TIn, TOut> {
  worker: Worker;
  task: Task<TIn, TOut> | null;
  tasksRun: number;
  retired: boolean;
}

/**
 * A small pool of worker threads reused across tasks: starting a worker and loading pdf.js costs far more than
 * one report, so workers stay, unref'd while idle (an idle pool never keeps the process alive). A worker that
 * times out, runs out of heap or crashes is terminated and replaced on demand; its task fails, the others go on.
 */
export class WorkerPool<TIn, TOut> {
  readonly #options: WorkerPoolOptions;
  readonly #slots: Slot<TIn, TOut>[] = [];
  readonly #queue: Task<TIn, TOut>[] = [];
  readonly #stats: WorkerPoolStats = { workersStarted: 0, workersStopped: 0, tasksRun: 0 };
  #nextId = 1;
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    this.#options = { ...options, size: Math.max(1, Math.floor(options.size)) };
  }

  get stats(): Readonly<WorkerPoolStats> {
    return { ...this.#stats };
  }

  run(input: TIn, transfer: readonly TransferListItem[] = []): Promise<TOut> {
    if (this.#closed) return Promise.reject(new WorkerTaskError('closed', 'the worker pool is closed'));
    return new Promise<TOut>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, input, transfer, resolve, reject });
      this.#pump();
    });
  }

  /** Terminate every worker; queued and running tasks fail with reason 'closed'. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(new WorkerTaskError('closed', 'the worker pool is closed'));
    const stopping = [...this.#slots].map((slot) => {
      const task = slot.task;
      if (task) {
        clearTimeout(task.timer);
        task.reject(new WorkerTaskError('closed', 'the worker pool is closed'));
      }
      return this.#retire(slot);
    });
    await Promise.all(stopping);
  }

  #pump(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      const slot = this.#slots.find((s) => s.task === null) ?? (this.#slots.length < this.#options.size ? this.#start() : undefined);
      if (!slot) return;
      this.#assign(slot, this.#queue.shift()!);
    }
  }

  #assign(slot: Slot<TIn, TOut>, task: Task<TIn, TOut>): void {
    slot.task = task;
    slot.worker.ref();
    task.timer = setTimeout(() => {
      if (slot.task !== task) return;
      slot.task = null;
      void this.#retire(slot);
      task.reject(new WorkerTaskError('timeout', `task took longer than ${this.#options.timeoutMs} ms`));
      this.#pump();
    }, this.#options.timeoutMs);
    slot.worker.postMessage({ id: task.id, input: task.input }, task.transfer);
  }

  #start(): Slot<TIn, TOut> {
    const worker = startWorker(this.#options.entry, { resourceLimits: { maxOldGenerationSizeMb: this.#options.maxHeapMb } });
    const slot: Slot<TIn, TOut> = { worker, task: null, tasksRun: 0, retired: false };
    this.#stats.workersStarted++;

    worker.on('message', (reply: Reply<TOut>) => {
      const task = slot.task;
      if (!task || reply.id !== task.id) return;
      clearTimeout(task.timer);
      slot.task = null;
      slot.tasksRun++;
      this.#stats.tasksRun++;
      if (reply.ok) task.resolve(reply.value);
      else task.reject(new WorkerTaskError('failed', reply.message));
      if (slot.tasksRun >= this.#options.maxTasksPerWorker) void this.#retire(slot);
      else worker.unref();
      this.#pump();
    });
    // 'error' is an uncaught exception or ERR_WORKER_OUT_OF_MEMORY; 'exit' without it is a worker that quit.
    const fail = (reason: 'out-of-memory' | 'crashed', message: string) => {
      if (slot.retired) return;
      const task = slot.task;
      slot.task = null;
      void this.#retire(slot);
      if (task) {
        clearTimeout(task.timer);
        task.reject(new WorkerTaskError(reason, message));
      }
      this.#pump();
    };
    worker.on('error', (err: Error & { code?: string }) => {
      fail(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crashed', err.message.split('\n')[0] ?? 'worker error');
    });
    worker.on('exit', (code) => fail('crashed', `worker exited with code ${code}`));

    this.#slots.push(slot);
    return slot;
  }

  async #retire(slot: Slot<TIn, TOut>): Promise<void> {
    if (slot.retired) return;
    slot.retired = true;
    const i = this.#slots.indexOf(slot);
    if (i !== -1) this.#slots.splice(i, 1);
    this.#stats.workersStopped++;
    await slot.worker.terminate().catch(() => undefined);
  }
}
