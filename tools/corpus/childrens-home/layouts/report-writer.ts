// Accumulates a report's blocks and remembers what it printed: the key findings it placed and the facts
// that must be found again in the PDF's text (checked by verify-pdf.ts after conversion).

import { SeededRandom } from '../../../fake-ofsted/util/seeded-random.js';
import { para, type Block, type Inline, type ParagraphStyle, type TableCell } from '../document/blocks.js';
import type { DocumentLayout } from '../document/fodt-writer.js';
import type { Grade, ReportSpec } from '../report-spec.js';
import { LINKING, SENTENCES, VERDICTS, type Area } from '../text/narrative-bank.js';
import { dateRange } from '../text/dates.js';

export interface BuiltReport {
  blocks: Block[];
  layout: DocumentLayout;
  /** Verdict sentences placed at the start of a section or of the findings. */
  keyFindings: string[];
  /** Strings the PDF text must contain (compared after quote, dash and space normalisation). */
  facts: string[];
}

const GRADE_BASE: Readonly<Record<Grade, string>> = {
  outstanding: 'outstanding',
  good: 'good',
  'requires-improvement': 'requires improvement to be good',
  inadequate: 'inadequate',
  adequate: 'adequate',
  satisfactory: 'satisfactory',
  'not-judged': 'not judged',
};

/** A grade in one of the casings Ofsted's files use. */
export function gradeWords(grade: Grade, casing: ReportSpec['style']['gradeCase']): string {
  const base = GRADE_BASE[grade];
  const sentence = base.charAt(0).toUpperCase() + base.slice(1);
  switch (casing) {
    case 'lower':
      return base;
    case 'sentence':
      return sentence;
    case 'title':
      return sentence.replace('improvement', 'Improvement').replace('judged', 'Judged');
    case 'upper':
      return base.toUpperCase();
    case 'odd':
      // Seen in Ofsted's own data: a capital in the middle only.
      return grade === 'requires-improvement' ? 'requires Improvement to be good' : base.toUpperCase();
  }
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

export function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

export class ReportWriter {
  readonly blocks: Block[] = [];
  readonly keyFindings: string[] = [];
  readonly facts: string[] = [];
  readonly r: SeededRandom;
  /** Rewords narrative for the setting (a school's "residential provision" rather than "the home"). */
  rewrite: (sentence: string) => string = (x) => x;
  private readonly used = new Set<string>();

  constructor(readonly spec: ReportSpec) {
    this.r = new SeededRandom(spec.layoutSeed === 0 ? `corpus:${spec.file}` : `corpus:${spec.file}:${spec.layoutSeed}`);
  }

  p(style: ParagraphStyle, ...content: Inline[]): void {
    this.blocks.push(para(style, ...content));
  }

  pageBreak(style: ParagraphStyle, ...content: Inline[]): void {
    this.blocks.push({ ...para(style, ...content), pageBreakBefore: true });
  }

  heading(level: 1 | 2 | 3, text: string): void {
    this.p(level === 1 ? 'heading1' : level === 2 ? 'heading2' : 'heading3', text);
  }

  /** "Label: value" with the label in bold, as one paragraph. */
  labelLine(label: string, value: Inline[] | string, fact = true): void {
    const runs = typeof value === 'string' ? [value] : value;
    this.p('label', { text: `${label} `, bold: true }, ...runs);
    if (fact) this.fact(`${label} ${runs.filter((x): x is string => typeof x === 'string').join(' ')}`);
  }

  fact(text: string): void {
    this.facts.push(text);
  }

  table(columns: number[], rows: TableCell[][], headerRows: TableCell[][] = [], borders: 'grid' | 'none' | 'horizontal' = 'grid'): void {
    this.blocks.push({ type: 'table', columns, rows, headerRows, borders });
  }

  list(ordered: boolean, items: string[]): void {
    this.blocks.push({ type: 'list', ordered, bullet: this.spec.style.bullet, items: items.map((i) => [i]) });
  }

  /** The inspection dates as printed, with the line break of the `split` style as a manual break. */
  dates(): Inline[] {
    const parts = dateRange(this.spec.start, this.spec.end, this.spec.style.dateStyle);
    return parts.flatMap((p, i) => (i === 0 ? [p] : [{ br: true } as const, p]));
  }

  datesText(): string {
    return dateRange(this.spec.start, this.spec.end, this.spec.style.dateStyle).join(' ');
  }

  /** "Inspection dates: 7 to 8 March 2019" or "Inspection date: 8 January 2019". */
  datesLine(): void {
    const oneDay = this.spec.start === this.spec.end;
    this.labelLine(oneDay ? 'Inspection date:' : 'Inspection dates:', this.dates(), false);
    this.fact(`${oneDay ? 'Inspection date:' : 'Inspection dates:'} ${this.datesText()}`);
  }

  /** The dates under another label ("Date of visit:"). */
  datesLineAs(label: string): void {
    this.labelLine(label, this.dates(), false);
    this.fact(`${label} ${this.datesText()}`);
  }

  /** A verdict sentence that opens a section: recorded as a key finding. */
  verdict(area: Area, grade: Grade): string {
    const g = grade === 'adequate' || grade === 'satisfactory' ? 'requires-improvement' : grade;
    if (g === 'not-judged') throw new Error('no verdict for a judgement that was not made');
    const pool = VERDICTS[area][g].filter((s) => !this.used.has(s));
    const s = this.r.pick(pool);
    this.used.add(s);
    return s;
  }

  keyFinding(sentence: string): void {
    this.keyFindings.push(sentence);
    this.fact(sentence);
  }

  /** `count` distinct narrative sentences of one tone about an area. */
  sentences(area: Area, tone: 'positive' | 'negative', count: number): string[] {
    const free = SENTENCES[area][tone].filter((s) => !this.used.has(s));
    const chosen = this.r.sample(free, count);
    for (const s of chosen) this.used.add(s);
    return chosen;
  }

  linking(tone: 'positive' | 'negative'): string[] {
    const free = LINKING[tone].filter((s) => !this.used.has(s));
    if (free.length === 0 || !this.r.chance(0.6)) return [];
    const s = this.r.pick(free);
    this.used.add(s);
    return [s];
  }

  /**
   * Paragraphs about one area. The first opens with `lead` (a verdict, recorded as a key finding); the tone
   * of the rest follows the grade, as Ofsted's narrative does.
   */
  section(area: Area, grade: Grade | null, lead: string | null, paragraphs: number): void {
    const tones = Array.from({ length: paragraphs }, (_, i): 'positive' | 'negative' => {
      switch (grade) {
        case 'outstanding':
          return 'positive';
        case 'good':
          return i === paragraphs - 1 && this.r.chance(0.5) ? 'negative' : 'positive';
        case 'requires-improvement':
        case 'adequate':
        case 'satisfactory':
          return i % 2 === 0 ? 'positive' : 'negative';
        default:
          return i === 1 && this.r.chance(0.3) ? 'positive' : 'negative';
      }
    });
    tones.forEach((tone, i) => {
      const body = [...this.sentences(area, tone, this.r.int(3, 4)), ...this.linking(tone)].map(this.rewrite);
      if (i === 0 && lead) {
        this.keyFinding(this.rewrite(lead));
        body.unshift(this.rewrite(lead));
      }
      this.p('body', body.join(' '));
    });
  }

  /** Footer and header per the report's style. */
  layout(title: string, options: { header?: string | null; footerLines?: string[] } = {}): DocumentLayout {
    const s = this.spec.style;
    const urnLine = `Inspection report for ${this.spec.setting}: ${this.spec.urn}`;
    const footerLines =
      options.footerLines ??
      (s.footer === 'urn' ? [urnLine] : s.footer === 'urn-dates' ? [urnLine, this.datesText()] : []);
    return {
      font: s.font,
      bodySize: s.bodySize,
      headingColour: s.headingColour,
      curly: s.curly,
      header: options.header !== undefined ? options.header : s.header ? `${this.spec.urn}: ${title}` : null,
      footerLines,
      pageNumber: s.pageNumber,
      footerOnFirstPage: this.r.chance(0.5),
      borderColour: s.borderColour,
      headerShade: s.headerShade,
      title: `${this.spec.urn} ${title}`,
    };
  }

  built(layout: DocumentLayout): BuiltReport {
    return { blocks: this.blocks, layout, keyFindings: this.keyFindings, facts: this.facts };
  }
}

