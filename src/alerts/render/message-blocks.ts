// A message is built once as blocks and then written out twice, as plain text and as HTML, so the two
// parts always say the same thing, and escaping (HTML) and wrapping (text) each happen in one place.
// Every string in a block is plain, unescaped text.

/** One line of a judgements table: a grade before and after. */
export interface ChangeRow {
  label: string;
  before: string | null;
  now: string | null;
  /** Which way the grade moved; null when the two cannot be compared. */
  direction: 'down' | 'up' | 'same' | null;
}

export interface ListItem {
  /** Bold lead-in ("Regulation 12, due 29 Nov 2019"). */
  lead?: string;
  text: string;
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; tone?: 'alert' | 'good' | 'muted' }
  | { type: 'fields'; rows: { label: string; value: string }[] }
  | {
      type: 'changes';
      title: string;
      /** Dates of the two inspections compared, when known. */
      beforeWhen: string | null;
      nowWhen: string | null;
      rows: ChangeRow[];
    }
  | { type: 'list'; title: string; items: ListItem[]; more: string | null }
  | { type: 'links'; links: { label: string; url: string }[] }
  | { type: 'rule' };
