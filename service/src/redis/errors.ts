// Redis errors by kind, for /metrics (m1_redis_errors_total{kind}): the kinds that say what is wrong
// with a deployment. MOVED/ASK reaching the service mean a cluster is spoken to as if it were one
// server; CROSSSLOT a key layout that does not fit the cluster; READONLY a write that reached a
// replica (a failover in progress); timeouts a slow or unreachable server.
export const REDIS_ERROR_KINDS = ['moved', 'ask', 'crossslot', 'readonly', 'clusterdown', 'noreplicas', 'timeout', 'connection', 'other'] as const;
export type RedisErrorKind = (typeof REDIS_ERROR_KINDS)[number];

export function redisErrorKind(e: unknown): RedisErrorKind {
  const m = e instanceof Error ? e.message : String(e);
  if (m.startsWith('MOVED')) return 'moved';
  if (m.startsWith('ASK')) return 'ask';
  if (m.startsWith('CROSSSLOT')) return 'crossslot';
  if (m.startsWith('READONLY')) return 'readonly';
  if (m.startsWith('CLUSTERDOWN') || m.startsWith('TRYAGAIN') || m.startsWith('MASTERDOWN')) return 'clusterdown';
  if (e instanceof NotReplicatedError || m.startsWith('NOREPLICAS')) return 'noreplicas';
  if (/timed out|timeout/i.test(m)) return 'timeout';
  if (/Connection is closed|isn't writeable|ECONNREFUSED|ECONNRESET|EPIPE|Failed to refresh slots|None of the (startup nodes|sentinels)|All sentinels|Cluster is ended|ready check|No connections available/i.test(m)) return 'connection';
  return 'other';
}

/** A write that the primary took but fewer replicas than REDIS_REVOCATION_MIN_REPLICAS confirmed. */
export class NotReplicatedError extends Error {
  constructor(
    readonly wanted: number,
    readonly got: number,
  ) {
    super(`the write reached ${got} of the ${wanted} replica(s) required within the timeout`);
    this.name = 'NotReplicatedError';
  }
}

/** A callback the stores call with every Redis error they meet (metrics count them by kind). */
export type RedisErrorSink = (part: 'events' | 'revocation' | 'invalidation' | 'health', e: unknown) => void;
