import { spawn, spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

/**
 * Run `pdftotext <file> -` with its text going to /dev/null, as a user would from a shell; resolves when it
 * exits, whatever its status: a file it refuses (the LA corpus holds an HTML page saved as .pdf) is timed too,
 * as ours are.
 */
export function runPdftotextBaseline(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('pdftotext', [file, '-'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve());
  });
}

let gnuTime: boolean | undefined;

/**
 * Peak resident set (KB) of one run of `command args`, with `stdinFile` on its stdin if given, measured by
 * GNU time (Node reports no child's rusage). Null where /usr/bin/time is not installed.
 */
export function childPeakRssKb(command: string, args: readonly string[], stdinFile?: string): number | null {
  gnuTime ??= spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0;
  if (!gnuTime) return null;
  const stdin = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
  try {
    const run = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { stdio: [stdin, 'ignore', 'pipe'], encoding: 'utf8' });
    const kb = Number(run.stderr.trim().split('\n').at(-1));
    return Number.isFinite(kb) ? kb : null;
  } finally {
    if (typeof stdin === 'number') closeSync(stdin);
  }
}
