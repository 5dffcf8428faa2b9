import type { Logger } from '../logger.js';
import { LocalRedisServer, type LocalRedisOptions } from './local-redis-server.js';
import { DEFAULT_REDIS_URL, redactRedisUrl, redisAnswers } from './redis-connection.js';

export interface ResolvedRedis {
  url: string;
  /** The redis-server child this process started, to stop on exit; null when Redis was already there. */
  local: LocalRedisServer | null;
}

/**
 * The Redis the daemon uses: REDIS_URL when set (a shared Redis: never start one), else whatever answers
 * on 127.0.0.1:6379, else a redis-server child with its data under ./data/redis. Throws one line saying
 * how to get Redis when the binary is missing.
 */
export async function resolveRedis(
  redisUrl: string | undefined,
  logger: Logger,
  local: LocalRedisOptions = {},
): Promise<ResolvedRedis> {
  if (redisUrl) return { url: redisUrl, local: null };
  const port = local.port ?? 6379;
  const url = port === 6379 ? DEFAULT_REDIS_URL : `redis://127.0.0.1:${port}`;
  if (await redisAnswers(url)) return { url, local: null };
  const server = await LocalRedisServer.start({ ...local, port });
  logger.info({ redis: redactRedisUrl(server.url), pid: server.pid }, 'REDIS_URL unset and nothing on 127.0.0.1: started a local redis-server');
  return { url: server.url, local: server };
}
