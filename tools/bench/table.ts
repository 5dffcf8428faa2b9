import { median } from './stats.js';

interface Row {
  pdf: { name: string; group: string };
  baseline: number[];
  pdftotext: number[];
  pdfParse: number[];
  childRssKb: { baseline: number | null; ours: number | null };
}

const HEAD = ['', 'PDFs', 'pdftotext ms', 'ours+pdftotext ms', 'ours+pdf-parse ms', 'pdftotext ×', 'pdf-parse ×', 'child RSS MB'];

/**
 * One row per family/producer group (and per file when asked), then the total: each cell is the median over
 * the group's PDFs of each PDF's median ms; × is ours over the pdftotext baseline.
 */
export function renderTable(rows: readonly Row[], perFile: boolean): string {
  const lines: string[][] = [HEAD];
  const groups = [...new Set(rows.map((r) => r.pdf.group))].sort();
  for (const g of groups) {
    const inGroup = rows.filter((r) => r.pdf.group === g);
    lines.push(summarise(g, inGroup));
    if (perFile) for (const r of inGroup) lines.push(summarise(`  ${r.pdf.name.split('/').at(-1)}`, [r]));
  }
  lines.push(summarise('all', rows));
  const widths = HEAD.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  return lines.map((l) => l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

function summarise(label: string, rows: readonly Row[]): string[] {
  const per = (pick: (r: Row) => number[]) => median(rows.map((r) => median(pick(r))));
  const base = per((r) => r.baseline);
  const pt = per((r) => r.pdftotext);
  const pp = per((r) => r.pdfParse);
  const rss = rows.map((r) => Math.max(r.childRssKb.baseline ?? 0, r.childRssKb.ours ?? 0));
  return [label, String(rows.length), base.toFixed(1), pt.toFixed(1), pp.toFixed(1), (pt / base).toFixed(2), (pp / base).toFixed(2), (Math.max(...rss) / 1024).toFixed(0)];
}
