// The shared store: revocation records, revoke-all entries and the audit log in Redis, and the
// invalidation feed over pub/sub. Several service instances and every embedded checker share it.
//
// Layout (redis-keys.ts): `rv:j:<jti>` record with TTL = exp + 5 min (or the retention without
// exp); `rv:s:<sub>` / `rv:t:<tool>` revoke-all time with TTL = the retention; `rv:audit` a
// stream trimmed with MINID to 30 days; `rv:events` the pub/sub channel. A revocation writes its
// record, its audit entry and its message in one MULTI, so none exists without the others.
import { Redis, type RedisOptions } from 'ioredis';
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
  /** REDIS_URL. */
  url: string;
  /** REDIS_KEY_PREFIX (default `m1:`). */
  keyPrefix: string;
  /** Extra ioredis options for the pub/sub connection (tests use it to stop reconnection). */
  subscriberOverrides?: Partial<RedisOptions>;
  heartbeatMs?: number;
}

export class RedisRevocationStore implements RevocationStore {
  readonly kind = 'redis' as const;
  readonly keys: RevocationKeys;
  readonly feed: RedisInvalidationFeed;
  private readonly client: Redis;
  private readonly batcher: RedisLookupBatcher;
  private readonly statusListeners = new Set<StoreStatusListener>();
  private status: StoreHealth = 'down';
  private firstReady: Promise<void>;

  constructor(opts: RedisStoreOptions) {
    this.keys = revocationKeys(opts.keyPrefix);
    this.client = new Redis(opts.url, commandConnectionOptions(opts));
    // EVALSHA with ioredis' own fallback: the script text travels once per connection, not per call.
    this.client.defineCommand('m1Revoke', { numberOfKeys: 1, lua: REVOKE_SCRIPT });
    this.batcher = new RedisLookupBatcher(this.client, this.keys);
    this.firstReady = new Promise((resolve) => this.client.once('ready', () => resolve()));
    this.client.on('ready', () => this.setStatus('up'));
    this.client.on('close', () => this.setStatus('down'));
    this.client.on('error', () => undefined); // surfaced as status and as rejected commands
    this.client.connect().catch(() => undefined); // retryStrategy keeps reconnecting
    this.feed = new RedisInvalidationFeed({
      url: opts.url,
      channel: this.keys.channel,
      redisOptions: { ...subscriberConnectionOptions(opts), ...opts.subscriberOverrides },
      heartbeatMs: opts.heartbeatMs,
    });
  }

  /** Resolves when both connections are up and the feed is subscribed (startup, tests). */
  async ready(): Promise<void> {
    await Promise.all([this.firstReady, this.feed.ready()]);
  }

  /** The command connection (the service's health check and the benchmarks use it). */
  get redis(): Redis {
    return this.client;
  }

  health(): StoreHealth {
    return this.status;
  }

  lookup(keys: LookupKeys): Promise<LookupResult> {
    return this.batcher.lookup(keys);
  }

  async revoke(record: RevocationRecord, until: number, audit: AuditInput): Promise<void> {
    const ttl = Math.ceil(until - Date.now());
    const m = this.client.multi();
    // An already-lapsed token needs no record (it cannot be used); the audit entry is still kept.
    // Monotonic: the script writes (and announces) only when no record exists or this one outlives it.
    if (ttl > 0) (m as unknown as RevokeCommand).m1Revoke(this.keys.jti(record.jti), encodeRecord(record), String(ttl), this.keys.channel, encodeRevoked(record.jti, until));
    this.addAudit(m, audit);
    const results = await execOrThrow(m);
    if (ttl > 0 && results[0]?.[1] === 1) this.feed.deliverLocal({ t: 'j', jti: record.jti, until });
  }

  async revokeAll(entry: NotBeforeEntry, audit: AuditInput): Promise<void> {
    const m = this.client.multi();
    m.set(this.keys.notBefore(entry.kind, entry.value), String(entry.notBefore), 'PX', Math.max(1, Math.ceil(entry.until - Date.now())));
    m.publish(this.keys.channel, encodeNotBefore(entry));
    this.addAudit(m, audit);
    await execOrThrow(m);
    this.feed.deliverLocal({ t: 'n', ...entry });
  }

  async getRecord(jti: string): Promise<RevocationRecord | null> {
    const raw = await this.client.get(this.keys.jti(jti));
    return raw === null ? null : decodeRecord(jti, raw);
  }

  async appendAudit(entries: AuditInput[]): Promise<void> {
    if (entries.length === 0) return;
    const p = this.client.pipeline();
    for (const e of entries) this.addAudit(p, e);
    await execOrThrow(p);
  }

  async queryAudit(q: AuditQuery): Promise<AuditPage> {
    const since = Math.max(q.since ?? 0, Date.now() - AUDIT_RETENTION_MS);
    return readAuditStream(this.client, this.keys.audit, { ...q, since }, (id, input) =>
      auditMatches(input, q) ? toEntry(id, input) : null,
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

  private addAudit(m: ReturnType<Redis['multi']>, audit: AuditInput): void {
    // MINID ~ trims whole stream nodes older than 30 days: cheap, approximately exact.
    m.xadd(this.keys.audit, 'MINID', '~', String(Date.now() - AUDIT_RETENTION_MS), '*', ...auditFields(audit));
  }

  private setStatus(s: StoreHealth): void {
    if (s === this.status) return;
    this.status = s;
    for (const l of this.statusListeners) l(s);
  }
}

/**
 * KEYS[1] the record; ARGV record, ttl (ms), channel, message. A missing record is written; an existing
 * one keeps its value (the first revocation's who and why) and only gets a longer TTL, never a shorter
 * one; a record without TTL is left alone. Returns 1 when something changed (then it publishes).
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
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1`;

/** The custom command defined from REVOKE_SCRIPT (ioredis adds it to the client, its pipelines and MULTI). */
interface RevokeCommand {
  m1Revoke(key: string, record: string, ttlMs: string, channel: string, message: string): unknown;
}

async function execOrThrow(m: ReturnType<Redis['multi']>): Promise<Array<[Error | null, unknown]>> {
  const results = await m.exec();
  if (results === null) throw new Error('Redis transaction aborted');
  for (const [err] of results) if (err) throw err;
  return results;
}
