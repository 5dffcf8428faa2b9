import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/cli.js';
import { reapOnExit } from '../../helpers/reap-children.js';
import { waitFor } from './wait-for.js';

const CLI = join(REPO_ROOT, 'bin', 'ofsted-monitor.js');

export interface LogLine {
  msg?: string;
  level?: number;
  [key: string]: unknown;
}

/** The compiled `ofsted-monitor daemon` as a child process, with its JSON log lines collected. */
export class DaemonProcess {
  readonly logs: LogLine[] = [];
  /** stderr lines that are not JSON (a crash trace, a one-line CLI error). */
  readonly text: string[] = [];
  readonly #child: ChildProcess;
  readonly #exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;

  private constructor(child: ChildProcess) {
    this.#child = child;
    this.#exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
    let buffer = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          this.text.push(line);
        }
      }
    });
    child.stdout?.resume();
  }

  /** Start a daemon with exactly this environment (plus PATH and HOME). */
  static start(env: Record<string, string>, args: string[] = [], cwd: string = REPO_ROOT): DaemonProcess {
    const child = spawn(process.execPath, [CLI, 'daemon', ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new DaemonProcess(reapOnExit(child));
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get exited(): boolean {
    return this.#child.exitCode !== null || this.#child.signalCode !== null;
  }

  /** Wait for a log line matching `match`; fails early if the daemon exits. */
  async waitForLog(what: string, match: (line: LogLine) => boolean, timeoutMs: number): Promise<LogLine> {
    return waitFor(
      `daemon log: ${what}`,
      () => {
        const found = this.logs.find(match);
        if (found) return found;
        if (this.exited) throw new Error(`daemon exited first; stderr: ${this.text.join(' | ')}`);
        return null;
      },
      timeoutMs,
      50,
    );
  }

  started(timeoutMs = 20_000): Promise<LogLine> {
    return this.waitForLog('daemon started', (l) => l.msg === 'daemon started', timeoutMs);
  }

  /** Send `signal` and wait for the exit; returns the exit code and how long it took. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const sent = Date.now();
    if (!this.exited) this.#child.kill(signal);
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), timeoutMs);
    const exit = await this.#exit;
    clearTimeout(timer);
    return { code: exit.code, signal: exit.signal, ms: exit.at - sent };
  }

  /** Wait for the daemon to exit by itself (e.g. a start-up error). */
  async exit(timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), timeoutMs);
    const exit = await this.#exit;
    clearTimeout(timer);
    return { code: exit.code, signal: exit.signal };
  }

  /** kill -9: no shutdown code runs, locks stay in Redis until they expire. */
  async kill9(): Promise<void> {
    this.#child.kill('SIGKILL');
    // The child is unref'd (reapOnExit): a timer keeps this process up until its exit arrives.
    const keepAlive = setTimeout(() => undefined, 30_000);
    await this.#exit;
    clearTimeout(keepAlive);
  }
}
