// The revocation library an M1 application embeds (bundled as dist/revocation.js, package export
// `m1-ops/revocation`). The usual entry is createRevocationChecker(); the parts are exported for
// services that wire their own store.
import { RevocationChecker, type RevocationCheckerOptions } from './checker';
import type { RedisTopology } from '../redis/topology';
import { RedisRevocationStore } from './redis-store';

export { RevocationChecker, decide } from './checker';
export type { CheckClaims, CheckOutcome, CheckerStats, RevocationCheckerOptions, RevocationErrorEvent } from './checker';
export { RedisRevocationStore } from './redis-store';
export type { RedisStoreOptions } from './redis-store';
export { EmbeddedRevocationStore } from './embedded-store';
export { commandConnectionOptions, subscriberConnectionOptions } from './redis-options';
export type { RedisTopology, RedisEndpoint } from '../redis/topology';
export type * from './types';
export { decodeJwt } from '../../../shared/src/jwt';

export interface CreateCheckerOptions extends Omit<RevocationCheckerOptions, 'store' | 'ownsStore' | 'cacheTtlS'> {
  /** REDIS_URL: the Redis the M1 Ops service instances use (a standalone server)... */
  redisUrl?: string;
  /** ...or the service's topology: a cluster (`{ kind: 'cluster', nodes, password?, tls }`) or Sentinel
   * (`{ kind: 'sentinel', sentinels, master, password?, sentinelPassword?, tls }`). */
  redis?: RedisTopology;
  /** REDIS_KEY_PREFIX (default `m1:`): must match the service's. */
  keyPrefix?: string;
  /** TOKEN_REVOCATION_CACHE_TTL_S (default 60). */
  cacheTtlS?: number;
  /** REDIS_COMMAND_TIMEOUT_MS (default 500): a check fails closed after this long. */
  commandTimeoutMs?: number;
  /** REDIS_CONNECT_TIMEOUT_MS (default 5000). */
  connectTimeoutMs?: number;
}

/**
 * A checker on the service's Redis. Resolves once connected and subscribed, or after the connect
 * timeout if Redis is down (checks then fail closed until it answers; it keeps reconnecting).
 * `checker.close()` closes its connections.
 */
export async function createRevocationChecker(o: CreateCheckerOptions): Promise<RevocationChecker> {
  const { redisUrl, redis, keyPrefix, cacheTtlS, commandTimeoutMs, connectTimeoutMs, ...rest } = o;
  const connect = connectTimeoutMs ?? 5000;
  if ((redisUrl === undefined) === (redis === undefined)) throw new TypeError('createRevocationChecker needs exactly one of redisUrl and redis');
  const store = new RedisRevocationStore({
    ...(redis ? { topology: redis } : { url: redisUrl }),
    keyPrefix: keyPrefix ?? 'm1:',
    commandTimeoutMs: commandTimeoutMs ?? 500,
    connectTimeoutMs: connect,
  });
  const checker = new RevocationChecker({ ...rest, store, ownsStore: true, cacheTtlS: cacheTtlS ?? 60 });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([store.ready(), new Promise<void>((r) => (timer = setTimeout(r, connect)))]);
  clearTimeout(timer);
  return checker;
}
