// Picks the store from the service configuration: Redis when one is configured (REDIS_URL, a cluster or Sentinel) (several instances
// share it), else the embedded store under M1_DATA_DIR. The revocation work opens its own Redis
// connections rather than sharing the app's: the check path needs fail-fast options (no offline
// queue, no retries; redis-options.ts) and pub/sub needs a dedicated connection anyway.
import type { ServiceConfig } from '../config';
import type { RedisErrorSink } from '../redis/errors';
import { EmbeddedRevocationStore } from './embedded-store';
import { RedisRevocationStore } from './redis-store';
import type { RevocationStore } from './types';

export async function openRevocationStore(config: ServiceConfig, onRedisError?: RedisErrorSink): Promise<RevocationStore> {
  if (config.redis === null) return EmbeddedRevocationStore.open({ dataDir: config.dataDir });
  const store = new RedisRevocationStore({
    topology: config.redis,
    minReplicas: config.redisRevocationMinReplicas,
    ...(onRedisError ? { onRedisError } : {}),
    keyPrefix: config.redisKeyPrefix,
    commandTimeoutMs: config.redisCommandTimeoutMs,
    connectTimeoutMs: config.redisConnectTimeoutMs,
    connectionName: `m1-ops:${config.instanceId ?? process.pid}:revocation`,
  });
  // Start without waiting for Redis beyond the connect timeout: while it is down, checks fail
  // closed and writes answer 503, and both recover when it comes back.
  await Promise.race([store.ready(), new Promise<void>((r) => setTimeout(r, config.redisConnectTimeoutMs).unref())]);
  return store;
}
