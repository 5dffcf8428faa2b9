import { LocalRedisServer } from '../../src/redis/local-redis-server.js';

/** REDIS_URL when set, else a private redis-server in `dir` on a random port, stopped by the cleanups. */
export async function benchRedisUrl(dir: string, cleanups: (() => Promise<unknown> | unknown)[]): Promise<string> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const local = await LocalRedisServer.start({ port: 40_000 + Math.floor(Math.random() * 20_000), dir });
  cleanups.push(() => local.stop());
  return local.url;
}
