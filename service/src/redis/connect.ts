// The one factory for the service's Redis connections (event store, revocation store, pub/sub, and
// the `m1-ops/revocation` checker library): the same calling code whatever the topology.
// - standalone: `new Redis(url)`;
// - cluster: `new Cluster(nodes)`: commands go to the slot's primary, MOVED/ASK are followed, the
//   slot map is refreshed every second so that a failover is noticed without a MOVED;
// - sentinel: `new Redis({ sentinels, name })`: the sentinels name the primary; a connection that
//   closes or meets READONLY (it reached a demoted primary) asks them again.
// Callers pass the per-role options (timeouts, offline queue, retries); this module adds what the
// topology needs. It never logs, and the options it builds hold the password only for ioredis.
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisTopology } from './topology';

export type RedisClient = Redis | Cluster;

/** A demoted primary answers writes with READONLY: reconnect (Sentinel then names the new one). */
function reconnectOnReadonly(e: Error): 1 | false {
  return e.message.startsWith('READONLY') ? 1 : false;
}

/** Reconnect delay: 50 ms doubling to a 1 s ceiling, forever (a check must recover on its own). */
export function reconnectDelay(attempt: number): number {
  return Math.min(50 * 2 ** Math.min(attempt - 1, 5), 1000);
}

export function createRedisClient(t: RedisTopology, o: RedisOptions): RedisClient {
  if (t.kind === 'standalone') return new Redis(t.url, { reconnectOnError: reconnectOnReadonly, ...o });
  const auth = {
    ...(t.username !== undefined ? { username: t.username } : {}),
    ...(t.password !== undefined ? { password: t.password } : {}),
    ...(t.tls ? { tls: {} } : {}),
  };
  if (t.kind === 'sentinel') {
    return new Redis({
      ...o,
      ...auth,
      sentinels: t.sentinels,
      name: t.master,
      role: 'master',
      ...(t.sentinelPassword !== undefined ? { sentinelPassword: t.sentinelPassword } : {}),
      ...(t.tls ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
      // No failoverDetector: in ioredis 5 a +switch-master that arrives while the client is still
      // connecting ends the client for good (connect() rejects, status "end"); measured in
      // test/reliability/redis-sentinel-faults.test.ts. A dead primary closes the connection and a
      // demoted one answers READONLY: both send the client back to the sentinels.
      sentinelRetryStrategy: reconnectDelay,
      // A sentinel that accepts the connection but never answers (partitioned, stopped) must not
      // hold the search for the primary: the next one is asked after this long.
      sentinelCommandTimeout: o.connectTimeout ?? 5000,
      reconnectOnError: reconnectOnReadonly,
    });
  }
  const { enableOfflineQueue, lazyConnect, enableAutoPipelining, retryStrategy, ...nodeOptions } = o;
  const clusterOptions: ClusterOptions = {
    redisOptions: { ...nodeOptions, ...auth, reconnectOnError: reconnectOnReadonly },
    ...(enableOfflineQueue !== undefined ? { enableOfflineQueue } : {}),
    ...(lazyConnect !== undefined ? { lazyConnect } : {}),
    ...(enableAutoPipelining !== undefined ? { enableAutoPipelining } : {}),
    // Reconnect to the cluster forever (the per-node retryStrategy does not apply to Cluster).
    clusterRetryStrategy: (times: number) => (retryStrategy ? retryStrategy(times) ?? reconnectDelay(times) : reconnectDelay(times)),
    slotsRefreshInterval: 1000,
    slotsRefreshTimeout: Math.max(1000, o.connectTimeout ?? 1000),
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    retryDelayOnMoved: 0,
    maxRedirections: 16,
    // Reads on primaries only: a replica may lag, and a revocation must be seen once acknowledged.
    scaleReads: 'master',
  };
  return new Cluster(t.nodes, clusterOptions);
}

export function isCluster(c: RedisClient): c is Cluster {
  return c instanceof Cluster;
}
