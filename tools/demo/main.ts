// `npm run demo`: the main job end to end on embedded defaults, against the bundled local Ofsted site.
// Starts the site in 2019, scrapes Derby's SC036243 (a baseline), moves the site's clock past the
// October 2019 inspection, and scrapes again to show the decline being raised once.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeOfsted } from '../fake-ofsted/index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cli = join(repo, 'bin', 'ofsted-monitor.js');
const dbPath = join(repo, 'data', 'demo.db');
const URN = 'SC036243';

rmSync(dbPath, { force: true });
for (const suffix of ['-wal', '-shm']) rmSync(dbPath + suffix, { force: true });

const site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
const env = {
  ...process.env,
  DATABASE_URL: `sqlite:${dbPath}`,
  OFSTED_REPORTS_URL: site.reportsUrl,
  OFSTED_FILES_URL: site.filesUrl,
};

// Asynchronous on purpose: the site answers from this process's event loop.
async function run(...args: string[]): Promise<void> {
  process.stdout.write(`\n$ ofsted-monitor ${args.join(' ')}\n`);
  const child = spawn(process.execPath, [cli, ...args], { env, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`ofsted-monitor ${args.join(' ')} exited ${code}`);
}

try {
  process.stdout.write(`local Ofsted site: ${site.reportsUrl} (its date: ${site.now()})\n`);
  await run('watch', 'add', URN, 'SC488596');
  await run('scrape', URN);
  const now = site.advance(URN);
  process.stdout.write(`\n-- the site moves on to ${now}: a new report is published --\n`);
  await run('scrape', URN);
  await run('scrape', URN);
  await run('events', '--urn', URN, '--since', '2000-01-01');
} finally {
  await site.close();
}
