// Worker entry for PdfParseExtractor: reads one PDF per message with pdf-parse. Its time and heap are bounded
// by the WorkerPool that runs it, so a hostile PDF can only cost this worker.
import { parentPort } from 'node:worker_threads';
import { readPagesWithPdfParse } from './pdf-parse-pages.js';

export interface PdfParseTask {
  pdf: Uint8Array;
  maxPages: number;
}

const port = parentPort;
if (port) {
  port.on('message', async ({ id, input }: { id: number; input: PdfParseTask }) => {
    try {
      const pages = await readPagesWithPdfParse(input.pdf, input.maxPages);
      port.postMessage({ id, ok: true, value: pages });
    } catch (err) {
      // readPagesWithPdfParse already made the message one clear line.
      port.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  });
}
