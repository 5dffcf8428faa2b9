// LibreOffice as a converter: one headless process for a whole batch, with a profile of its own so it never
// collides with another soffice running on the machine (a shared profile makes the second one exit silently).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function sofficePath(): string {
  for (const candidate of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice']) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('LibreOffice (soffice) is needed to regenerate this corpus; the committed PDFs need nothing');
}

/** Convert documents to PDF into `outDir`; returns the PDF path of each input, in order. */
export function convertToPdf(inputs: readonly string[], outDir: string, workDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const profile = pathToFileURL(join(workDir, 'lo-profile')).href;
  execFileSync(
    sofficePath(),
    [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...inputs],
    { stdio: ['ignore', 'pipe', 'pipe'], timeout: 10 * 60 * 1000 },
  );
  return inputs.map((input) => {
    const name = input.replace(/^.*\//, '').replace(/\.[^.]+$/, '.pdf');
    const pdf = join(outDir, name);
    if (!existsSync(pdf)) throw new Error(`LibreOffice did not produce ${name}`);
    return pdf;
  });
}
