// Every test file, the slow ones first (see slow-first.mjs): what `npm test` runs.
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { slowFirst } from './slow-first.mjs';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.test.ts')) files.push(relative(root, path));
  }
};
walk(join(root, 'tests'));
process.stdout.write(`${slowFirst(files.sort()).join('\n')}\n`);
