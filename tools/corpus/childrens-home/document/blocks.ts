// A small document model: just what a Word-made Ofsted report uses (styled paragraphs, tables with
// repeating header rows, lists, page breaks). The FODT writer turns it into LibreOffice's flat XML.

/** A run of text inside a paragraph; `br` is a manual line break (Shift+Enter in Word). */
export type Inline = string | { text: string; bold?: boolean; italic?: boolean } | { br: true } | { tab: true };

export type ParagraphStyle =
  | 'title'
  | 'subtitle'
  | 'urn'
  | 'heading1'
  | 'heading2'
  | 'heading3'
  | 'body'
  | 'lead'
  | 'small'
  | 'label'
  | 'address'
  | 'tableText'
  | 'tableHead';

export interface Paragraph {
  type: 'paragraph';
  style: ParagraphStyle;
  content: Inline[];
  /** Start a new page before this paragraph. */
  pageBreakBefore?: boolean;
  align?: 'left' | 'right' | 'center';
}

export interface TableCell {
  content: Paragraph[];
  /** Vertical alignment inside the cell; Ofsted's grade cells are centred against wrapped labels. */
  valign?: 'top' | 'middle';
  shaded?: boolean;
}

export interface Table {
  type: 'table';
  /** Column widths in cm (their sum is the table width). */
  columns: number[];
  /** Rows repeated at the top of every page the table spans. */
  headerRows: TableCell[][];
  rows: TableCell[][];
  borders: 'grid' | 'none' | 'horizontal';
}

export interface List {
  type: 'list';
  ordered: boolean;
  /** Bullet character for unordered lists. */
  bullet?: string;
  items: Inline[][];
}

export type Block = Paragraph | Table | List;

export function para(style: ParagraphStyle, ...content: Inline[]): Paragraph {
  return { type: 'paragraph', style, content };
}

export function cell(text: Inline[] | string, options: Omit<TableCell, 'content'> & { style?: ParagraphStyle } = {}): TableCell {
  const { style = 'tableText', ...rest } = options;
  return { content: [para(style, ...(typeof text === 'string' ? [text] : text))], ...rest };
}
