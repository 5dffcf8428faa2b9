import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { ApiQueues } from './api-queues.js';

/** What the HTTP API is given by whoever runs it (the daemon); it opens nothing itself. */
export interface ApiDeps {
  /** HOST, PORT and API_TOKEN are read from it. */
  config: Config;
  /** Fastify logs through a child of it (`component: "api"`), one line per request with its id. */
  logger: Logger;
  store: Store;
  queues: ApiQueues;
  /** Checked by GET /health; an ioredis client (e.g. a queue's connection) fits. */
  redis: { ping(): Promise<unknown> };
  /**
   * Where to listen. @defaultValue config.HOST (loopback unless set; 0.0.0.0 in the image) and config.PORT;
   * port 0 picks a free one (tests).
   */
  listen?: { host?: string; port?: number };
}
