// The invalidation feed over Redis pub/sub. On every (re)connection it subscribes first and only
// then tells listeners to reset, so no revocation published after the reset can be missed; while
// disconnected it reports `down` (the cache TTL bounds staleness meanwhile). A periodic PING
// notices a connection that died silently (no FIN), which would otherwise look healthy forever.
import { Redis, type RedisOptions } from 'ioredis';
import { parseInvalidation, type InvalidationMessage } from './invalidation-message';
import type { InvalidationListener } from './types';

export interface RedisFeedOptions {
  url: string;
  channel: string;
  redisOptions: RedisOptions;
  heartbeatMs?: number;
}

export class RedisInvalidationFeed {
  private readonly sub: Redis;
  private readonly listeners = new Set<InvalidationListener>();
  private readonly heartbeat: NodeJS.Timeout;
  private subscribed = false;
  private closing = false;
  private firstReady: Promise<void>;
  private resolveFirst: () => void = () => undefined;
  /** Messages that did not parse (dropped). */
  malformed = 0;

  constructor(private readonly opts: RedisFeedOptions) {
    this.firstReady = new Promise((r) => (this.resolveFirst = r));
    this.sub = new Redis(opts.url, { ...opts.redisOptions, autoResubscribe: false });
    this.sub.on('ready', () => void this.onReady());
    this.sub.on('close', () => this.onClose());
    this.sub.on('error', () => undefined); // reported through close/ready; never crash the app
    this.sub.on('message', (_channel: string, raw: string) => this.onMessage(raw));
    this.heartbeat = setInterval(() => this.ping(), opts.heartbeatMs ?? 5000);
    this.heartbeat.unref();
    this.sub.connect().catch(() => undefined); // keeps retrying in the background
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
    this.sub.disconnect(false);
    return Promise.resolve();
  }

  private async onReady(): Promise<void> {
    try {
      await this.sub.subscribe(this.opts.channel);
    } catch {
      this.sub.disconnect(true); // try again on a fresh connection
      return;
    }
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

  private ping(): void {
    if (!this.subscribed) return;
    this.sub.ping().catch(() => {
      if (!this.closing) this.sub.disconnect(true);
    });
  }
}
