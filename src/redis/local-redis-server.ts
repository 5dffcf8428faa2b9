import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { OfstedMonitorError } from '../errors.js';
import { redisAnswers } from './redis-connection.js';

export interface LocalRedisOptions {
  /** Port on 127.0.0.1. @defaultValue 6379 */
  port?: number;
  /** Data directory (AOF and dump), created if missing. @defaultValue ./data/redis */
  dir?: string;
  /** The redis-server binary; looked up on PATH when not given. */
  binary?: string;
  /** How long to wait for it to answer PING, ms. @defaultValue 10000 */
  startTimeoutMs?: number;
}

/** Find an executable on PATH (like `command -v`); null when there is none. */
export function findOnPath(name: string, path: string = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * A `redis-server` child for running the daemon on one machine without installing a service: bound to
 * 127.0.0.1, AOF on and no eviction (BullMQ must never lose keys), stopped with the daemon.
 */
export class LocalRedisServer {
  readonly url: string;
  readonly #child: ChildProcess;
  #exited: Promise<void>;
  #output = '';

  private constructor(child: ChildProcess, port: number) {
    this.#child = child;
    this.url = `redis://127.0.0.1:${port}`;
    this.#exited = new Promise((done) => child.once('exit', () => done()));
    // Keep the tail of its log: it says why a start failed (port taken, bad dir).
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString()).slice(-2_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Start redis-server and wait until it answers; throws with its last log lines if it does not. */
  static async start(options: LocalRedisOptions = {}): Promise<LocalRedisServer> {
    const port = options.port ?? 6379;
    const dir = resolve(options.dir ?? join('data', 'redis'));
    const binary = options.binary ?? findOnPath('redis-server');
    if (!binary) throw new OfstedMonitorError(REDIS_MISSING_HINT);
    mkdirSync(dir, { recursive: true });
    const child = spawn(
      binary,
      [
        '--port', String(port),
        '--bind', '127.0.0.1',
        '--dir', dir,
        '--appendonly', 'yes',
        '--maxmemory-policy', 'noeviction',
        '--daemonize', 'no',
        '--protected-mode', 'yes',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const server = new LocalRedisServer(child, port);
    const failed = new Promise<'exited'>((done) => {
      child.once('error', () => done('exited'));
      child.once('exit', () => done('exited'));
    });
    const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
    while (Date.now() < deadline) {
      const outcome = await Promise.race([failed, delay(100).then(() => 'waiting' as const)]);
      if (outcome === 'exited') break;
      if (await redisAnswers(server.url, 500)) return server;
    }
    await server.stop();
    const tail = server.#output.trim().split('\n').at(-1) ?? '';
    throw new OfstedMonitorError(`could not start redis-server on 127.0.0.1:${port}${tail ? `: ${tail}` : ''}`);
  }

  /** SIGTERM (Redis flushes its AOF and exits), then SIGKILL if it takes over `timeoutMs`. */
  async stop(timeoutMs = 5_000): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#child.kill('SIGTERM');
    const stopped = await Promise.race([this.#exited.then(() => true), delay(timeoutMs).then(() => false)]);
    if (!stopped) {
      this.#child.kill('SIGKILL');
      await this.#exited;
    }
  }
}

/** The one line `daemon` prints when it needs Redis and cannot start one. */
export const REDIS_MISSING_HINT =
  'the daemon needs Redis: nothing answers on 127.0.0.1:6379 and redis-server is not installed ' +
  '(apt-get install redis-server, or set REDIS_URL=redis://host:port)';
