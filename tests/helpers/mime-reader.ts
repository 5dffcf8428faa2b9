// A small reader for the raw messages the SMTP sink collects (mailparser cannot be installed here).
// It covers what our mails use: unfolded headers, RFC 2047 encoded words, nested multiparts, and
// quoted-printable / base64 / 7bit / 8bit bodies in any charset TextDecoder knows.

/** Header fields in order; names compared case-insensitively. */
export class MimeHeaders {
  readonly fields: ReadonlyArray<{ name: string; value: string }>;

  constructor(fields: Array<{ name: string; value: string }>) {
    this.fields = fields;
  }

  /** The first field's value as written (unfolded, trimmed). */
  get(name: string): string | undefined {
    return this.getAll(name)[0];
  }

  getAll(name: string): string[] {
    const wanted = name.toLowerCase();
    return this.fields.filter((f) => f.name.toLowerCase() === wanted).map((f) => f.value);
  }

  /** The first field's value with encoded words decoded (for Subject, display names). */
  decoded(name: string): string | undefined {
    const value = this.get(name);
    return value === undefined ? undefined : decodeEncodedWords(value);
  }
}

export interface MimePart {
  headers: MimeHeaders;
  /** Lower-cased type/subtype; text/plain when the part names none. */
  contentType: string;
  /** Content-Type parameters, names lower-cased. */
  params: Record<string, string>;
  /** Children of a multipart; empty for a leaf. */
  parts: MimePart[];
  /** A leaf's body after transfer decoding, as bytes. */
  bytes: Buffer;
  /** A leaf's body decoded to text with its charset (utf-8 when none is named). */
  text: string;
}

export interface ReadMessage {
  headers: MimeHeaders;
  /** Subject with encoded words decoded. */
  subject: string | undefined;
  root: MimePart;
  /** Every leaf part, depth first. */
  leaves: MimePart[];
  /** The first text/plain leaf's text. */
  text: string | undefined;
  /** The first text/html leaf's text. */
  html: string | undefined;
}

/** Read a raw RFC 5322 message. Line ends become LF in decoded text. */
export function readMessage(raw: string): ReadMessage {
  const root = readPart(raw.replace(/\r\n/g, '\n'));
  const leaves = collectLeaves(root);
  return {
    headers: root.headers,
    subject: root.headers.decoded('subject'),
    root,
    leaves,
    text: leaves.find((p) => p.contentType === 'text/plain')?.text,
    html: leaves.find((p) => p.contentType === 'text/html')?.text,
  };
}

function readPart(source: string): MimePart {
  // A part with no headers starts with its blank line; one with no blank line is all headers.
  let headerText = '';
  let body = source.slice(1);
  if (!source.startsWith('\n')) {
    const blank = source.indexOf('\n\n');
    headerText = blank < 0 ? source : source.slice(0, blank);
    body = blank < 0 ? '' : source.slice(blank + 2);
  }
  const headers = new MimeHeaders(readHeaderFields(headerText));
  const { type, params } = readContentType(headers.get('content-type'));
  if (type.startsWith('multipart/') && params.boundary) {
    return { headers, contentType: type, params, parts: splitMultipart(body, params.boundary).map(readPart), bytes: Buffer.alloc(0), text: '' };
  }
  const bytes = decodeTransfer(body, headers.get('content-transfer-encoding'));
  return { headers, contentType: type, params, parts: [], bytes, text: decodeCharset(bytes, params.charset) };
}

/** Unfold (a line starting with space or tab continues the previous one) and split at the first colon. */
export function readHeaderFields(headerText: string): Array<{ name: string; value: string }> {
  const fields: Array<{ name: string; value: string }> = [];
  for (const line of headerText.split('\n')) {
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1) });
  }
  return fields.map((f) => ({ name: f.name, value: f.value.trim() }));
}

function readContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  if (!value) return { type: 'text/plain', params: {} };
  const [type = 'text/plain', ...rest] = splitOutsideQuotes(value, ';');
  const params: Record<string, string> = {};
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const name = piece.slice(0, eq).trim().toLowerCase();
    let paramValue = piece.slice(eq + 1).trim();
    if (paramValue.startsWith('"') && paramValue.endsWith('"')) {
      paramValue = paramValue.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    params[name] = paramValue;
  }
  return { type: type.trim().toLowerCase(), params };
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === '\\' && quoted) {
      current += ch + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      pieces.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  pieces.push(current);
  return pieces;
}

/** The bodies between `--boundary` lines, up to `--boundary--`; preamble and epilogue dropped. */
function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of body.split('\n')) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}--`) {
      if (current) parts.push(current.join('\n'));
      return parts;
    }
    if (trimmed === `--${boundary}`) {
      if (current) parts.push(current.join('\n'));
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join('\n'));
  return parts;
}

function decodeTransfer(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '7bit').trim().toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    default:
      return Buffer.from(body, 'utf8');
  }
}

/** RFC 2045 quoted-printable: `=XX` is a byte, `=` at a line end joins lines, trailing blanks are padding. */
export function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const lines = text.split('\n');
  lines.forEach((rawLine, index) => {
    let line = rawLine.replace(/[ \t]+$/, '');
    const soft = line.endsWith('=');
    if (soft) line = line.slice(0, -1);
    for (let i = 0; i < line.length; i++) {
      const hex = line[i] === '=' ? line.slice(i + 1, i + 3) : '';
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(line[i] as string, 'utf8'));
      }
    }
    if (!soft && index < lines.length - 1) bytes.push(0x0a);
  });
  return Buffer.from(bytes);
}

function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

const ENCODED_WORD = /=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g;

/**
 * RFC 2047: decode `=?charset?Q|B?text?=` words. Whitespace between two encoded words is dropped, and
 * adjacent words in one charset are decoded together, so a character split across words survives.
 */
export function decodeEncodedWords(value: string): string {
  let out = '';
  let pending: { charset: string; bytes: number[] } | undefined;
  let last = 0;
  const flush = () => {
    if (pending) out += decodeCharset(Buffer.from(pending.bytes), pending.charset.replace(/\*.*$/, ''));
    pending = undefined;
  };
  for (const match of value.matchAll(ENCODED_WORD)) {
    const [word, charset = 'utf-8', encoding = 'Q', text = ''] = match;
    const between = value.slice(last, match.index);
    if (!(pending && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    const bytes = encoding.toUpperCase() === 'B' ? [...Buffer.from(text, 'base64')] : decodeQ(text);
    if (pending && pending.charset.toLowerCase() === charset.toLowerCase()) pending.bytes.push(...bytes);
    else {
      flush();
      pending = { charset, bytes };
    }
    last = (match.index ?? 0) + word.length;
  }
  flush();
  return out + value.slice(last);
}

/** The Q encoding of RFC 2047: like quoted-printable, but `_` is a space and blanks at the end count. */
function decodeQ(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (text[i] === '_') bytes.push(0x20);
    else bytes.push(...Buffer.from(text[i] as string, 'utf8'));
  }
  return bytes;
}

function collectLeaves(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(collectLeaves);
}
