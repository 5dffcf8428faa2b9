// Keeping a DATABASE_URL's password out of logs and error messages. Pure string work, no I/O.

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

interface UrlParts {
  /** Everything up to the password, e.g. `postgres://user:`. */
  head: string;
  password: string;
  /** `@host:port/db?…` */
  tail: string;
}

/**
 * Split at the password by hand rather than with URL: a password with an unescaped '/' or '@'
 * (pg accepts some) must not survive a parse that reads it differently.
 */
function splitAtPassword(url: string): UrlParts | null {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0];
  if (!scheme) return null;
  const rest = url.slice(scheme.length);
  const firstAt = rest.indexOf('@');
  if (firstAt < 0) return null;
  // The query starts at the first '?' or '#' after an '@'; one before it belongs to the password.
  const queryFrom = rest.slice(firstAt).search(/[?#]/);
  const at = (queryFrom < 0 ? rest : rest.slice(0, firstAt + queryFrom)).lastIndexOf('@');
  const colon = rest.slice(0, at).indexOf(':');
  if (colon < 0) return null;
  return {
    head: scheme + rest.slice(0, colon + 1),
    password: rest.slice(colon + 1, at),
    tail: rest.slice(at),
  };
}

/**
 * A DATABASE_URL fit for logs and error messages: the password of a postgres:// URL becomes `***`.
 * Anything else (sqlite: paths, URLs without a password) is returned as it is.
 */
export function redactDatabaseUrl(databaseUrl: string): string {
  const url = databaseUrl.trim();
  if (!POSTGRES_URL.test(url)) return url;
  const parts = splitAtPassword(url);
  return parts ? `${parts.head}***${parts.tail}` : url;
}

/** `text` (e.g. a driver's error message) with the URL and its password, raw or decoded, replaced. */
export function scrubDatabaseUrl(text: string, databaseUrl: string): string {
  const url = databaseUrl.trim();
  let out = text.split(url).join(redactDatabaseUrl(url));
  const password = splitAtPassword(url)?.password;
  if (!password) return out;
  const forms = new Set([password]);
  try {
    forms.add(decodeURIComponent(password));
  } catch {
    // Not valid percent-encoding: only the raw form can appear.
  }
  for (const form of forms) if (form) out = out.split(form).join('***');
  return out;
}
