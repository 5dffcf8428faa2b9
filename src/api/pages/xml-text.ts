// Feeds are XML: one stray control character from a scraped page (a form feed in a PDF's text, say)
// makes the whole document unreadable to every feed reader, so those are dropped before escaping.

/** Characters XML 1.0 does not allow anywhere, lone surrogates included. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text with the characters XML forbids dropped, for the html`` tag to escape (its escapes are XML's too). */
export function xmlClean(text: string): string {
  return text.replace(NOT_XML, '');
}
