import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createExtractor } from '../../../../src/ofsted/reports/extract/create-extractor.js';
import { buildReportText } from '../../../../src/ofsted/reports/report-text.js';
import { LA_CORPUS_DIR, expectedFields, loadJt39Readings, loadManifest } from '../../../helpers/real-la-corpus.js';

// The manifest is JT-39's reading wherever it does not say otherwise, and every place it does say otherwise
// quotes the PDF: a disagreement can only be settled by the document, never silently.

describe('the real LA corpus manifest', () => {
  const manifest = loadManifest();
  const jt39 = loadJt39Readings();

  it('labels every report JT-39 read with JT-39 as the labeller', () => {
    const labelled = manifest.filter((e) => e.labelledBy === 'JT-39').map((e) => e.file).sort();
    assert.deepEqual(labelled, [...jt39.keys()].sort());
  });

  it("agrees with JT-39 on every field, except where an adjudication records JT-39's reading and the PDF's line", () => {
    for (const entry of manifest) {
      const theirs = jt39.get(entry.file);
      if (!theirs || 'error' in entry.expect) continue;
      const ours = expectedFields(entry.expect);
      const adjudicated = entry.adjudication?.jt39 ?? {};
      for (const field of new Set([...Object.keys(ours), ...Object.keys(theirs.fields)])) {
        if (field in adjudicated) {
          assert.equal(theirs.fields[field] ?? null, adjudicated[field], `${entry.file}: the adjudication misquotes JT-39's ${field}`);
          assert.notEqual(ours[field] ?? null, adjudicated[field], `${entry.file}: ${field} is adjudicated but agrees with JT-39`);
        } else {
          assert.equal(ours[field] ?? null, theirs.fields[field] ?? null, `${entry.file}: ${field} differs from JT-39 without an adjudication`);
        }
      }
    }
  });

  it('quotes, for every adjudication, lines that the PDF really prints', async () => {
    const extractor = createExtractor('pdftotext');
    try {
      for (const entry of manifest.filter((e) => e.adjudication)) {
        const flat = buildReportText(await extractor.extract(readFileSync(join(LA_CORPUS_DIR, entry.file)))).flat.toLowerCase();
        for (const quote of entry.adjudication!.quote.split(' | ')) {
          assert.ok(flat.includes(quote.toLowerCase()), `${entry.file}: "${quote}" is not in the PDF`);
        }
      }
    } finally {
      await extractor.close();
    }
  });
});
