import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import type { TextExtractor } from '../../../../src/ofsted/reports/extract/text-extractor.js';
import { CorpusTally, LA_CORPUS_DIR, checkReport, loadManifest, readCorpusReport } from '../../../helpers/real-la-corpus.js';

/**
 * Every report of the real local-authority corpus through the product's own extraction and parsing, checked
 * against the manifest: kind, dates, overall and every judgement. Prints the figures per layout.
 */
export function realLaCorpusSuite(extractorName: string, makeExtractor: () => TextExtractor): void {
  describe(`the real local-authority corpus via ${extractorName}`, () => {
    const manifest = loadManifest();
    const extractor = makeExtractor();
    const tally = new CorpusTally();
    after(async () => {
      process.stdout.write(`${tally.summary(extractorName)}\n`);
      await extractor.close();
    });

    it('has a manifest line for every file of the corpus, and none for a file that is not there', () => {
      const files = readdirSync(LA_CORPUS_DIR).filter((f) => f.endsWith('.pdf')).sort();
      assert.deepEqual(manifest.map((e) => e.file).sort(), files);
    });

    for (const entry of manifest) {
      it(`${entry.file} (${entry.layout})`, async () => {
        const result = checkReport(entry, await readCorpusReport(entry.file, extractor));
        tally.add(entry.layout, result);
        assert.equal(result.wrongGrade, false, `a wrong grade: ${result.problems.join('; ')}`);
        assert.equal(result.outcome, 'right', result.problems.join('; '));
      });
    }

    it('read every report fully right: no wrong grade, nothing left unread', () => {
      const all = tally.byLayout.get('all');
      assert.equal(tally.wrongGrades, 0);
      assert.deepEqual(all, { right: manifest.length, unreadable: 0, wrong: 0 });
    });
  });
}
