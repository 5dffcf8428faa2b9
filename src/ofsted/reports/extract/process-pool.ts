import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cappedCommand } from './capped-command.js';
import { childExitReason } from './child-exit.js';
import { WorkerTaskError } from './worker-task-error.js';

export interface ProcessPoolOptions {
  /**
   * Module each child runs. It sends `{ ready: true }` once loaded, then answers each `{ id, input }` message
   * with `{ id, ok: true, value }` or `{ id, ok: false, message, outOfMemory? }`, adding `peakRssKb` (its
   * process.resourceUsage().maxRSS).
   */
  entry: URL;
  /** Most children alive at once. */
  size: number;
  /**
   * Wall-clock time one task may take, ms, counted from when a started child takes it (starting a child is
   * bounded on its own); then the child is killed.
   */
  timeoutMs: number;
  /** V8 old-generation heap of each child, MB (`--max-old-space-size`). */
  maxHeapMb: number;
  /** Address space of each child, MB (`ulimit -v`): bounds what the heap cap does not, such as ArrayBuffers. */
  maxAddressSpaceMb: number;
  /** Tasks one child runs before it is replaced, so caches and fragmentation cannot grow without end. */
  maxTasksPerWorker: number;
}

export interface ProcessPoolStats {
  workersStarted: number;
  workersStopped: number;
  tasksRun: number;
  /** Largest peak resident set a child reported with an answer, KB (0 before any). */
  peakChildRssKb: number;
}

type Reply<T> = { id: number; peakRssKb?: number } & ({ ok: true; value: T } | { ok: false; message: string; outOfMemory?: boolean });
type ChildMessage<T> = { ready: true } | Reply<T>;

interface Task<TIn, TOut> {
  id: number;
  input: TIn;
  resolve: (value: TOut) => void;
  reject: (err: WorkerTaskError) => void;
  timer?: NodeJS.Timeout;
}

interface Slot<TIn, TOut> {
  child: ChildProcess;
  task: Task<TIn, TOut> | null;
  /** It has loaded its module and said so: the task's clock runs from here. */
  ready: boolean;
  tasksRun: number;
  retired: boolean;
  exited: Promise<void>;
}

/** Address space the loader thread of tsx reserves, MB (compiled code runs without it). */
const TSX_LOADER_RESERVED_MB = 512;

/**
 * Time a child may take to start and load its module, ms: ~0.3 s compiled, a few seconds under tsx on a busy
 * machine. Kept apart from the task's time, so a report's limit is spent on the report.
 */
const START_TIMEOUT_MS = 60_000;

/** Kept of a child's stderr: enough for the line that says why it died. */
const MAX_STDERR_CHARS = 8 * 1024;

/**
 * A small pool of Node child processes reused across tasks, each under a heap cap and an address-space cap:
 * a thread shares its process's memory, so a worker thread's heap cap leaves buffers outside the heap
 * unbounded (a PDF whose stream inflates to a gigabyte), while a process's address space bounds everything
 * it allocates. Starting a child and loading pdf.js costs far more than one report, so children stay,
 * unref'd while idle (an idle pool never keeps this process alive). A child that times out, runs out of
 * memory or crashes is killed and replaced on demand; its task fails, the others go on.
 */
export class ProcessPool<TIn, TOut> {
  readonly #options: ProcessPoolOptions;
  readonly #slots: Slot<TIn, TOut>[] = [];
  readonly #queue: Task<TIn, TOut>[] = [];
  readonly #stats: ProcessPoolStats = { workersStarted: 0, workersStopped: 0, tasksRun: 0, peakChildRssKb: 0 };
  #nextId = 1;
  #closed = false;

  constructor(options: ProcessPoolOptions) {
    this.#options = { ...options, size: Math.max(1, Math.floor(options.size)) };
  }

  get stats(): Readonly<ProcessPoolStats> {
    return { ...this.#stats };
  }

  run(input: TIn): Promise<TOut> {
    if (this.#closed) return Promise.reject(new WorkerTaskError('closed', 'the worker pool is closed'));
    return new Promise<TOut>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, input, resolve, reject });
      this.#pump();
    });
  }

  /** Kill every child; queued and running tasks fail with reason 'closed'. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(new WorkerTaskError('closed', 'the worker pool is closed'));
    const stopping = [...this.#slots].map((slot) => {
      const task = slot.task;
      slot.task = null;
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
    setRef(slot.child, true);
    if (slot.ready) this.#send(slot, task);
  }

  #send(slot: Slot<TIn, TOut>, task: Task<TIn, TOut>): void {
    task.timer = setTimeout(() => {
      if (slot.task !== task) return;
      slot.task = null;
      void this.#retire(slot);
      task.reject(new WorkerTaskError('timeout', `task took longer than ${this.#options.timeoutMs} ms`));
      this.#pump();
    }, this.#options.timeoutMs);
    // A child that died meanwhile fails the send; its 'close' handler fails the task.
    slot.child.send({ id: task.id, input: task.input }, (err) => void err);
  }

  #start(): Slot<TIn, TOut> {
    const { entry, maxHeapMb, maxAddressSpaceMb } = this.#options;
    const viaTsx = entry.pathname.endsWith('.ts');
    const nodeArgs = [
      // Inline bounds checks instead of the trap handler's 10 GB reservation per WebAssembly memory, which no
      // address-space cap would allow (Node's own module lexer and tsx use WebAssembly).
      '--disable-wasm-trap-handler',
      `--max-old-space-size=${maxHeapMb}`,
      ...(viaTsx ? ['--import', import.meta.resolve('tsx')] : []),
      fileURLToPath(entry),
    ];
    // tsx's loader runs on a thread of its own, a second V8 isolate with its own code range: the cap grows by
    // that much, so a child under tsx (the tests) has the same room for the PDF as a compiled one.
    const cap = maxAddressSpaceMb + (viaTsx ? TSX_LOADER_RESERVED_MB : 0);
    const [command, args] = cappedCommand(cap, process.execPath, nodeArgs);
    // Structured clone over the channel: the PDF's bytes travel as bytes, not as JSON numbers.
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.length > 2 * MAX_STDERR_CHARS) stderr = stderr.slice(-MAX_STDERR_CHARS);
    });
    // The busy child's process handle and channel keep this process alive; its stderr pipe never needs to.
    (child.stderr as unknown as { unref?: () => void }).unref?.();
    const exited = new Promise<void>((resolve) => {
      child.once('close', () => resolve());
      child.once('error', () => resolve());
    });
    const slot: Slot<TIn, TOut> = { child, task: null, ready: false, tasksRun: 0, retired: false, exited };
    this.#stats.workersStarted++;
    const startTimer = setTimeout(() => fail('crashed', `the child did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    startTimer.unref();

    child.on('message', (message: ChildMessage<TOut>) => {
      if ('ready' in message) {
        clearTimeout(startTimer);
        slot.ready = true;
        if (slot.task) this.#send(slot, slot.task);
        return;
      }
      const reply = message;
      const task = slot.task;
      if (!task || reply.id !== task.id) return;
      clearTimeout(task.timer);
      slot.task = null;
      slot.tasksRun++;
      this.#stats.tasksRun++;
      this.#stats.peakChildRssKb = Math.max(this.#stats.peakChildRssKb, reply.peakRssKb ?? 0);
      if (reply.ok) task.resolve(reply.value);
      else task.reject(new WorkerTaskError(reply.outOfMemory ? 'out-of-memory' : 'failed', reply.message));
      // A child that ran out of memory is left with a fragmented address space: start afresh.
      if (slot.tasksRun >= this.#options.maxTasksPerWorker || (!reply.ok && reply.outOfMemory)) void this.#retire(slot);
      else setRef(child, false);
      this.#pump();
    });
    const fail = (reason: 'out-of-memory' | 'crashed', message: string) => {
      clearTimeout(startTimer);
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
    child.on('error', (err) => fail('crashed', `could not start node (${err.message})`));
    // 'close' comes after stderr has been read to its end, where V8 and the allocator say why they gave up.
    child.on('close', (code, signal) => {
      const why = childExitReason({ code, signal, stderr });
      fail(why.reason, why.message);
    });

    this.#slots.push(slot);
    return slot;
  }

  async #retire(slot: Slot<TIn, TOut>): Promise<void> {
    if (slot.retired) return;
    slot.retired = true;
    const i = this.#slots.indexOf(slot);
    if (i !== -1) this.#slots.splice(i, 1);
    this.#stats.workersStopped++;
    // Ref'd until it is gone, so a caller awaiting close() is not cut short by an empty event loop.
    setRef(slot.child, true);
    slot.child.kill('SIGKILL');
    await slot.exited;
  }
}

/** Whether `child` (its process handle and its IPC channel) keeps this process alive. */
function setRef(child: ChildProcess, ref: boolean): void {
  if (ref) {
    child.ref();
    child.channel?.ref();
  } else {
    child.unref();
    child.channel?.unref();
  }
}

/** URL of a sibling module of `base` (an import.meta.url), with the extension the caller itself runs with. */
export function siblingModule(name: string, base: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
