import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, tempDir } from '../helpers/cli.js';
import { runCliInTerminal } from '../helpers/terminal.js';

// Logs are for whoever reads stderr: coloured lines for a person at a terminal, JSON lines for a collector.
// A discovery pass with nothing watched asks Ofsted nothing and logs one info line: a cheap command that logs.

const work = tempDir();
after(work.cleanup);
const env = {
  DATABASE_URL: `sqlite:${join(work.dir, 'store.db')}`,
  OFSTED_REPORTS_URL: 'http://127.0.0.1:9',
  OFSTED_FILES_URL: 'http://127.0.0.1:9',
  LOG_LEVEL: 'info',
};
const ANSI = /\u001b\[\d+m/;

describe('log format', () => {
  it('writes JSON lines when stderr is a pipe, and stdout keeps its one JSON document', async () => {
    const run = await runCli(['discover', '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stderr.trim().split('\n');
    assert.ok(lines.length > 0);
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    assert.ok(logged.some((l) => l.msg === 'discovery pass done' && l.level === 30));
    assert.deepEqual(run.json().providers, []);
  });

  it('writes coloured one-line entries when stderr is a terminal', async () => {
    const run = await runCliInTerminal(['discover', '--json'], env);
    assert.equal(run.code, 0, run.output);
    const line = run.output.split('\n').find((l) => l.includes('discovery pass done'));
    assert.ok(line, run.output);
    assert.match(line, ANSI);
    assert.match(line.replace(/\u001b\[\d+m/g, ''), /^\[\d\d:\d\d:\d\d\] INFO: discovery pass done .*"requests":0/);
    assert.doesNotMatch(run.output, /"level":30/);
  });

  it('LOG_FORMAT=json keeps JSON lines at a terminal, LOG_FORMAT=pretty gives plain lines through a pipe', async () => {
    const atTerminal = await runCliInTerminal(['discover', '--json'], { ...env, LOG_FORMAT: 'json' });
    assert.equal(atTerminal.code, 0, atTerminal.output);
    assert.match(atTerminal.output, /^\{"level":30,.*"msg":"discovery pass done"\}$/m);

    const piped = await runCli(['discover', '--json'], { ...env, LOG_FORMAT: 'pretty' });
    assert.equal(piped.code, 0, piped.stderr);
    assert.match(piped.stderr, /^\[\d\d:\d\d:\d\d\] INFO: discovery pass done/m);
    assert.doesNotMatch(piped.stderr, ANSI, 'no colour codes into a file');
  });

  it('refuses an unknown LOG_FORMAT with exit 2 and one line', async () => {
    const run = await runCli(['discover', '--json'], { ...env, LOG_FORMAT: 'xml' });
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /LOG_FORMAT/);
  });
});
