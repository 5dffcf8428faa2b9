import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

// Behaving like a good command-line tool: --version, and quiet when the reader of its output goes away.

const PDF = join(REPO_ROOT, 'fixtures', 'real', 'pdf', 'la_focused_visit', 'derby_80459_focused_visit_2023-11-29.pdf');

describe('command-line conventions', () => {
  it('prints the package version for --version and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await runCli(['--version']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${version}\n`);
  });

  it('exits 0 without a word when whoever reads its output has gone (`| head`)', async () => {
    // parse takes a moment, so the pipe is closed before the answer is written: EPIPE on that write.
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'ofsted-monitor.js'), 'parse', PDF, '--json'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    assert.equal(stderr, '', 'no stack trace, no message');
    assert.equal(code, 0);
  });
});
