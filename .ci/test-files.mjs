// Every test file, the slow ones first (see slow-first.mjs): what `npm test` runs.
import { relative } from 'node:path';
import { slowFirst } from './slow-first.mjs';
import { ROOT, testTreeFiles } from './tree.mjs';

const files = testTreeFiles().filter((f) => f.endsWith('.test.ts')).map((f) => relative(ROOT, f));
process.stdout.write(`${slowFirst(files.sort()).join('\n')}\n`);
