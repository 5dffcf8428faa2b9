/** Plain-text parts keep to this width so they read on a phone and in a terminal. */
export const TEXT_WIDTH = 78;

const URL_LIKE = /(?:https?:\/\/|mailto:)\S/i;

/**
 * Greedy word wrap. `first` prefixes the first line, `rest` the others (a hanging indent for list items).
 * A URL is never broken, so a line holding one may be longer than `width`; any other word longer than a
 * line is cut, so only URLs ever exceed it.
 */
export function wrapText(text: string, o: { width?: number; first?: string; rest?: string } = {}): string[] {
  const width = o.width ?? TEXT_WIDTH;
  const first = o.first ?? '';
  const rest = o.rest ?? first.replace(/./g, ' ');
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = first;
  let empty = true;
  const flush = () => {
    lines.push(line.trimEnd());
    line = rest;
    empty = true;
  };
  for (const word of words) {
    const pieces = URL_LIKE.test(word) ? [word] : chop(word, Math.max(8, width - Math.max(first.length, rest.length)));
    for (const piece of pieces) {
      if (!empty && line.length + 1 + piece.length > width) flush();
      line += (empty ? '' : ' ') + piece;
      empty = false;
    }
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

function chop(word: string, size: number): string[] {
  if (word.length <= size) return [word];
  const out: string[] = [];
  for (let i = 0; i < word.length; i += size) out.push(word.slice(i, i + size));
  return out;
}
