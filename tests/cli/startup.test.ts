import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO_ROOT, runCli, tempDir } from '../helpers/cli.js';

// Start-up cost is what a command imports: `--help` must not pay for the store, the site reader, BullMQ or
// fastify. Checked by recording the modules a run resolves, not by timing it.

const HOOK = join(REPO_ROOT, 'tests', 'helpers', 'record-imports.mjs');
const PDF = join(REPO_ROOT, 'fixtures', 'real', 'pdf', 'la_focused_visit', 'derby_80459_focused_visit_2023-11-29.pdf');
const HEAVY = ['kysely', 'better-sqlite3', 'pg', 'bullmq', 'ioredis', 'fastify', 'playwright', 'playwright-core', 'pdf-parse', 'cheerio', 'xlsx', 'nodemailer', 'zod', 'pino', 'pino-pretty'];
const work = tempDir();
after(work.cleanup);

/** npm packages a CLI run resolved (by name), and whether it exited 0. */
async function packagesLoaded(args: string[]): Promise<Set<string>> {
  const record = join(work.dir, `imports-${args.join('-').replace(/[^\w-]/g, '')}.txt`);
  const run = await runCli(args, { NODE_OPTIONS: `--import=${HOOK}`, RECORD_IMPORTS: record, DATABASE_URL: `sqlite:${join(work.dir, 'db.sqlite')}` });
  assert.equal(run.code, 0, run.stderr);
  const names = readFileSync(record, 'utf8')
    .split('\n')
    .map((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1])
    .filter((name): name is string => name !== undefined);
  return new Set(names);
}

describe('start-up cost', () => {
  for (const args of [['--help'], ['--version'], ['watch', 'add', '--help'], ['sweep', '--help']]) {
    it(`loads commander and nothing else from node_modules for ${args.join(' ')}`, async () => {
      assert.deepEqual([...(await packagesLoaded(args))], ['commander']);
    });
  }

  it('a store command on SQLite loads neither the PostgreSQL driver nor the site reader, queues or HTTP stack', async () => {
    for (const args of [['events', '--json'], ['watch', 'list', '--json']]) {
      const loaded = await packagesLoaded(args);
      const forStore = new Set(['kysely', 'better-sqlite3', 'zod', 'pino']);
      assert.deepEqual(HEAVY.filter((name) => loaded.has(name) && !forStore.has(name)), [], args.join(' '));
    }
  });

  it('parse loads neither a database driver nor the queue or HTTP stacks', async () => {
    const loaded = await packagesLoaded(['parse', PDF, '--json']);
    const forParse = new Set(['pdf-parse', 'zod', 'pino']);
    assert.deepEqual(HEAVY.filter((name) => loaded.has(name) && !forParse.has(name)), []);
  });
});
