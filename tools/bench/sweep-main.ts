// The sweep section alone: `node dist/tools/bench/sweep-main.js [--limit=N] [--concurrency=N]`.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRepoRoot } from './corpus.js';
import { renderSweepBench, runSweepBench } from './sweep.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const root = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
const limit = arg('limit');
const concurrency = arg('concurrency');
const result = await runSweepBench({
  root,
  ...(limit ? { limit: Number(limit) } : {}),
  ...(concurrency ? { concurrency: Number(concurrency) } : {}),
});
process.stdout.write(`${renderSweepBench(result)}\n`);
