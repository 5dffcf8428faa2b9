// A small, strict well-formedness check for the feeds' XML. Node has no XML parser and cheerio's xml
// mode forgives what a feed reader would not (a bare "&", an unclosed tag), so the tests scan by hand:
// one pass over the characters, a stack of open elements, nothing clever.

const ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === ':';
}

function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9') || c === '-' || c === '.';
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r';
}

/** Throws with the offset and reason at the first thing that is not well-formed XML 1.0. */
export function assertWellFormedXml(xml: string): void {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed at ${i}: ${why} near ${JSON.stringify(xml.slice(Math.max(0, i - 20), i + 20))}`);
  };
  for (const ch of xml) if (!isXmlChar(ch.codePointAt(0)!)) fail(`character U+${ch.codePointAt(0)!.toString(16)} not allowed`);

  const readName = (): string => {
    const start = i;
    if (!isNameStart(xml[i] ?? '')) fail('expected a name');
    while (i < xml.length && isNameChar(xml[i]!)) i++;
    return xml.slice(start, i);
  };
  const readReference = () => {
    // at '&'
    const end = xml.indexOf(';', i);
    if (end < 0) fail('"&" without ";"');
    const body = xml.slice(i + 1, end);
    const numeric = body.startsWith('#x')
      ? body.length > 2 && [...body.slice(2)].every((c) => '0123456789abcdefABCDEF'.includes(c))
      : body.startsWith('#') && body.length > 1 && [...body.slice(1)].every((c) => c >= '0' && c <= '9');
    if (!numeric && !ENTITIES.has(body)) fail(`unknown entity &${body};`);
    i = end + 1;
  };

  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  const stack: string[] = [];
  let roots = 0;
  while (i < xml.length) {
    const c = xml[i]!;
    if (c === '<') {
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
        continue;
      }
      if (xml[i + 1] === '/') {
        i += 2;
        const name = readName();
        while (isSpace(xml[i])) i++;
        if (xml[i] !== '>') fail('expected ">" closing an end tag');
        i++;
        if (stack.pop() !== name) fail(`</${name}> does not close the open element`);
        continue;
      }
      i++;
      if (stack.length === 0 && ++roots > 1) fail('more than one root element');
      const name = readName();
      const seen = new Set<string>();
      for (;;) {
        const hadSpace = isSpace(xml[i]);
        while (isSpace(xml[i])) i++;
        if (xml[i] === '/' && xml[i + 1] === '>') {
          i += 2;
          break;
        }
        if (xml[i] === '>') {
          i++;
          stack.push(name);
          break;
        }
        if (!hadSpace) fail('attributes must be separated by space');
        const attr = readName();
        if (seen.has(attr)) fail(`duplicate attribute ${attr}`);
        seen.add(attr);
        while (isSpace(xml[i])) i++;
        if (xml[i] !== '=') fail('expected "=" after an attribute name');
        i++;
        while (isSpace(xml[i])) i++;
        const quote = xml[i];
        if (quote !== '"' && quote !== "'") fail('attribute value not quoted');
        i++;
        while (xml[i] !== quote) {
          if (i >= xml.length) fail('unterminated attribute value');
          if (xml[i] === '<') fail('"<" inside an attribute value');
          if (xml[i] === '&') readReference();
          else i++;
        }
        i++;
      }
      continue;
    }
    if (c === '&') {
      if (stack.length === 0) fail('reference outside the root element');
      readReference();
      continue;
    }
    if (stack.length === 0 && !isSpace(c)) fail('text outside the root element');
    if (c === '>' && xml.startsWith(']]>', i - 2)) fail('"]]>" in text');
    i++;
  }
  if (stack.length) fail(`unclosed <${stack.at(-1)}>`);
  if (roots !== 1) fail('no root element');
}
