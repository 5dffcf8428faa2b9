// A decompression bomb: a one-page PDF whose content stream is Flate-compressed zeros. Zlib packs zeros about
// 1000:1, so a gigabyte of content is a ~1 MB file. Made as a stream (zeros in, deflate, PDF bytes out), so
// making one costs a few MB, never the gigabyte it inflates to.
import { Readable, pipeline } from 'node:stream';
import { constants, createDeflate } from 'node:zlib';

export const GIB = 1024 * 1024 * 1024;
const CHUNK = 1024 * 1024;

/** The bytes of a PDF whose one content stream inflates to `inflatedBytes` zero bytes, in order. */
export async function* inflateBombPdf(inflatedBytes = GIB): AsyncGenerator<Buffer> {
  let written = 0;
  const offsets: number[] = [];
  const text = (s: string) => {
    const bytes = Buffer.from(s, 'latin1');
    written += bytes.length;
    return bytes;
  };
  const object = (n: number, body: string) => {
    offsets[n] = written;
    return text(`${n} 0 obj\n${body}\nendobj\n`);
  };

  yield text('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  yield object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  yield object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  yield object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R >>');
  offsets[4] = written;
  // The length is an indirect object after the stream, so it need not be known before compressing.
  yield text('4 0 obj\n<< /Length 5 0 R /Filter /FlateDecode >>\nstream\n');

  const zeros = Buffer.alloc(CHUNK);
  const source = Readable.from(
    (function* () {
      for (let left = inflatedBytes; left > 0; left -= CHUNK) yield left >= CHUNK ? zeros : zeros.subarray(0, left);
    })(),
  );
  // Run-length matching finds the same ~1000:1 as the default strategy on zeros, several times faster.
  const deflate = createDeflate({ level: constants.Z_BEST_COMPRESSION, strategy: constants.Z_RLE });
  let streamBytes = 0;
  for await (const chunk of pipeline(source, deflate, () => undefined) as AsyncIterable<Buffer>) {
    streamBytes += chunk.length;
    written += chunk.length;
    yield chunk;
  }

  yield text('\nendstream\nendobj\n');
  yield object(5, String(streamBytes));
  const xrefAt = written;
  const entries = offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  yield text(`xref\n0 ${offsets.length}\n0000000000 65535 f \n${entries}trailer\n<< /Size ${offsets.length} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);
}

const made = new Map<number, Promise<Buffer>>();

/** inflateBombPdf as one buffer (~1 MB per GiB inflated), made once per size. */
export function inflateBombBytes(inflatedBytes = GIB): Promise<Buffer> {
  let bytes = made.get(inflatedBytes);
  if (!bytes) {
    bytes = (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of inflateBombPdf(inflatedBytes)) chunks.push(chunk);
      return Buffer.concat(chunks);
    })();
    made.set(inflatedBytes, bytes);
  }
  return bytes;
}
