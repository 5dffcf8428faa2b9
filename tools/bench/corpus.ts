import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

/** One PDF of the bench corpus. */
export interface BenchPdf {
  path: string;
  /** Path relative to the repository root. */
  name: string;
  /** Row group: "<family>/<producer>", e.g. "school/libreoffice" or "ilacs/real". */
  group: string;
  bytes: Buffer;
}

/**
 * Every PDF under tests/fixtures/reports/ (labelled corpus: family = folder, producer from labels.json)
 * and fixtures/real/pdf/ (family = folder, producer "real"), whatever exists when the bench runs.
 */
export function loadCorpus(root: string): BenchPdf[] {
  const out: BenchPdf[] = [];
  const labelled = join(root, 'tests', 'fixtures', 'reports');
  for (const path of pdfsUnder(labelled)) {
    const family = relative(labelled, path).split('/')[0] ?? 'unknown';
    out.push({ path, name: relative(root, path), group: `${family}/${producerOf(path)}`, bytes: readFileSync(path) });
  }
  const real = join(root, 'fixtures', 'real', 'pdf');
  for (const path of pdfsUnder(real)) {
    const family = relative(real, path).split('/')[0] ?? 'unknown';
    const bytes = readFileSync(path);
    // The LA corpus keeps one HTML page saved as .pdf (as its source served it): not a report to time.
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') continue;
    out.push({ path, name: relative(root, path), group: `${family}/real`, bytes });
  }
  return out;
}

function pdfsUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.toLowerCase().endsWith('.pdf'))
    .sort()
    .map((f) => join(dir, f));
}

const producers = new Map<string, Map<string, string>>();

/** The `producer` labels.json gives the file, or "unlabelled". */
function producerOf(path: string): string {
  const dir = dirname(path);
  let byFile = producers.get(dir);
  if (!byFile) {
    byFile = new Map();
    try {
      const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { file?: string; producer?: string }[];
      for (const l of labels) if (l.file && l.producer) byFile.set(l.file, l.producer);
    } catch {
      // no labels.json (or a broken one): producer unknown
    }
    producers.set(dir, byFile);
  }
  return byFile.get(basename(path)) ?? 'unlabelled';
}

/** The repository root: the nearest directory above `from` holding package.json (works from tools/ and dist/tools/). */
export function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find the repository root (package.json)');
    dir = parent;
  }
  return dir;
}
