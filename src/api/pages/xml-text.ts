// Feeds are XML: one stray control character from a scraped page (a form feed in a PDF's text, say)
// makes the whole document unreadable to every feed reader, so those are dropped before escaping.

/** Characters XML 1.0 does not allow anywhere, lone surrogates included. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text fit for an XML element or a quoted attribute. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
