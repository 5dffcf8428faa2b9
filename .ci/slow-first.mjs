// The test runner starts files in the order given, three at a time (package.json). Sorted by name, the slowest
// files (the daemons of tests/workers, the fault matrix) came last and ran with a core idle; started first, the
// long ones overlap the many short ones. Seconds from a full run on the 2-core CI machine, slowest first.
const SLOW_FIRST = [
  'tests/ofsted/reports/real-la-corpus/pdf-parse.test.ts', // 130 s, CPU
  'tests/workers/fault-matrix.test.ts', // 66 s, mostly waiting
  'tests/ofsted/reports/real-la-corpus/pdftotext.test.ts', // 94 s, CPU
  'tests/workers/daemon-sweep.test.ts', // 30 s, waiting
  'tests/ofsted/reports/fuzz.test.ts', // 80 s, CPU
  'tests/deploy/dockerfile-replay.test.ts', // 50 s, npm and tsc
  'tests/workers/daemon-crash.test.ts',
  'tests/cli/watch-import-filters.test.ts',
  'tests/alerts/alerts-end-to-end.test.ts',
  'tests/cli/scrape.test.ts',
  'tests/workers/daemon-shutdown.test.ts',
  'tests/cli/subscribe.test.ts',
  'tests/workers/daemon-stall-requeue.test.ts',
  'tests/workers/retry-after.test.ts',
];

/** The files, the known slow ones first (in SLOW_FIRST's order), then the rest as given. */
export function slowFirst(files) {
  const present = new Set(files);
  const first = SLOW_FIRST.filter((f) => present.has(f));
  const rest = files.filter((f) => !first.includes(f));
  return [...first, ...rest];
}
