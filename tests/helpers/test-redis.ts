import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reapOnExit } from './reap-children.js';

export interface TestRedis {
  url: string;
  /** True when this process started the server (so a test may stop it). */
  owned: boolean;
  /** Stop the server if owned (idempotent) and remove its directory. */
  stop(): Promise<void>;
}

/** Whether a private redis-server can be started here. */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * REDIS_URL when CI provides one (tests then isolate themselves with a unique queue prefix), else a
 * private redis-server on a free port in a temp dir. `own: true` always starts a private one.
 */
export async function startTestRedis(options: { own?: boolean } = {}): Promise<TestRedis> {
  if (!options.own && process.env.REDIS_URL) {
    return { url: process.env.REDIS_URL, owned: false, stop: async () => undefined };
  }
  // A free port can be taken between the probe and redis binding it; a second try covers that race.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startPrivateRedis(await freePort());
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function startPrivateRedis(port: number): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'ofsted-test-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  reapOnExit(child);
  try {
    await waitForReady(child);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    owned: true,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        // The child is unref'd (reapOnExit): a timer keeps this process up until its exit arrives.
        const keepAlive = setTimeout(() => undefined, 30_000);
        child.once('exit', () => {
          clearTimeout(keepAlive);
          done();
        });
        child.kill('SIGKILL');
      });
      return stopped;
    },
  };
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output}`));
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
