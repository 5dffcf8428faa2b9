import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(REPO_ROOT, 'bin', 'ofsted-monitor.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
}

/** Run the compiled CLI (as a user would, through bin/) with the given environment additions. */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CliRun> {
  return runCommand(process.execPath, [CLI, ...args], env, timeoutMs);
}

export interface MeasuredCliRun extends CliRun {
  /** Largest peak resident set of any one process of the run (the CLI or a child it waited for), MB. */
  peakRssMb: number;
  /** Wall-clock time, s. */
  seconds: number;
}

/**
 * runCli under GNU time (package `time`), which reads the kernel's accounting: the CLI's own peak and that of
 * every child it reaped (pdftotext, pdf-parse children), whichever is largest.
 */
export async function runCliMeasured(args: string[], env: Record<string, string>, dir: string, timeoutMs = 120_000): Promise<MeasuredCliRun> {
  const figures = join(dir, `time-${process.pid}-${Date.now()}.txt`);
  const run = await runCommand('/usr/bin/time', ['-o', figures, '-f', '%M %e', process.execPath, CLI, ...args], env, timeoutMs);
  const [kb, seconds] = readFileSync(figures, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { ...run, peakRssMb: kb! / 1024, seconds: seconds! };
}

function runCommand(command: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        json() {
          return JSON.parse(stdout);
        },
      });
    });
  });
}

/** A temp directory removed by the returned cleanup function. */
export function tempDir(prefix = 'ofsted-monitor-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
