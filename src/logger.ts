import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Logs go to stderr so `--json` output on stdout stays one clean document. Secrets are redacted by
 * key wherever they appear, so a config object or request options logged by mistake leak nothing.
 */
export function createLogger(level: string = 'info', bindings: Record<string, unknown> = {}): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid, ...bindings },
      redact: {
        paths: [
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
        ],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
