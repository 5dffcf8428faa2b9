import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export type LogFormat = 'json' | 'pretty';

const REDACTED_PATHS = [
  'SMTP_URL',
  'API_TOKEN',
  'DATABASE_URL',
  'REDIS_URL',
  '*.SMTP_URL',
  '*.API_TOKEN',
  '*.DATABASE_URL',
  '*.REDIS_URL',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'token',
  '*.token',
];

/**
 * Logs go to stderr so `--json` output on stdout stays one clean document. Secrets are redacted by
 * key wherever they appear, so a config object or request options logged by mistake leak nothing.
 * `format` (LOG_FORMAT): coloured lines for a person at a terminal, JSON lines for anything that collects logs.
 */
export function createLogger(level: string = 'info', bindings: Record<string, unknown> = {}, format?: LogFormat): Logger {
  const pretty = (format ?? (process.stderr.isTTY ? 'pretty' : 'json')) === 'pretty';
  return pino(
    { level, base: { pid: process.pid, ...bindings }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    pretty ? prettyStderr() : pino.destination({ fd: 2, sync: true }),
  );
}

/** pino-pretty in this thread (not a transport worker), loaded only when asked for; redaction happens before it. */
function prettyStderr(): DestinationStream {
  const require = createRequire(import.meta.url);
  const pinoPretty = require('pino-pretty') as typeof import('pino-pretty');
  return pinoPretty({
    destination: 2,
    sync: true,
    colorize: process.stderr.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
    ignore: 'pid,hostname',
  });
}
