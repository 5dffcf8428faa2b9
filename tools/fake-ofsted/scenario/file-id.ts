import { createHash } from 'node:crypto';

/**
 * Hands out 8-digit file ids from a stable hash of (URN, kind, inspection start). Ids are unique within
 * one registry: on the rare collision the key is salted and hashed again, so the outcome depends only on
 * the order of assignment, which is fixed (curated providers first, then the CSVs in file order).
 */
export class FileIdRegistry {
  private readonly used = new Set<string>();

  assign(urn: string, kind: string, inspectionStart: string): string {
    for (let salt = 0; ; salt++) {
      const key = salt === 0 ? `${urn}|${kind}|${inspectionStart}` : `${urn}|${kind}|${inspectionStart}|${salt}`;
      const n = createHash('sha1').update(key).digest().readUInt32BE(0);
      const id = String(10_000_000 + (n % 90_000_000));
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}
