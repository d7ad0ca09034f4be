// The live-stream hub: every connected SSE client, fan-out of stored events, pings, rollups, resets and
// shutdown. A batch is serialised once per distinct type filter (not once per client), so the cost of
// fan-out is one string concatenation per filter plus one write per client.
import type { EventType, ResetPayload } from '../../../shared/src/events';
import type { Counter, Gauge } from '../metrics/registry';
import type { RevocationChecker } from '../revocation/checker';
import type { StoredEvent } from '../store/types';
import type { LiveRollups, RollupListener } from './rollups';
import { SseClient, type DisconnectReason, type SseClientOptions } from './client';
import { PING, eventFrame, namedFrame } from './frames';

export interface HubOptions {
  pingMs: number;
  backlogLimitBytes: number;
  clientsGauge: Gauge;
  disconnects: Counter;
  rollups: LiveRollups;
}

export class SseHub {
  private readonly clients = new Set<SseClient>();
  private readonly rollupUnsubs = new Map<SseClient, () => void>();
  /** Open streams by their token's jti: a revocation message finds its streams without a scan. */
  private readonly byJti = new Map<string, Set<SseClient>>();
  private readonly pingTimer: NodeJS.Timeout;
  private expiryTimer: NodeJS.Timeout | null = null;
  private checker: RevocationChecker | null = null;

  constructor(private readonly opts: HubOptions) {
    this.pingTimer = setInterval(() => this.broadcast(PING), opts.pingMs);
    this.pingTimer.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Registers a client whose response headers and opening frames are already written. */
  add(res: ConstructorParameters<typeof SseClient>[0], o: Omit<SseClientOptions, 'backlogLimitBytes' | 'onClose'>): SseClient {
    const client = new SseClient(res, { ...o, backlogLimitBytes: this.opts.backlogLimitBytes, onClose: (c, r) => this.remove(c, r) });
    this.clients.add(client);
    const jti = o.token?.claims.jti;
    if (jti !== undefined) {
      let set = this.byJti.get(jti);
      if (!set) this.byJti.set(jti, (set = new Set()));
      set.add(client);
    }
    this.opts.clientsGauge.set(this.clients.size);
    if (o.rollupMs !== null) {
      const listener: RollupListener = (payload, anomalies) => {
        const types = payload.types;
        const filtered = o.types ? Object.fromEntries(Object.entries(types).filter(([t]) => o.types?.has(t as EventType))) : types;
        this.sendOne(client, namedFrame('rollup', { ...payload, types: filtered }));
        for (const a of anomalies) if (client.wants(a.type)) this.sendOne(client, namedFrame('anomaly', a));
      };
      this.rollupUnsubs.set(client, this.opts.rollups.subscribe(o.rollupMs, listener));
    }
    return client;
  }

  private remove(client: SseClient, reason: DisconnectReason): void {
    if (!this.clients.delete(client)) return;
    const jti = client.opts.token?.claims.jti;
    const set = jti === undefined ? undefined : this.byJti.get(jti);
    if (set) {
      set.delete(client);
      if (set.size === 0) this.byJti.delete(jti as string);
    }
    this.rollupUnsubs.get(client)?.();
    this.rollupUnsubs.delete(client);
    this.opts.clientsGauge.set(this.clients.size);
    this.opts.disconnects.inc({ reason });
  }

  private sendOne(client: SseClient, frame: string): void {
    client.send(frame, Buffer.byteLength(frame));
  }

  private broadcast(frame: string): void {
    const bytes = Buffer.byteLength(frame);
    for (const c of this.clients) c.send(frame, bytes);
  }

  /** Fans a batch of stored events out to every client whose filter wants them. */
  publish(batch: readonly StoredEvent[]): void {
    if (this.clients.size === 0 || batch.length === 0) return;
    const framesByFilter = new Map<string, { frame: string; bytes: number }>();
    let all: string | null = null;
    const lastSeq = (batch[batch.length - 1] as StoredEvent).seq;
    for (const c of this.clients) {
      if (c.skipThrough > 0) {
        // Rare (a client that came from an instance ahead of this one): its own frame, once.
        const skip = c.skipThrough;
        if (lastSeq > skip) c.skipThrough = 0;
        if ((batch[0] as StoredEvent).seq <= skip) {
          const frame = batch
            .filter((e) => e.seq > skip && c.wants(e.event.type))
            .map(eventFrame)
            .join('');
          this.sendOne(c, frame);
          continue;
        }
      }
      let f = framesByFilter.get(c.filterKey);
      if (!f) {
        let frame: string;
        if (c.opts.types === null) {
          all ??= batch.map(eventFrame).join('');
          frame = all;
        } else {
          frame = batch
            .filter((e) => c.wants(e.event.type))
            .map(eventFrame)
            .join('');
        }
        f = { frame, bytes: Buffer.byteLength(frame) };
        framesByFilter.set(c.filterKey, f);
      }
      c.send(f.frame, f.bytes);
    }
  }

  /** The feed itself skipped events: every client is told, as if its id had aged out. */
  broadcastReset(payload: ResetPayload): void {
    for (const c of this.clients) c.skipThrough = 0; // the ids it waited for will not come in this order
    this.broadcast(namedFrame('reset', payload));
  }

  closeAll(reason: string): void {
    clearInterval(this.pingTimer);
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    for (const c of [...this.clients]) c.end(reason);
  }

  /**
   * Keeps open streams honest about their tokens: a stream whose token is revoked (a message from any
   * instance, or a revoke-all that covers it) or expires is ended with a last comment saying why.
   * Expiry is swept every second; revocations arrive through the checker's invalidation feed.
   */
  watchTokens(checker: RevocationChecker, clock: () => number, everyMs = 1000): void {
    this.checker = checker;
    checker.on('invalidated', (jti) => {
      for (const c of [...(this.byJti.get(jti) ?? [])]) c.end('stream closed: token revoked', 'revoked');
    });
    const recheckAll = (): void => void this.recheck();
    checker.on('not-before', recheckAll);
    checker.on('pubsub-reset', recheckAll);
    this.expiryTimer = setInterval(() => {
      const now = clock();
      for (const c of [...this.clients]) {
        const exp = c.opts.token?.expiresAtMs;
        if (exp !== undefined && exp !== null && exp <= now) c.end('stream closed: token expired', 'expired');
      }
    }, everyMs);
    this.expiryTimer.unref();
  }

  /** Asks the checker about every open stream's token (after a revoke-all or a feed reset). */
  private async recheck(): Promise<void> {
    const checker = this.checker;
    if (!checker) return;
    await Promise.all(
      [...this.clients].map(async (c) => {
        const token = c.opts.token;
        if (!token) return;
        const outcome = await checker.check(token.claims);
        // A store failure alone does not cut a stream that was admitted; revoked (or unreadable) does.
        if (outcome === 'revoked' || outcome === 'malformed') c.end('stream closed: token revoked', 'revoked');
      }),
    );
  }
}
