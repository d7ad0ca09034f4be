// The Redis event store: several instances share one history and one order.
// - Ids: one Lua script per batch INCRBYs a counter and XADDs every event with its sequence number, so
//   the batch is atomic, ids are gap-free, and stream order = id order for every instance.
// - Keys: `<prefix>{<prefix>ev}:seq` and `<prefix>{<prefix>ev}:stream` share a hash tag, so the
//   script that touches both runs on a Redis Cluster too (one slot); the tag derives from the prefix,
//   so deployments with different prefixes land on different slots.
// - History: one stream `<prefix>{<prefix>ev}:stream`, trimmed (approximately, `~`) to the retention by entry
//   time (MINID) and to at most STREAM_MAX_LEN entries; a starting instance loads it (analytics + replay
//   buffer), then follows it with a blocking XREAD on its own connection.
// - Every instance, including the one that ingested, delivers events from its XREAD: one path, one order.
// - A jump in the sequence (the stream was trimmed past what this instance had read, e.g. while Redis
//   was unreachable) or a step back (the keys were deleted) is reported as a gap.
import { createHash } from 'node:crypto';
import type { RedisClient } from '../redis/connect';
import { EventInputSchema, type NormalizedEvent } from '../../../shared/src/events';
import { StoreUnavailableError, toStored, type EventStore, type StoreListener, type StoredEvent } from './types';

export const STREAM_MAX_LEN = 1_000_000;
const READ_COUNT = 5_000;
const BLOCK_MS = 5_000;

const APPEND_LUA = `
local n = #ARGV - 2
local last = redis.call('INCRBY', KEYS[1], n)
local first = last - n + 1
for i = 1, n do
  redis.call('XADD', KEYS[2], '*', 's', first + i - 1, 'e', ARGV[i + 2])
end
redis.call('XTRIM', KEYS[2], 'MINID', '~', ARGV[1])
redis.call('XTRIM', KEYS[2], 'MAXLEN', '~', ARGV[2])
return first
`;
const APPEND_SHA = createHash('sha1').update(APPEND_LUA).digest('hex');

type StreamEntry = [id: string, fields: string[]];

export interface RedisStoreOptions {
  /** Commands (bounded by REDIS_COMMAND_TIMEOUT_MS). */
  redis: RedisClient;
  /** A second connection for the blocking XREAD (no command timeout). */
  reader: RedisClient;
  prefix: string;
  retentionMs: number;
  bufferSize: number;
  clock: () => number;
  onError: (op: 'append' | 'read' | 'decode' | 'probe', e?: unknown) => void;
  /** This instance's name in the health probe's key. */
  instanceId?: string;
}

/** The event keys: one hash tag, derived from the prefix (see the header). */
export function eventKeys(prefix: string): { seq: string; stream: string; probe: (instance: string) => string } {
  const tagged = `${prefix}{${prefix}ev}:`;
  return { seq: `${tagged}seq`, stream: `${tagged}stream`, probe: (instance) => `${tagged}health:${instance}` };
}

export class RedisEventStore implements EventStore {
  readonly kind = 'redis' as const;
  private readonly listeners = new Set<StoreListener>();
  private readonly seqKey: string;
  private readonly streamKey: string;
  private readonly probeKey: string;
  /** Outcome of the last append (health: a store that just failed a write is not ok). */
  private lastAppendFailedAt = 0;
  private lastAppendOkAt = 0;
  private lastId = '0-0';
  private expectedSeq: number | null = null;
  private closed = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly o: RedisStoreOptions) {
    const keys = eventKeys(o.prefix);
    this.seqKey = keys.seq;
    this.streamKey = keys.stream;
    this.probeKey = keys.probe(o.instanceId ?? String(process.pid));
  }

  redisStatus(): 'up' | 'down' {
    return this.o.redis.status === 'ready' ? 'up' : 'down';
  }

  /** The last append failed (within 2 s) and none succeeded since. */
  recentFailure(): boolean {
    return this.lastAppendFailedAt > this.lastAppendOkAt && this.o.clock() - this.lastAppendFailedAt < 2000;
  }

  /**
   * Can the store do what ingestion needs right now? A write and a read of a key in the events' slot
   * (so on a cluster it reaches the primary the appends go to), and the last append not failed since
   * the last success. The caller rate-limits it.
   */
  async probe(): Promise<'up' | 'down'> {
    if (this.recentFailure()) return 'down';
    const token = `${this.o.clock()}:${Math.random()}`;
    try {
      const r = await this.o.redis.pipeline().set(this.probeKey, token, 'PX', 60_000).get(this.probeKey).exec();
      return r?.[0]?.[0] == null && r?.[1]?.[0] == null && r?.[1]?.[1] === token ? 'up' : 'down';
    } catch (e) {
      this.o.onError('probe', e);
      return 'down';
    }
  }

  async latestSeq(): Promise<number | null> {
    const v = await this.o.redis.get(this.seqKey);
    const n = v === null ? NaN : Number(v);
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.o.reader.status === 'wait') await this.o.reader.connect();
    // Load the retained history in pages, then follow the stream from where the history ended.
    for (;;) {
      const start = this.lastId === '0-0' ? '-' : `(${this.lastId}`;
      const page = (await this.o.redis.xrange(this.streamKey, start, '+', 'COUNT', READ_COUNT)) as StreamEntry[];
      this.deliver(page);
      if (page.length < READ_COUNT) break;
    }
    this.loop = this.follow();
  }

  private async follow(): Promise<void> {
    while (!this.closed) {
      try {
        const reply = (await this.o.reader.xread('COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', this.streamKey, this.lastId));
        if (reply) for (const [, entries] of reply) this.deliver(entries);
      } catch (e) {
        if (this.closed) return;
        // The reader connection retries by itself (maxRetriesPerRequest: null); count and go on.
        this.o.onError('read', e);
        await new Promise((r) => setTimeout(r, 200)); // back off instead of spinning while Redis is down
      }
    }
  }

  private deliver(entries: readonly StreamEntry[]): void {
    if (entries.length === 0) return;
    const batch: StoredEvent[] = [];
    const flush = () => {
      if (batch.length === 0) return;
      const out = batch.splice(0);
      for (const l of this.listeners) l.onEvents(out);
    };
    for (const [id, fields] of entries) {
      this.lastId = id;
      const stored = this.decode(id, fields);
      if (!stored) continue;
      if (this.expectedSeq !== null && stored.seq !== this.expectedSeq) {
        flush();
        for (const l of this.listeners) l.onGap({ expectedSeq: this.expectedSeq, gotSeq: stored.seq });
      }
      this.expectedSeq = stored.seq + 1;
      batch.push(stored);
    }
    flush();
  }

  private decode(id: string, fields: readonly string[]): StoredEvent | null {
    let seq = NaN;
    let json: string | undefined;
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i] === 's') seq = Number(fields[i + 1]);
      else if (fields[i] === 'e') json = fields[i + 1];
    }
    if (!Number.isSafeInteger(seq) || json === undefined) {
      this.o.onError('decode');
      return null;
    }
    // Written by this service, but Redis is shared: validate before it reaches analytics and clients.
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      raw = null;
    }
    const r = EventInputSchema.safeParse(raw);
    if (!r.success || typeof r.data.ts !== 'number') {
      this.o.onError('decode');
      return null;
    }
    return toStored(seq, r.data as NormalizedEvent, json, Number(id.split('-')[0]));
  }

  async append(events: readonly NormalizedEvent[]): Promise<number> {
    if (events.length === 0) return this.expectedSeq ?? 1;
    const minId = String(Math.max(0, this.o.clock() - this.o.retentionMs));
    const args = [minId, String(Math.max(STREAM_MAX_LEN, this.o.bufferSize)), ...events.map((e) => JSON.stringify(e))];
    try {
      let first: unknown;
      try {
        first = await this.o.redis.evalsha(APPEND_SHA, 2, this.seqKey, this.streamKey, ...args);
      } catch (e) {
        if (!(e instanceof Error) || !e.message.includes('NOSCRIPT')) throw e;
        first = await this.o.redis.eval(APPEND_LUA, 2, this.seqKey, this.streamKey, ...args);
      }
      this.lastAppendOkAt = this.o.clock();
      return Number(first);
    } catch (e) {
      this.lastAppendFailedAt = this.o.clock();
      this.o.onError('append', e);
      throw new StoreUnavailableError(`Redis did not store the batch: ${(e as Error).message}`, { cause: e });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    this.o.reader.disconnect();
    await this.loop;
  }
}
