import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';

const CLI = join(REPO_ROOT, 'bin', 'ofsted-monitor.js');

/**
 * Run the compiled CLI under a pseudo-terminal (util-linux `script`), as a person at a terminal would:
 * stdout and stderr are both the terminal, so what comes back is both, with `\r\n` line ends.
 */
export function runCliInTerminal(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<{ code: number; output: string }> {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', quoted, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SHELL: '/bin/sh', TERM: 'xterm', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output: output.replaceAll('\r\n', '\n') });
    });
  });
}
