// The API load section alone: `node dist/tools/bench/api-load-main.js [--seconds=N] [--rate=N] [--providers=N] [--events=N] [--ofsted-rate=N]`
// (`npm run bench -- --only-api-load` runs the same with the defaults).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderApiLoadBench, runApiLoadBench } from './api-load.js';
import { findRepoRoot } from './corpus.js';

const arg = (name: string) => {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  return raw === undefined ? {} : { [name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())]: Number(raw) };
};
const root = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
const result = await runApiLoadBench({ root, ...arg('seconds'), ...arg('rate'), ...arg('providers'), ...arg('events'), ...arg('ofsted-rate') });
process.stdout.write(`${renderApiLoadBench(result)}\n`);
