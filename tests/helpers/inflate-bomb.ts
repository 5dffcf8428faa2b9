import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GIB, inflateBombPdf } from '../../tools/fake-ofsted/reports/inflate-bomb.js';

/**
 * Write to `path` a ~1 MB PDF whose content stream inflates to `inflatedBytes` (1 GiB by default), streaming
 * all the way, so the test writing it stays small. Resolves to the file's size.
 */
export async function writeInflateBomb(path: string, inflatedBytes = GIB): Promise<number> {
  await pipeline(Readable.from(inflateBombPdf(inflatedBytes)), createWriteStream(path));
  return (await stat(path)).size;
}
