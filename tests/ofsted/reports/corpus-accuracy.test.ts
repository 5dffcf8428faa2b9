import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { extractPdfPages } from '../../../src/ofsted/reports/extract-text.js';
import { parseReportPages } from '../../../src/ofsted/reports/parse-report.js';
import type { ParsedReport } from '../../../src/ofsted/types.js';
import { normaliseText } from '../../../src/ofsted/vocabulary.js';
import { REPO_ROOT } from '../../helpers/cli.js';

// The labelled corpus: tests/fixtures/reports/<family>/labels.json lists, for each PDF, the facts a person
// read off it. Every labelled field is checked, with both text extractors, and accuracy is printed per
// family as `fields correct: N/M`.

interface Label {
  file: string;
  producer: string;
  source?: string;
  expected: Record<string, unknown>;
}

const CORPUS = join(REPO_ROOT, 'tests/fixtures/reports');
const families = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => existsSync(join(CORPUS, f, 'labels.json'))) : [];

const extractors: Record<string, (file: string) => Promise<string[]>> = {
  pdftotext: async (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f'),
  'pdf-parse': async (file) => extractPdfPages(readFileSync(file)),
};

const norm = (v: unknown): unknown =>
  typeof v === 'string' ? normaliseText(v).replace(/\s+/g, ' ').trim() : Array.isArray(v) ? v.map(norm) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)])) : v;

/** Each labelled field → [name, ok, detail]; judgements and key findings count one per entry. */
function check(expected: Record<string, unknown>, got: ParsedReport): [string, boolean, string][] {
  const out: [string, boolean, string][] = [];
  for (const [field, want] of Object.entries(expected)) {
    if (field === 'notes') continue;
    if (field === 'judgements') {
      for (const [key, grade] of Object.entries(want as Record<string, string>)) {
        const actual = got.judgements.find((j) => j.key === key)?.grade ?? null;
        out.push([`judgements.${key}`, actual === grade, `${actual} != ${grade}`]);
      }
    } else if (field === 'keyFindings') {
      const have = (got.keyFindings ?? []).map((k) => norm(k));
      for (const k of want as string[]) out.push([`keyFindings`, have.includes(norm(k)), `missing "${k}" in ${JSON.stringify(have)}`]);
    } else if (field === 'recommendations') {
      out.push([field, got.recommendations.length === want, `${got.recommendations.length} != ${want}`]);
    } else if (field === 'requirements') {
      const actual = got.requirements.map((r) => ({ regulation: r.regulation, dueDate: r.dueDate }));
      out.push([field, JSON.stringify(actual) === JSON.stringify(want), `${JSON.stringify(actual)} != ${JSON.stringify(want)}`]);
    } else {
      const actual = (got as unknown as Record<string, unknown>)[field];
      out.push([field, JSON.stringify(norm(actual)) === JSON.stringify(norm(want)), `${JSON.stringify(actual)} != ${JSON.stringify(want)}`]);
    }
  }
  return out;
}

const tally = new Map<string, { correct: number; total: number }>();
after(() => {
  for (const [name, t] of [...tally].sort()) process.stdout.write(`# ${name}: fields correct: ${t.correct}/${t.total}\n`);
});

describe('labelled report corpus', () => {
  it('has a labelled corpus for every family', () => {
    for (const f of ['childrens-home', 'local-authority', 'school']) assert.ok(families.includes(f), `no labels for ${f}`);
  });

  for (const family of families) {
    const labels = JSON.parse(readFileSync(join(CORPUS, family, 'labels.json'), 'utf8')) as Label[];
    for (const [extractorName, extract] of Object.entries(extractors)) {
      describe(`${family} via ${extractorName}`, () => {
        for (const label of labels) {
          it(`${label.file} (${label.producer})`, async () => {
            const parsed = parseReportPages(await extract(join(CORPUS, family, label.file)));
            const results = check(label.expected, parsed);
            const t = tally.get(`${family} via ${extractorName}`) ?? { correct: 0, total: 0 };
            t.total += results.length;
            t.correct += results.filter(([, ok]) => ok).length;
            tally.set(`${family} via ${extractorName}`, t);
            const wrong = results.filter(([, ok]) => !ok).map(([f, , d]) => `${f}: ${d}`);
            assert.deepEqual(wrong, [], `${label.file}: ${wrong.join('; ')}`);
          });
        }
      });
    }
  }
});
