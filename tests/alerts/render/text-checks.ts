import assert from 'node:assert/strict';

/** Every line of a plain-text part fits 78 characters, unless it holds a URL (which is never broken). */
export function assertLinesFit(text: string, width = 78): void {
  for (const line of text.split('\n')) {
    if (line.length > width) assert.match(line, /https?:\/\//, `line wider than ${width} without a URL: ${JSON.stringify(line)}`);
  }
}

/** The visible text of an HTML part, entities decoded, for asserting on what a reader sees. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&middot;/g, '·')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
