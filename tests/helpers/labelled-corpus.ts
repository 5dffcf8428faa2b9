import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractPdfPages } from '../../src/ofsted/reports/extract-text.js';
import type { ParsedReport } from '../../src/ofsted/types.js';
import { normaliseText } from '../../src/ofsted/vocabulary.js';
import { REPO_ROOT } from './cli.js';

// The labelled corpus: tests/fixtures/reports/<family>/labels.json lists, for each PDF, the facts a person
// read off it (format: tools/corpus/README.md). Shared by the accuracy test and the family tests.

export interface Label {
  file: string;
  producer: string;
  source?: string;
  notes?: string;
  expected: Record<string, unknown>;
}

export const CORPUS_DIR = join(REPO_ROOT, 'tests/fixtures/reports');

export function corpusFamilies(): string[] {
  return existsSync(CORPUS_DIR) ? readdirSync(CORPUS_DIR).filter((f) => existsSync(join(CORPUS_DIR, f, 'labels.json'))).sort() : [];
}

export function loadLabels(family: string): Label[] {
  return JSON.parse(readFileSync(join(CORPUS_DIR, family, 'labels.json'), 'utf8')) as Label[];
}

/** Both extractors the product may use, as plainly as possible: the parsers must read either's text. */
export const EXTRACTORS: Record<string, (file: string) => Promise<string[]>> = {
  // poppler's plain reading order (no -layout).
  pdftotext: async (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f'),
  'pdf-parse': async (file) => extractPdfPages(readFileSync(file)),
};

const norm = (v: unknown): unknown =>
  typeof v === 'string'
    ? normaliseText(v).replace(/\s+/g, ' ').trim()
    : Array.isArray(v)
      ? v.map(norm)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]))
        : v;

export interface FieldResult {
  field: string;
  ok: boolean;
  detail: string;
}

/** Each labelled field checked against a parse; judgements and key findings count one per entry. */
export function checkLabel(expected: Record<string, unknown>, got: ParsedReport): FieldResult[] {
  const out: FieldResult[] = [];
  const push = (field: string, ok: boolean, detail: string) => out.push({ field, ok, detail });
  for (const [field, want] of Object.entries(expected)) {
    if (field === 'judgements') {
      const wanted = want as Record<string, string>;
      for (const [key, grade] of Object.entries(wanted)) {
        const actual = got.judgements.find((j) => j.key === key)?.grade ?? null;
        push(`judgements.${key}`, actual === grade, `${actual} != ${grade}`);
      }
      const extra = got.judgements.filter((j) => !(j.key in wanted)).map((j) => `${j.key}=${j.grade}`);
      push('judgements (none unlabelled)', extra.length === 0, `unlabelled ${extra.join(', ')}`);
    } else if (field === 'keyFindings') {
      const have = got.keyFindings.map(norm);
      for (const k of want as string[]) push('keyFindings', have.includes(norm(k)), `missing "${k}" in ${JSON.stringify(have)}`);
    } else if (field === 'recommendations') {
      push(field, got.recommendations.length === want, `${got.recommendations.length} != ${want}`);
    } else if (field === 'requirements') {
      const actual = got.requirements.map((r) => ({ regulation: r.regulation, dueDate: r.dueDate }));
      push(field, JSON.stringify(actual) === JSON.stringify(want), `${JSON.stringify(actual)} != ${JSON.stringify(want)}`);
    } else {
      const actual = (got as unknown as Record<string, unknown>)[field];
      push(field, JSON.stringify(norm(actual)) === JSON.stringify(norm(want)), `${JSON.stringify(actual)} != ${JSON.stringify(want)}`);
    }
  }
  return out;
}

/**
 * The layouts a children's-home corpus file stands for, from its name (tools/corpus/README.md): accuracy is
 * printed per layout as well as per family. A file may stand for several ("…-secure-…-numbered").
 */
export function layoutTags(family: string, file: string): string[] {
  if (family !== 'childrens-home') return [];
  const name = file.replace(/^pdfkit-/, '');
  const tags: string[] = [];
  if (/^full-201[5-7]-/.test(name)) tags.push('full 2015-2017 (sentences, no colons)');
  else if (/^full-201[89]-/.test(name)) tags.push('full 2018-2019 (table)');
  else if (/^full-202/.test(name)) tags.push('full 2022 on');
  if (/-secure-/.test(name)) tags.push("secure children's homes");
  if (/^rss-/.test(name)) tags.push('residential special schools 2015-2017');
  if (/-numbered/.test(name)) tags.push('grades with numbers');
  if (/^legacy-/.test(name)) tags.push('pre-2015');
  if (/^(interim|monitoring|assurance)-/.test(name)) tags.push(name.split('-')[0]!);
  if (/^\d{7}$/.test(/-(SC\d{6}|\d{7})-/.exec(name)?.[1] ?? '')) tags.push('7-digit URN');
  return tags;
}
