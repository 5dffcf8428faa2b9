import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Convert Flat ODT documents to PDF with a headless LibreOffice (`soffice`, or $SOFFICE). A private user profile
 * keeps it from colliding with another LibreOffice running on the machine. Only the generator needs this; the
 * PDFs it writes are committed, so tests never do.
 */
export async function convertWithLibreOffice(docs: { name: string; fodt: string }[]): Promise<Map<string, Buffer>> {
  const dir = await mkdtemp(join(tmpdir(), 'school-corpus-'));
  try {
    const files = [];
    for (const d of docs) {
      const file = join(dir, `${d.name}.fodt`);
      await writeFile(file, d.fodt);
      files.push(file);
    }
    const profile = pathToFileURL(join(dir, 'profile')).href;
    await run(
      process.env.SOFFICE ?? 'soffice',
      [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...files],
      { timeout: 180_000 },
    );
    const out = new Map<string, Buffer>();
    for (const d of docs) out.set(d.name, await readFile(join(dir, `${d.name}.pdf`)));
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
