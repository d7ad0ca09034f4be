// The shared store: revocation records, revoke-all entries and the audit log in Redis, and the
// invalidation feed over pub/sub (sharded pub/sub on a Redis Cluster). Several service instances and
// every embedded checker share it. Standalone, Cluster and Sentinel go through one code path
// (../redis/connect.ts).
//
// Layout (redis-keys.ts, docs/service.md "Redis key layout"): `rv:j:<jti>` record with TTL = exp +
// 5 min (or the retention without exp); `rv:s:<sub>` / `rv:t:<tool>` revoke-all time with TTL = the
// retention; `rv:audit` a stream trimmed with MINID to 30 days; `rv:events` the channel. Record keys
// carry no hash tag, so on a cluster they spread over every primary. A revocation is: (1) the record,
// written by a script on that one key, then `WAIT` for REDIS_REVOCATION_MIN_REPLICAS replicas on the
// same connection (one pipeline), (2) the invalidation message, (3) the audit entry. Each step is
// retried safely by retrying the request (the script only extends a record), and the caller hears
// "done" only after all three: an acknowledged revocation is on a replica and announced.
import type { RedisOptions } from 'ioredis';
import { createRedisClient, isCluster, type RedisClient } from '../redis/connect';
import { keySlot } from '../redis/slots';
import { NotReplicatedError, redisErrorKind, type RedisErrorSink } from '../redis/errors';
import type { RedisTopology } from '../redis/topology';
import { auditMatches, toEntry } from './audit-filter';
import { auditFields } from './audit-stream-codec';
import { encodeNotBefore, encodeRevoked } from './invalidation-message';
import { decodeRecord, encodeRecord } from './record-codec';
import { revocationKeys, type RevocationKeys } from './redis-keys';
import { RedisLookupBatcher } from './redis-lookup';
import { commandConnectionOptions, subscriberConnectionOptions, type RevocationRedisSettings } from './redis-options';
import { RedisInvalidationFeed } from './redis-subscriber';
import { readAuditStream } from './redis-audit-read';
import {
  AUDIT_RETENTION_MS,
  type AuditInput,
  type AuditPage,
  type AuditQuery,
  type InvalidationListener,
  type LookupKeys,
  type LookupResult,
  type NotBeforeEntry,
  type RevocationRecord,
  type RevocationStore,
  type StoreHealth,
  type StoreStatusListener,
} from './types';

export interface RedisStoreOptions extends RevocationRedisSettings {
  /** REDIS_URL (standalone); or `topology` for a cluster or Sentinel. */
  url?: string;
  topology?: RedisTopology;
  /** REDIS_KEY_PREFIX (default `m1:`). */
  keyPrefix: string;
  /** REDIS_REVOCATION_MIN_REPLICAS: replicas that must hold a revocation before it is acknowledged. */
  minReplicas?: number;
  /** Extra ioredis options for the pub/sub connection (tests use it to stop reconnection). */
  subscriberOverrides?: Partial<RedisOptions>;
  heartbeatMs?: number;
  /** Every Redis error met (metrics by kind). */
  onRedisError?: RedisErrorSink;
}

export function topologyOf(o: { url?: string; topology?: RedisTopology }): RedisTopology {
  if (o.topology) return o.topology;
  if (o.url === undefined) throw new Error('the Redis store needs a url or a topology');
  return { kind: 'standalone', url: o.url };
}

export class RedisRevocationStore implements RevocationStore {
  readonly kind = 'redis' as const;
  readonly keys: RevocationKeys;
  readonly feed: RedisInvalidationFeed;
  readonly topology: RedisTopology;
  private readonly client: RedisClient;
  private readonly batcher: RedisLookupBatcher;
  private readonly statusListeners = new Set<StoreStatusListener>();
  private readonly minReplicas: number;
  private readonly waitMs: number;
  private readonly onRedisError: RedisErrorSink;
  private status: StoreHealth = 'down';
  private firstReady: Promise<void>;
  /** When the last command failed and when one last succeeded (health: the last outcome counts). */
  private lastFailureAt = 0;
  private lastSuccessAt = 0;

  constructor(opts: RedisStoreOptions) {
    this.topology = topologyOf(opts);
    this.keys = revocationKeys(opts.keyPrefix);
    this.minReplicas = opts.minReplicas ?? 0;
    // WAIT must give up before the command timeout cuts the connection's reply.
    this.waitMs = Math.max(1, Math.floor(opts.commandTimeoutMs * 0.8));
    this.onRedisError = opts.onRedisError ?? (() => undefined);
    const cluster = this.topology.kind === 'cluster';
    // On a cluster a batch is one MGET per slot, each its own command so that ioredis follows a
    // MOVED/ASK per command (an auto-pipeline mixing slots would hand the redirection to the caller).
    this.client = createRedisClient(this.topology, commandConnectionOptions(opts));
    this.batcher = new RedisLookupBatcher(this.client, this.keys, cluster);
    this.firstReady = new Promise((resolve) => this.client.once('ready', () => resolve()));
    this.client.on('ready', () => this.setStatus('up'));
    this.client.on('close', () => this.setStatus('down'));
    this.client.on('end', () => this.setStatus('down'));
    this.client.on('error', () => undefined); // surfaced as status and as rejected commands
    this.client.connect().catch(() => undefined); // retryStrategy keeps reconnecting
    this.feed = new RedisInvalidationFeed({
      topology: this.topology,
      channel: this.keys.channel,
      redisOptions: { ...subscriberConnectionOptions(opts), ...opts.subscriberOverrides },
      heartbeatMs: opts.heartbeatMs,
      resolveShardNode: cluster ? () => this.shardNodeOf(this.keys.channel) : undefined,
      onError: (e) => this.onRedisError('invalidation', e),
    });
  }

  /** Resolves when both connections are up and the feed is subscribed (startup, tests). */
  async ready(): Promise<void> {
    await Promise.all([this.firstReady, this.feed.ready()]);
  }

  /** The command connection (the service's health check and the benchmarks use it). */
  get redis(): RedisClient {
    return this.client;
  }

  /** `down` while disconnected, and for 2 s after a command failed unless one succeeded since. */
  health(): StoreHealth {
    if (this.status === 'down') return 'down';
    return this.lastFailureAt > this.lastSuccessAt && Date.now() - this.lastFailureAt < 2000 ? 'down' : 'up';
  }

  /** A write and a read of this instance's probe key (rate-limited by the caller), plus health(). */
  async probe(instance: string): Promise<StoreHealth> {
    if (this.health() === 'down') return 'down';
    const key = this.keys.probe(instance);
    const token = `${Date.now()}:${Math.random()}`;
    try {
      const r = await this.track(this.client.pipeline().set(key, token, 'PX', 60_000).get(key).exec());
      return r?.[0]?.[0] == null && r?.[1]?.[0] == null && r?.[1]?.[1] === token ? 'up' : 'down';
    } catch {
      return 'down';
    }
  }

  lookup(keys: LookupKeys): Promise<LookupResult> {
    return this.track(this.batcher.lookup(keys));
  }

  async revoke(record: RevocationRecord, until: number, audit: AuditInput): Promise<void> {
    const ttl = Math.ceil(until - Date.now());
    // An already-lapsed token needs no record (it cannot be used); the audit entry is still kept.
    if (ttl > 0) {
      // Monotonic: the script writes only when no record exists or this one outlives it.
      await this.track(this.replicated((p) => p.eval(REVOKE_SCRIPT, 1, this.keys.jti(record.jti), encodeRecord(record), String(ttl))));
      // Announced even when the script changed nothing: a retry after a failed announcement must
      // still reach every checker (receiving a message twice is harmless).
      this.feed.deliverLocal({ t: 'j', jti: record.jti, until });
      await this.track(this.publish(encodeRevoked(record.jti, until)));
    }
    await this.track(this.appendAudit([audit]));
  }

  async revokeAll(entry: NotBeforeEntry, audit: AuditInput): Promise<void> {
    const key = this.keys.notBefore(entry.kind, entry.value);
    await this.track(this.replicated((p) => p.set(key, String(entry.notBefore), 'PX', Math.max(1, Math.ceil(entry.until - Date.now())))));
    this.feed.deliverLocal({ t: 'n', ...entry });
    await this.track(this.publish(encodeNotBefore(entry)));
    await this.track(this.appendAudit([audit]));
  }

  async getRecord(jti: string): Promise<RevocationRecord | null> {
    const raw = await this.track(this.client.get(this.keys.jti(jti)));
    return raw === null ? null : decodeRecord(jti, raw);
  }

  async appendAudit(entries: AuditInput[]): Promise<void> {
    if (entries.length === 0) return;
    // One key: on a cluster the pipeline goes to the audit stream's primary.
    const p = this.client.pipeline();
    for (const e of entries) p.xadd(this.keys.audit, 'MINID', '~', String(Date.now() - AUDIT_RETENTION_MS), '*', ...auditFields(e));
    await this.track(execOrThrow(p));
  }

  async queryAudit(q: AuditQuery): Promise<AuditPage> {
    const since = Math.max(q.since ?? 0, Date.now() - AUDIT_RETENTION_MS);
    return this.track(
      readAuditStream(this.client, this.keys.audit, { ...q, since }, (id, input) => (auditMatches(input, q) ? toEntry(id, input) : null)),
    );
  }

  subscribe(listener: InvalidationListener): () => void {
    return this.feed.subscribe(listener);
  }

  onStatus(listener: StoreStatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.feed.close();
    this.statusListeners.clear();
    this.client.disconnect(false);
  }

  /**
   * Runs the pipeline with a WAIT behind it on the same connection, and checks the replicas' count.
   * A pipeline mixing a keyed command with the keyless WAIT gets a MOVED/ASK/TRYAGAIN back instead of
   * ioredis following it (a reshard in progress): the slot map is refreshed and it is sent again, a
   * few times within the command timeout (the script only extends a record: a resend is harmless).
   */
  private async replicated(build: (p: ReturnType<RedisClient['pipeline']>) => void): Promise<void> {
    const deadline = Date.now() + this.waitMs * 2;
    for (let attempt = 0; ; attempt++) {
      const p = this.client.pipeline();
      build(p);
      if (this.minReplicas > 0) p.wait(this.minReplicas, this.waitMs);
      try {
        const results = await execOrThrow(p);
        if (this.minReplicas > 0) {
          const got = Number(results[results.length - 1]?.[1]);
          if (!(got >= this.minReplicas)) throw new NotReplicatedError(this.minReplicas, Number.isFinite(got) ? got : 0);
        }
        return;
      } catch (e) {
        const kind = redisErrorKind(e);
        if (!(kind === 'moved' || kind === 'ask' || kind === 'clusterdown') || attempt >= 5 || Date.now() > deadline) throw e;
        this.onRedisError('revocation', e);
        const c = this.client;
        if (isCluster(c)) await new Promise<void>((r) => c.refreshSlotsCache(() => r()));
        await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
      }
    }
  }

  private async publish(message: string): Promise<void> {
    if (isCluster(this.client)) await this.client.spublish(this.keys.channel, message);
    else await this.client.publish(this.keys.channel, message);
  }

  /** The primary that owns `key`'s slot (the cluster's own slot map, refreshed first). */
  private async shardNodeOf(key: string): Promise<{ host: string; port: number }> {
    const raw = (await this.client.call('CLUSTER', 'SLOTS')) as Array<[number, number, [string, number, ...unknown[]], ...unknown[]]>;
    const slot = keySlot(key);
    for (const [from, to, primary] of raw) if (slot >= from && slot <= to) return { host: primary[0], port: Number(primary[1]) };
    throw new Error(`no node owns slot ${slot}`);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    return p.then(
      (v) => {
        this.lastSuccessAt = Date.now();
        return v;
      },
      (e: unknown) => {
        this.lastFailureAt = Date.now();
        this.onRedisError('revocation', e);
        throw e;
      },
    );
  }

  private setStatus(s: StoreHealth): void {
    if (s === this.status) return;
    this.status = s;
    for (const l of this.statusListeners) l(s);
  }
}

/**
 * KEYS[1] the record; ARGV record, ttl (ms). A missing record is written; an existing one keeps its
 * value (the first revocation's who and why) and only gets a longer TTL, never a shorter one; a
 * record without TTL is left alone. Returns 1 when something changed. It touches one key only, so it
 * runs on any topology (the message is published by the caller: a shard channel may live elsewhere).
 */
const REVOKE_SCRIPT = `
local cur = redis.call('PTTL', KEYS[1])
local ttl = tonumber(ARGV[2])
if cur == -2 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
elseif cur == -1 or cur >= ttl then
  return 0
else
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return 1`;

async function execOrThrow(m: ReturnType<RedisClient['pipeline']>): Promise<Array<[Error | null, unknown]>> {
  const results = await m.exec();
  if (results === null) throw new Error('Redis transaction aborted');
  for (const [err] of results) if (err) throw err;
  return results;
}
