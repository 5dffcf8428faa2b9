import type { Logger } from 'pino';

export interface SmtpTransportOptions {
  /** SMTP_URL: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS). */
  url: string;
  /** ALERT_FROM: the From address, e.g. `Ofsted Monitor <alerts@example.org>`. */
  from: string;
  /** Longest wait for the TCP (and TLS) connection, ms. @defaultValue 10000 */
  connectionTimeoutMs?: number;
  /** Longest wait for the server's greeting once connected, ms. @defaultValue 10000 */
  greetingTimeoutMs?: number;
  /** Longest silence from the server mid-conversation, ms. @defaultValue 30000 */
  socketTimeoutMs?: number;
  /** Longest a whole send may take, however slowly the server trickles replies, ms. @defaultValue 60000 */
  sendTimeoutMs?: number;
  /** Connections the pool keeps open at most. @defaultValue 2 */
  maxConnections?: number;
  /** An idle pooled connection is closed after this, ms; shorter than servers' own idle limits. @defaultValue 30000 */
  idleTimeoutMs?: number;
  /** Receives one debug line per message sent (message id, server, reply); never credentials. @defaultValue no logging */
  logger?: Logger;
}
