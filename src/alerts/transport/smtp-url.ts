// Reading SMTP_URL. Pure: no I/O, and no error message ever repeats the URL (it holds the password).
import { ConfigError } from '../../config.js';

export interface SmtpServerSettings {
  /** smtps:// (TLS from the first byte); smtp:// upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  host: string;
  port: number;
  /** From the URL's user info, percent-decoded; absent when the URL has no user. */
  auth?: { user: string; pass: string };
}

const DEFAULT_PORT = { smtp: 587, smtps: 465 } as const;

/** Parse `smtp://[user[:pass]@]host[:port]` or `smtps://…`. Throws ConfigError naming the problem, never the value. */
export function parseSmtpUrl(smtpUrl: string): SmtpServerSettings {
  let url: URL;
  try {
    url = new URL(smtpUrl.trim());
  } catch {
    throw new ConfigError('bad configuration: SMTP_URL is not a URL (expected smtp://user:pass@host:port)');
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'smtp' && scheme !== 'smtps') {
    throw new ConfigError('bad configuration: SMTP_URL must start with smtp:// or smtps://');
  }
  // Non-special schemes keep IPv6 brackets in hostname; net.connect wants them off.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new ConfigError('bad configuration: SMTP_URL has no host');
  const port = url.port === '' ? DEFAULT_PORT[scheme] : Number(url.port);
  const settings: SmtpServerSettings = { secure: scheme === 'smtps', host, port };
  if (url.username !== '') {
    settings.auth = { user: decodeUriPart(url.username), pass: decodeUriPart(url.password) };
  }
  return settings;
}

/** host:port as shown in messages and logs. */
export function describeSmtpServer(settings: SmtpServerSettings): string {
  return settings.host.includes(':') ? `[${settings.host}]:${settings.port}` : `${settings.host}:${settings.port}`;
}

function decodeUriPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ConfigError('bad configuration: SMTP_URL has a malformed percent-escape in its user or password');
  }
}
