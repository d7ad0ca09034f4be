// The event store interface: the embedded store (one process) and the Redis store (several instances
// sharing one history and one order) both implement it. The store assigns ids (a gap-free sequence) and
// delivers every stored event - from this instance or any other - to its subscribers in id order.
import type { AnalyticsEvent, NormalizedEvent } from '../../../shared/src/events';

export interface StoredEvent {
  /** The sequence number; `event.id === String(seq)`. */
  readonly seq: number;
  readonly event: AnalyticsEvent;
  /** `JSON.stringify(event)`, computed once and shared by every SSE client and the ring buffer. */
  readonly json: string;
  /** When the store took it (epoch ms; Redis: the stream entry's time), for retention; absent = now. */
  readonly arrived?: number;
}

export interface StoreListener {
  /** A batch of consecutive events, in id order. */
  onEvents(batch: readonly StoredEvent[]): void;
  /** The feed skipped ids (e.g. Redis trimmed the stream while this instance could not read it) or went
   * backwards (the store was reset): buffered history can no longer be replayed without a hole. */
  onGap(info: { expectedSeq: number; gotSeq: number }): void;
}

export type StoreKind = 'embedded' | 'redis';

export interface EventStore {
  readonly kind: StoreKind;
  /** Loads existing history (Redis) and starts delivering to subscribers. */
  start(): Promise<void>;
  /** Stores the batch atomically with consecutive ids; resolves to the first id's sequence number.
   * Rejects with StoreUnavailableError when the store cannot take it (nothing of the batch is stored). */
  append(events: readonly NormalizedEvent[]): Promise<number>;
  subscribe(listener: StoreListener): () => void;
  /** `null` for the embedded store. */
  redisStatus(): 'up' | 'down' | null;
  /** A real write and read (Redis), for /healthz; absent = the store is always able to write. */
  probe?(): Promise<'up' | 'down'>;
  /** The last write failed a moment ago and none succeeded since (health: not ok right now). */
  recentFailure?(): boolean;
  /** The newest id the store has handed out to anyone (Redis: every instance's), null when none or
   * unknown. An instance's own feed may be behind it for a moment (Redis: its XREAD lags). */
  latestSeq(): Promise<number | null>;
  close(): Promise<void>;
}

export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** The JSON of an event with its id first, built from the JSON without it (no second stringify). */
export function withIdJson(seq: number, jsonWithoutId: string): string {
  return jsonWithoutId === '{}' ? `{"id":"${seq}"}` : `{"id":"${seq}",${jsonWithoutId.slice(1)}`;
}

export function toStored(seq: number, e: NormalizedEvent, jsonWithoutId: string = JSON.stringify(e), arrived?: number): StoredEvent {
  const event: AnalyticsEvent = { id: String(seq), ...e };
  const stored = { seq, event, json: withIdJson(seq, jsonWithoutId) };
  return arrived === undefined ? stored : { ...stored, arrived };
}
