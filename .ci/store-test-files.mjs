// The test files whose outcome depends on the store: those importing tests/helpers/test-database.ts,
// directly or through other test helpers. CI runs these again against PostgreSQL (TEST_STORE=postgres);
// the rest cannot see which store is configured, so a second run would only repeat the first.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { slowFirst } from './slow-first.mjs';
import { ROOT as root, testTreeFiles } from './tree.mjs';

const files = testTreeFiles();

const importsOf = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)].map((m) => resolve(dirname(file), m[1].replace(/\.js$/, '.ts')));
    return [file, specs];
  }),
);
const target = join(root, 'tests', 'helpers', 'test-database.ts');
const memo = new Map();
const reaches = (file, seen = new Set()) => {
  if (file === target) return true;
  if (memo.has(file)) return memo.get(file);
  if (seen.has(file)) return false;
  seen.add(file);
  const found = (importsOf.get(file) ?? []).some((dep) => reaches(dep, seen));
  memo.set(file, found);
  return found;
};
// Run once, on SQLite in `npm test` (CI time): the fault matrix (two minutes of daemons, local site and PDFs),
// the command line's tests and the browser, OpenAPI, log and board tests. Their store is the same Store whose
// PostgreSQL behaviour the store, monitor, worker, alert and API tests below check again.
const ONCE = new Set([
  'tests/workers/fault-matrix.test.ts',
  'tests/api/pages/dashboard-browser.test.ts',
  'tests/api/pages/charts-browser.test.ts',
  'tests/api/pages/declines-browser.test.ts',
  // Daemons whose subject is the queue, the limiter or process signals, not what the store keeps.
  'tests/workers/retry-after.test.ts',
  'tests/workers/daemon-shutdown.test.ts',
  'tests/workers/daemon-stall-requeue.test.ts',
  'tests/workers/daemon-no-workers.test.ts',
  'tests/api/openapi.test.ts',
  'tests/api/logs-and-headers.test.ts',
  'tests/api/admin-board.test.ts',
]);
const once = (f) => ONCE.has(f) || f.startsWith('tests/cli/');
const chosen = files
  .filter((f) => f.endsWith('.test.ts') && reaches(f))
  .map((f) => relative(root, f))
  .filter((f) => !once(f))
  .sort();
process.stdout.write(`${slowFirst(chosen).join('\n')}\n`);
