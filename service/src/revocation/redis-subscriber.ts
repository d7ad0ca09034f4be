// The invalidation feed over Redis pub/sub. On every (re)connection it subscribes first and only
// then tells listeners to reset, so no revocation published after the reset can be missed; while
// disconnected it reports `down` (the cache TTL bounds staleness meanwhile). A periodic PING
// notices a connection that died silently (no FIN), which would otherwise look healthy forever.
// Standalone and Sentinel: SUBSCRIBE on a connection of the topology (Sentinel finds the primary).
// Cluster: sharded pub/sub (SSUBSCRIBE, Redis 7) on the primary that owns the channel's slot, found
// from the cluster's slot map on every (re)connection; the heartbeat also checks that the slot has
// not moved (a reshard or failover), and moves the subscription with it.
import { Redis, type RedisOptions } from 'ioredis';
import { createRedisClient, reconnectDelay, type RedisClient } from '../redis/connect';
import type { RedisEndpoint, RedisTopology } from '../redis/topology';
import { parseInvalidation, type InvalidationMessage } from './invalidation-message';
import type { InvalidationListener } from './types';

export interface RedisFeedOptions {
  topology: RedisTopology;
  channel: string;
  redisOptions: RedisOptions;
  heartbeatMs?: number;
  /** Cluster: the primary owning the channel's slot (sharded pub/sub). Absent: classic SUBSCRIBE. */
  resolveShardNode?: () => Promise<RedisEndpoint>;
  /** Errors met (a failed (S)SUBSCRIBE or heartbeat, a lost connection), for metrics by kind. */
  onError?: (e: unknown) => void;
}

export class RedisInvalidationFeed {
  private sub: RedisClient | null = null;
  private node: RedisEndpoint | null = null;
  private readonly listeners = new Set<InvalidationListener>();
  private readonly heartbeat: NodeJS.Timeout;
  private subscribed = false;
  private closing = false;
  private attempts = 0;
  private firstReady: Promise<void>;
  private resolveFirst: () => void = () => undefined;
  /** Messages that did not parse (dropped). */
  malformed = 0;

  constructor(private readonly opts: RedisFeedOptions) {
    this.firstReady = new Promise((r) => (this.resolveFirst = r));
    this.heartbeat = setInterval(() => void this.ping(), opts.heartbeatMs ?? 5000);
    this.heartbeat.unref();
    if (opts.resolveShardNode) void this.connectShard();
    else this.attach(createRedisClient(opts.topology, { ...opts.redisOptions, autoResubscribe: false }));
  }

  /** Resolves once the first subscription is active. */
  ready(): Promise<void> {
    return this.firstReady;
  }

  get isSubscribed(): boolean {
    return this.subscribed;
  }

  subscribe(l: InvalidationListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    this.sub?.disconnect(false);
    return Promise.resolve();
  }

  private get sharded(): boolean {
    return this.opts.resolveShardNode !== undefined;
  }

  private attach(sub: RedisClient): void {
    this.sub = sub;
    sub.on('ready', () => void this.onReady(sub));
    sub.on('close', () => this.onClose());
    sub.on('error', (e: unknown) => this.opts.onError?.(e)); // counted; state via close/ready; never crash the app
    sub.on('message', (_channel: string, raw: string) => this.onMessage(raw));
    sub.on('smessage', (_channel: string, raw: string) => this.onMessage(raw));
    // Sharded: the connection is to one node; when it ends, the slot's owner is looked up again.
    if (this.sharded) sub.on('end', () => this.reconnectShardLater());
    sub.connect().catch(() => undefined); // standalone/sentinel: keeps retrying in the background
  }

  private async connectShard(): Promise<void> {
    if (this.closing) return;
    let node: RedisEndpoint;
    try {
      node = await (this.opts.resolveShardNode as () => Promise<RedisEndpoint>)();
    } catch (e) {
      this.opts.onError?.(e);
      this.reconnectShardLater();
      return;
    }
    if (this.closing) return;
    this.node = node;
    const t = this.opts.topology;
    const auth = t.kind === 'standalone' ? {} : { ...(t.username ? { username: t.username } : {}), ...(t.password ? { password: t.password } : {}), ...(t.tls ? { tls: {} } : {}) };
    // No reconnect of its own: a dead node may never come back, so every retry asks the cluster.
    this.attach(new Redis({ ...this.opts.redisOptions, ...auth, host: node.host, port: node.port, autoResubscribe: false, retryStrategy: () => null }));
  }

  private reconnectShardLater(): void {
    if (this.closing) return;
    this.sub = null;
    const delay = reconnectDelay(++this.attempts);
    setTimeout(() => void this.connectShard(), delay).unref();
  }

  private async onReady(sub: RedisClient): Promise<void> {
    try {
      if (this.sharded) await sub.ssubscribe(this.opts.channel);
      else await sub.subscribe(this.opts.channel);
    } catch (e) {
      this.opts.onError?.(e);
      if (this.sharded) sub.disconnect(false); // 'end' follows: look the owner up again
      else sub.disconnect(true); // try again on a fresh connection
      return;
    }
    this.attempts = 0;
    this.subscribed = true;
    for (const l of this.listeners) l.reset();
    this.resolveFirst();
  }

  private onClose(): void {
    if (!this.subscribed) return;
    this.subscribed = false;
    if (this.closing) return;
    for (const l of this.listeners) l.down();
  }

  /**
   * Delivers a message this process just published to its own listeners at once: a revocation
   * must be enforced on the instance that made it as soon as the caller is told it is done, not
   * when the message comes back from Redis. (It does come back too; handling it twice is harmless.)
   */
  deliverLocal(m: InvalidationMessage): void {
    this.dispatch(m);
  }

  private onMessage(raw: string): void {
    const m = parseInvalidation(raw);
    if (m === null) {
      this.malformed++;
      return;
    }
    this.dispatch(m);
  }

  private dispatch(m: InvalidationMessage): void {
    if (m.t === 'j') for (const l of this.listeners) l.revoked(m.jti, m.until);
    else for (const l of this.listeners) l.notBefore(m);
  }

  private async ping(): Promise<void> {
    const sub = this.sub;
    if (!this.subscribed || !sub) return;
    try {
      await sub.ping();
      if (this.sharded && this.node) {
        // The slot moved (reshard, failover): Redis drops the subscription with an SUNSUBSCRIBE the
        // client does not report, so compare owners and move the subscription ourselves.
        const owner = await (this.opts.resolveShardNode as () => Promise<RedisEndpoint>)();
        if (owner.host !== this.node.host || owner.port !== this.node.port) sub.disconnect(false);
      }
    } catch (e) {
      this.opts.onError?.(e);
      if (!this.closing) sub.disconnect(!this.sharded);
    }
  }
}
