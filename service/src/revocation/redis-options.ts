// ioredis settings for the revocation connections. The defaults are wrong for a security check:
// ioredis queues commands while disconnected and retries each one 20 times, so a check against a
// dead Redis would hang for over a minute instead of failing closed. Here every command either
// answers or rejects within REDIS_COMMAND_TIMEOUT_MS, while the client keeps reconnecting in the
// background so that checks recover by themselves.
import type { RedisOptions } from 'ioredis';
import { reconnectDelay } from '../redis/connect';

export { reconnectDelay };

export interface RevocationRedisSettings {
  /** REDIS_COMMAND_TIMEOUT_MS (10–10000, default 500). */
  commandTimeoutMs: number;
  /** REDIS_CONNECT_TIMEOUT_MS (100–30000, default 5000). */
  connectTimeoutMs: number;
  /** Shown in CLIENT LIST, e.g. `m1-ops:revocation`. */
  connectionName?: string;
}

/** Options for the command connection (lookups, writes). */
export function commandConnectionOptions(s: RevocationRedisSettings): RedisOptions {
  return {
    // Reject at once while disconnected instead of queueing: the check fails closed immediately.
    enableOfflineQueue: false,
    // A connected but unresponsive Redis: each command rejects after this long.
    commandTimeout: s.commandTimeoutMs,
    // Commands in flight when the connection drops are rejected, not replayed after a reconnect.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // A socket that stays silent with commands pending is torn down and reconnected, so health
    // turns "down" and the reconnect loop starts even when Redis hangs without closing.
    socketTimeout: Math.max(s.commandTimeoutMs * 4, 2000),
    connectTimeout: s.connectTimeoutMs,
    retryStrategy: reconnectDelay,
    // No auto-pipelining: the lookup batcher already merges a tick's lookups into one MGET, and
    // ioredis's auto-pipeline would hold each batch back until setImmediate (a slower tail).
    enableAutoPipelining: false,
    connectionName: s.connectionName ?? 'm1-ops:revocation',
    lazyConnect: true,
  };
}

/** Options for the pub/sub connection: resubscribes by itself after a reconnect. */
export function subscriberConnectionOptions(s: RevocationRedisSettings): RedisOptions {
  return {
    enableOfflineQueue: true,
    autoResubscribe: true,
    commandTimeout: s.commandTimeoutMs,
    maxRetriesPerRequest: 0,
    connectTimeout: s.connectTimeoutMs,
    retryStrategy: reconnectDelay,
    connectionName: `${s.connectionName ?? 'm1-ops:revocation'}:sub`,
    lazyConnect: true,
  };
}
