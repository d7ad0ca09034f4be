// The embedded event store (no REDIS_URL): one process, ids from an in-process counter. Events are
// analytics, not records: they live in the analytics tables and the ring buffer, and a restart starts
// a new stream. Its ids continue ABOVE every id the previous run handed out (a block reservation kept
// in M1_DATA_DIR, sequence-file.ts), so a client reconnecting with an id of the previous run gets
// `reset` and never a replay of other events that happen to carry the ids it asks for. Within a run
// ids are gap-free; between runs they jump.
import type { NormalizedEvent } from '../../../shared/src/events';
import { SequenceFile } from './sequence-file';
import { StoreUnavailableError, toStored, type EventStore, type StoreListener, type StoredEvent } from './types';

/** Ids reserved per write of the sequence file (a run uses at most this many ids per write). */
export const RESERVE_BLOCK = 1_000_000;

export interface EmbeddedStoreOptions {
  /** M1_DATA_DIR. Absent: nothing persisted, ids from 1 in every run (unit tests). */
  dataDir?: string;
  reserveBlock?: number;
  clock?: () => number;
}

export class EmbeddedEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  private seq = 0;
  /** Ids up to this one may be handed out without writing the sequence file first. */
  private reserved = Number.MAX_SAFE_INTEGER;
  private readonly file: SequenceFile | null;
  private readonly block: number;
  private readonly listeners = new Set<StoreListener>();

  constructor(private readonly o: EmbeddedStoreOptions = {}) {
    this.file = o.dataDir === undefined ? null : new SequenceFile(o.dataDir);
    this.block = o.reserveBlock ?? RESERVE_BLOCK;
  }

  start(): Promise<void> {
    if (this.file) {
      // The previous run handed out ids below its reservation: start above it.
      this.seq = this.file.read((this.o.clock ?? Date.now)());
      this.reserve(this.seq);
    }
    return Promise.resolve();
  }

  /** Makes ids up to `upTo + block` durable before any of them is handed out. */
  private reserve(upTo: number): void {
    const next = upTo + this.block;
    (this.file as SequenceFile).write(next);
    this.reserved = next;
  }

  append(events: readonly NormalizedEvent[]): Promise<number> {
    const first = this.seq + 1;
    // `>=`: the last reserved id is never handed out, so a new run always starts after a gap.
    if (this.file && this.seq + events.length >= this.reserved) {
      try {
        this.reserve(this.seq + events.length);
      } catch (e) {
        return Promise.reject(new StoreUnavailableError(`cannot record the event id reservation in M1_DATA_DIR: ${(e as Error).message}`, { cause: e }));
      }
    }
    const batch: StoredEvent[] = new Array<StoredEvent>(events.length);
    for (let i = 0; i < events.length; i++) batch[i] = toStored(first + i, events[i] as NormalizedEvent);
    this.seq += events.length;
    // Delivered synchronously: by the time the POST answers 202, every local subscriber has the batch.
    if (batch.length > 0) for (const l of this.listeners) l.onEvents(batch);
    return Promise.resolve(first);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  redisStatus(): null {
    return null;
  }

  latestSeq(): Promise<number | null> {
    return Promise.resolve(this.seq === 0 ? null : this.seq);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
