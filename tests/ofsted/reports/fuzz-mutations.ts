// Seeded mutations of PDF bytes for the fuzz test: each is how real files get damaged (bad disks, cut-off
// downloads, broken proxies) or how a hostile file lies about its own structure.

/** A deterministic random source in [0, 1). */
export type Rng = () => number;

/** mulberry32: small, fast and good enough to spread mutations; the same seed gives the same case. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const randomBytes = (rng: Rng, n: number) => Buffer.from(Array.from({ length: n }, () => between(rng, 0, 255)));

export interface Mutation {
  name: string;
  apply(pdf: Buffer, rng: Rng): Buffer;
}

/** Offsets of every match of `re` (global) in the file read as latin1 (one char per byte). */
function offsetsOf(pdf: Buffer, re: RegExp): RegExpMatchArray[] {
  return [...pdf.toString('latin1').matchAll(re)];
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'bit flips',
    apply(pdf, rng) {
      const out = Buffer.from(pdf);
      for (let i = between(rng, 1, 8); i > 0; i--) {
        const at = between(rng, 0, out.length - 1);
        out[at] = out[at]! ^ (1 << between(rng, 0, 7));
      }
      return out;
    },
  },
  {
    name: 'byte run overwritten',
    apply(pdf, rng) {
      const out = Buffer.from(pdf);
      const at = between(rng, 0, out.length - 1);
      randomBytes(rng, between(rng, 1, 256)).copy(out, at);
      return out;
    },
  },
  {
    name: 'truncated',
    apply(pdf, rng) {
      return Buffer.from(pdf.subarray(0, between(rng, 1, pdf.length - 1)));
    },
  },
  {
    name: 'chunk duplicated',
    apply(pdf, rng) {
      const from = between(rng, 0, pdf.length - 1);
      const chunk = pdf.subarray(from, from + between(rng, 1, 4096));
      const at = between(rng, 0, pdf.length);
      return Buffer.concat([pdf.subarray(0, at), chunk, pdf.subarray(at)]);
    },
  },
  {
    name: 'chunk deleted',
    apply(pdf, rng) {
      const from = between(rng, 0, pdf.length - 1);
      return Buffer.concat([pdf.subarray(0, from), pdf.subarray(from + between(rng, 1, 4096))]);
    },
  },
  {
    name: 'xref corrupted',
    apply(pdf, rng) {
      const out = Buffer.from(pdf);
      const tables = offsetsOf(pdf, /(?<![a-z])xref\s+\d+ \d+\s+/g);
      const starts = offsetsOf(pdf, /startxref\s+(\d+)/g);
      const choice = between(rng, 0, 2);
      if (choice === 0 && tables.length > 0) {
        // Scribble digits over entries of a classic xref table (offsets now point into the wrong bytes).
        const table = tables[between(rng, 0, tables.length - 1)]!;
        const entries = table.index! + table[0].length;
        for (let i = between(rng, 1, 40); i > 0; i--) {
          const at = entries + between(rng, 0, 20 * 50);
          if (at < out.length && out[at]! >= 0x30 && out[at]! <= 0x39) out[at] = 0x30 + between(rng, 0, 9);
        }
        return out;
      }
      if (choice === 1 && starts.length > 0) {
        // startxref pointing somewhere else (works for xref streams too).
        const s = starts[between(rng, 0, starts.length - 1)]!;
        const digits = s[1]!;
        const at = s.index! + s[0].length - digits.length;
        const lie = String(between(rng, 0, 10 ** digits.length - 1)).padStart(digits.length, '0');
        out.write(lie, at, 'latin1');
        return out;
      }
      // No "xref" keyword any more: the reader must rebuild the table by scanning.
      for (const m of offsetsOf(pdf, /xref/g)) out.write('xreF', m.index!, 'latin1');
      return out;
    },
  },
  {
    name: 'stream length lie',
    apply(pdf, rng) {
      const lengths = offsetsOf(pdf, /\/Length (\d+)/g);
      if (lengths.length === 0) return Buffer.from(pdf);
      const m = lengths[between(rng, 0, lengths.length - 1)]!;
      const n = Number(m[1]);
      const lies = [0, 1, Math.floor(n / 2), n + 1, n * 2, n + 100_000, 999_999_999];
      const lie = String(lies[between(rng, 0, lies.length - 1)]);
      const at = m.index! + '/Length '.length;
      return Buffer.concat([pdf.subarray(0, at), Buffer.from(lie, 'latin1'), pdf.subarray(at + m[1]!.length)]);
    },
  },
];

/** One to three mutations chosen by `rng`, applied in turn; returns the bytes and what was done. */
export function mutate(pdf: Buffer, rng: Rng): { bytes: Buffer; applied: string[] } {
  const count = rng() < 0.75 ? 1 : between(rng, 2, 3);
  let bytes = pdf;
  const applied: string[] = [];
  for (let i = 0; i < count; i++) {
    const m = MUTATIONS[between(rng, 0, MUTATIONS.length - 1)]!;
    bytes = m.apply(bytes, rng);
    applied.push(m.name);
  }
  return { bytes, applied };
}
