/**
 * Text from a report or a page as one line: control characters and runs of whitespace (PDF line breaks
 * included) become single spaces, so nothing read from a report can start a new header or paragraph.
 */
export function oneLine(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

/** Shorten to at most `max` characters at a word boundary, ending with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  const t = oneLine(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const head = space > max * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.–-]+$/, '')}…`;
}
