import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseReportPages } from '../../../src/ofsted/reports/parse-report.js';
import { CORPUS_DIR, EXTRACTORS, checkLabel, corpusFamilies, layoutTags, loadLabels } from '../../helpers/labelled-corpus.js';

// Every labelled field of every PDF of the corpus, with both text extractors; accuracy is printed per
// family (and children's-home layout) as `fields correct: N/M`, and any wrong field fails the test naming the
// file and field.

const families = corpusFamilies();

const tally = new Map<string, { correct: number; total: number }>();
after(() => {
  for (const [name, t] of [...tally].sort()) process.stdout.write(`${name}: fields correct: ${t.correct}/${t.total}\n`);
});

describe('labelled report corpus', () => {
  it('has a labelled corpus for every family', () => {
    for (const f of ['childrens-home', 'local-authority', 'school']) assert.ok(families.includes(f), `no labels for ${f}`);
  });

  for (const family of families) {
    const labels = loadLabels(family);
    for (const [extractorName, extract] of Object.entries(EXTRACTORS)) {
      describe(`${family} via ${extractorName}`, () => {
        for (const label of labels) {
          it(`${label.file} (${label.producer})`, async () => {
            const parsed = parseReportPages(await extract(join(CORPUS_DIR, family, label.file)));
            const results = checkLabel(label.expected, parsed);
            for (const key of [family, ...layoutTags(family, label.file).map((l) => `${family}: ${l}`)]) {
              const t = tally.get(`${key} via ${extractorName}`) ?? { correct: 0, total: 0 };
              t.total += results.length;
              t.correct += results.filter((r) => r.ok).length;
              tally.set(`${key} via ${extractorName}`, t);
            }
            const wrong = results.filter((r) => !r.ok).map((r) => `${r.field}: ${r.detail}`);
            assert.deepEqual(wrong, [], `${label.file}: ${wrong.join('; ')}`);
            // Everything the label says is there was read, so nothing may be listed as unreadable.
            const unexpected = parsed.unreadable.filter((f) => label.expected[f.split('.')[0]!] !== null);
            assert.deepEqual(unexpected, [], `${label.file}: unreadable ${unexpected.join(', ')}`);
          });
        }
      });
    }
  }
});
