// Text from the far side (an SMTP reply, an HTTP body) made fit for a one-line error message. Pure.

const MAX_LENGTH = 300;

/**
 * Collapse to one line, blank out each secret (as written and percent-encoded, the two forms a URL
 * password takes) and cap the length. Servers do not echo passwords, but a misconfigured proxy or a
 * verbose error page might, and this text ends up in the store and the logs.
 */
export function safeOneLine(text: string, secrets: readonly string[] = [], maxLength = MAX_LENGTH): string {
  let line = text.replace(/\s+/g, ' ').trim();
  for (const secret of secrets) {
    if (secret === '') continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) line = line.split(form).join('***');
  }
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}
