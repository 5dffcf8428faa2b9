// Child-process entry for PdfParseExtractor: reads one PDF per message with pdf-parse. Its time, heap and
// address space are bounded by the ProcessPool that starts it, so a hostile PDF can only cost this process.
import { isAllocationFailure, readPagesWithPdfParse } from './pdf-parse-pages.js';

export interface PdfParseTask {
  pdf: Uint8Array;
  maxPages: number;
}

const send = process.send?.bind(process);
if (send) {
  process.on('message', async ({ id, input }: { id: number; input: PdfParseTask }) => {
    let reply: object;
    try {
      reply = { id, ok: true, value: await readPagesWithPdfParse(input.pdf, input.maxPages) };
    } catch (err) {
      // readPagesWithPdfParse already made the message one clear line.
      const message = err instanceof Error ? err.message : String(err);
      reply = { id, ok: false, message, outOfMemory: isAllocationFailure(err) };
    }
    // The peak so far, reported with every answer: the proof that the caps held.
    send({ ...reply, peakRssKb: process.resourceUsage().maxRSS });
  });
  // pdf.js is loaded (imported above): the pool starts counting a report's time from here.
  send({ ready: true });
}
