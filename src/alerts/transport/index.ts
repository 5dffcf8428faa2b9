// Re-exports only.
export { ChannelTransports } from './channel-transports.js';
export { createTransport, type CreateTransportOptions } from './create-transport.js';
export { DeliveryError, type DeliveryErrorDetails } from './delivery-error.js';
export type { MessageTransport, SendResult } from './message-transport.js';
export { safeOneLine } from './safe-text.js';
export { classifySmtpError, type SmtpErrorFields, type SmtpFailureContext } from './smtp-error-classifier.js';
export { SmtpTransport } from './smtp-transport.js';
export type { SmtpTransportOptions } from './smtp-transport-options.js';
export { describeSmtpServer, parseSmtpUrl, type SmtpServerSettings } from './smtp-url.js';
export { NO_SMTP_URL, TransportNotConfiguredError } from './transport-not-configured-error.js';
export {
  classifyWebhookAnswer,
  MAX_WEBHOOK_RETRY_AFTER_MS,
  webhookFetchError,
  type WebhookAnswer,
} from './webhook-response-classifier.js';
export { WebhookTransport, webhookUserAgent } from './webhook-transport.js';
export type { WebhookTransportOptions } from './webhook-transport-options.js';
