import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/**
 * The repository root, found by walking up from this module until `fixtures/real/SOURCES.md` appears,
 * so the site finds its data both from tools/ (tsx) and from dist/tools/ (compiled).
 */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'fixtures', 'real', 'SOURCES.md'))) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('fake-ofsted: cannot find the repository root (fixtures/real/SOURCES.md)');
    dir = parent;
  }
}
