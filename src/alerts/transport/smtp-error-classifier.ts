// What an SMTP failure means for the outbox: retry later, or never. Pure: takes nodemailer's error
// fields, returns a DeliveryError whose message is one line without secrets.
import { DeliveryError } from './delivery-error.js';
import { safeOneLine } from './safe-text.js';

/** The fields of a nodemailer error this reads (see NodemailerError). */
export interface SmtpErrorFields {
  message?: string;
  code?: string;
  /** Node's code under nodemailer's, e.g. ECONNREFUSED under ESOCKET. */
  originalCode?: string;
  responseCode?: number;
  response?: string;
  /** The SMTP command in flight: CONN, EHLO, AUTH PLAIN, MAIL FROM, RCPT TO, DATA… */
  command?: string;
  rejected?: string[];
  timeoutType?: string;
}

export interface SmtpFailureContext {
  /** host:port of the server, named in the message. */
  server: string;
  recipient: string;
  /** Values to blank out of any server text (the SMTP password). */
  secrets: readonly string[];
}

/** Node socket codes that mean "the server is not there right now". */
const CONNECTION_CODES: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ECONNRESET: 'reset the connection',
  EPIPE: 'closed the connection',
  EHOSTUNREACH: 'is unreachable',
  ENETUNREACH: 'is unreachable',
  ENOTFOUND: 'has a host name that does not resolve',
  EAI_AGAIN: 'has a host name that does not resolve right now',
};

/**
 * Permanent only when this message itself was refused with a 5xx: the recipient (RCPT TO) or the
 * content (after DATA). A 5xx to EHLO, AUTH or MAIL FROM is our configuration's fault (wrong
 * password, a sender the relay will not take), not the recipient's: marking every recipient
 * rejected for it would lose the alerts, so those stay transient until the operator fixes it.
 * 503 (bad command sequence) is a session fault and also transient, as RFC 5321 intends.
 */
export function classifySmtpError(error: unknown, context: SmtpFailureContext): DeliveryError {
  const fields: SmtpErrorFields = typeof error === 'object' && error !== null ? (error as SmtpErrorFields) : {};
  const { server, recipient, secrets } = context;
  const code = fields.originalCode ?? fields.code;
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : undefined;
  const reply = fields.response ? safeOneLine(fields.response, secrets) : undefined;
  const command = (fields.command ?? '').toUpperCase();

  if (responseCode !== undefined) {
    const refused = responseCode >= 500 && responseCode !== 503;
    const aboutThisMessage =
      command === 'RCPT TO' || command.startsWith('DATA') || (fields.rejected ?? []).includes(recipient);
    const details = { permanent: refused && aboutThisMessage, responseCode, ...(code ? { code } : {}) };
    const answer = reply ?? String(responseCode);
    if (command === 'RCPT TO' || (fields.rejected ?? []).includes(recipient)) {
      const verb = refused ? 'rejected' : 'deferred';
      return new DeliveryError(`SMTP ${server} ${verb} recipient ${recipient}: ${answer}`, details);
    }
    if (command.startsWith('DATA')) {
      const verb = refused ? 'rejected' : 'deferred';
      return new DeliveryError(`SMTP ${server} ${verb} the message to ${recipient}: ${answer}`, details);
    }
    if (command.startsWith('AUTH') || fields.code === 'EAUTH') {
      return new DeliveryError(`SMTP ${server} refused the login: ${answer}`, details);
    }
    const step = command ? ` to ${command}` : '';
    return new DeliveryError(`SMTP ${server} answered${step}: ${answer}`, details);
  }

  if (code && code in CONNECTION_CODES) {
    return new DeliveryError(`SMTP ${server} ${CONNECTION_CODES[code]} (${code})`, { permanent: false, code });
  }
  if (fields.code === 'ETIMEDOUT' || code === 'ETIMEDOUT') {
    const which = fields.timeoutType ? ` (${fields.timeoutType})` : '';
    return new DeliveryError(`SMTP ${server} timed out${which}`, { permanent: false, code: 'ETIMEDOUT' });
  }
  if (fields.code === 'EABORT') {
    return new DeliveryError(`SMTP ${server} took too long; send abandoned (the server may still deliver it)`, {
      permanent: false,
      code: 'EABORT',
    });
  }
  if (fields.code === 'EENVELOPE') {
    // No reply code: nodemailer refused the envelope itself (no usable recipient); it never will take it.
    const why = safeOneLine(fields.message ?? 'invalid envelope', secrets);
    return new DeliveryError(`cannot send to ${recipient}: ${why}`, { permanent: true, code: 'EENVELOPE' });
  }
  const why = safeOneLine(firstLine(fields.message ?? String(error)), secrets);
  const suffix = code ? ` (${code})` : '';
  return new DeliveryError(`SMTP ${server}: ${why}${suffix}`, { permanent: false, ...(code ? { code } : {}) });
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? '';
}
