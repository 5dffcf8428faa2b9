import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { ChannelTransports } from './transport/channel-transports.js';

/** What planning and sending alerts need; the CLI and the daemon each build one. */
export interface AlertDeps {
  store: Store;
  logger: Logger;
  config: Pick<
    Config,
    | 'PORT'
    | 'PUBLIC_URL'
    | 'SMTP_URL'
    | 'ALERT_FROM'
    | 'OPERATOR_EMAIL'
    | 'FAILURE_ALERT_AFTER'
    | 'UNREADABLE_ALERT_SHARE'
    | 'ALERT_MAX_ATTEMPTS'
    | 'ALERT_LEASE_MS'
    | 'ALERT_BACKOFF_MS'
    | 'RECONCILE_MAX_WAIT_MS'
  >;
  transports: ChannelTransports;
  now?: () => Date;
}

/** Base of every absolute link the daemon hands out (messages, feeds), without a trailing slash. */
export function publicUrl(config: Pick<AlertDeps['config'], 'PUBLIC_URL' | 'PORT'>): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

export function nowIso(deps: AlertDeps): string {
  return (deps.now?.() ?? new Date()).toISOString();
}
