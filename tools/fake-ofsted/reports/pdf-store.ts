import PDFDocument from 'pdfkit';
import type { ScenarioProvider, ScenarioReport } from '../scenario/types.js';
import { LruBufferCache } from '../util/lru-cache.js';
import { PdfWriter } from './pdf-writer.js';
import { renderReport } from './render-report.js';

/**
 * Report PDFs on demand: generated once, kept in a byte-bounded LRU cache, and concurrent requests for
 * the same file share one generation.
 */
export class PdfStore {
  private readonly cache = new LruBufferCache(64 * 1024 * 1024, 2000);
  private readonly pending = new Map<string, Promise<Buffer>>();
  private guidanceBytes: Promise<Buffer> | null = null;
  private scannedBytes: Promise<Buffer> | null = null;

  get(provider: ScenarioProvider, report: ScenarioReport): Promise<Buffer> {
    const hit = this.cache.get(report.fileId);
    if (hit) return Promise.resolve(hit);
    const inFlight = this.pending.get(report.fileId);
    if (inFlight) return inFlight;
    const job = renderReport(provider, report)
      .then((bytes) => {
        this.cache.set(report.fileId, bytes);
        return bytes;
      })
      .finally(() => this.pending.delete(report.fileId));
    this.pending.set(report.fileId, job);
    return job;
  }

  /** A one-page guidance PDF linked from provider pages (a PDF that is not a report). */
  guidance(): Promise<Buffer> {
    this.guidanceBytes ??= (async () => {
      const w = new PdfWriter({
        fontSize: 11,
        runningHeader: null,
        footerStyle: 'number',
        footerLine: null,
        info: {
          Title: 'Inspection reports explained',
          Author: 'Ofsted',
          Creator: 'Microsoft\u00AE Word 2016',
          Producer: 'Microsoft\u00AE Word 2016',
          CreationDate: new Date(Date.UTC(2018, 3, 1, 9, 0, 0)),
        },
      });
      w.heading('Inspection reports explained', 18);
      w.paragraph(
        'Ofsted publishes a report after each inspection. Reports for children\'s homes are anonymised: they do not give the name or address of the home. This leaflet explains the judgements and the different types of inspection.',
      );
      w.paragraph(
        'A full inspection results in graded judgements. An interim inspection judges whether the home has improved, sustained or declined in effectiveness. Monitoring and assurance visits do not result in a grade.',
      );
      return w.finish();
    })();
    return this.guidanceBytes;
  }

  /**
   * A well-formed two-page PDF with no text layer, as a scanned report is: grey bars where the lines of
   * text would be. The same bytes every time (fixed metadata).
   */
  scanned(): Promise<Buffer> {
    this.scannedBytes ??= new Promise<Buffer>((resolve, reject) => {
      const doc = new PDFDocument({
        size: 'A4',
        margin: 0,
        info: { Title: 'Scanned document', Author: 'Ofsted', Creator: 'Scanner', Producer: 'Scanner', CreationDate: new Date(Date.UTC(2019, 9, 1, 9, 0, 0)) },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      for (let page = 0; page < 2; page++) {
        if (page > 0) doc.addPage({ size: 'A4', margin: 0 });
        for (let line = 0; line < 40; line++) doc.rect(62, 72 + line * 17, 300 + ((line * 37) % 170), 9).fill('#BBBBBB');
      }
      doc.end();
    });
    return this.scannedBytes;
  }
}
